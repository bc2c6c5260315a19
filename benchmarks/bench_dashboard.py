"""Dashboard page times on a large store (a script, not a test; it asserts nothing).

Builds a store with the Store's own schema, then N questions over S stories in the last 90
days (the retention period) and S catalogue rows, and times full HTTP requests to the running
dashboard app: the front page (all stories), a story page, a page of the story list further
down, and the CSV of all unanswered questions. Beside them, a naive story list (the counts of
every story computed, then one page taken) run on the same file in the same process.

The background page check (bot.store.page_check, PRAGMA quick_check for /healthz): its time on
this store and on each `--check FILE` (e.g. the 4,995-story catalogue `storybot add --jsonl`
makes), its share of one core at the interval, and the pages' times again while checks run back
to back on their thread (what a check running at the same moment costs a request).

Run:  python benchmarks/bench_dashboard.py [--questions 200000] [--stories 5000] [--runs 5] [--check FILE ...]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import tornado.httpserver
import tornado.netutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.dashboard import queries  # noqa: E402
from bot.dashboard.server import make_app  # noqa: E402
from bot.store import page_check  # noqa: E402
from bot.store.database import Store, normalise_question  # noqa: E402

TOKEN = "benchmark-token-0123456789abcdef"
KINDS = ["answer"] * 5 + ["not_found"] * 3 + ["greeting", "summary"]

NAIVE_STORIES = """
WITH counts AS (SELECT story, count(*) n, sum(kind = 'answer') a, min(asked_at) first FROM questions GROUP BY story),
ids AS (SELECT id FROM stories UNION SELECT story FROM counts)
SELECT ids.id, s.title, c.n, c.a FROM ids LEFT JOIN stories s ON s.id = ids.id LEFT JOIN counts c ON c.story = ids.id
ORDER BY coalesce(s.added_at, c.first, 0) DESC LIMIT 50 OFFSET 100
"""


async def build(path: Path, n_questions: int, n_stories: int, now: float) -> None:
    store = await Store.open(path)
    await store.close()
    rng = random.Random(7)
    db = sqlite3.connect(path)
    rows = []
    for i in range(n_questions):
        question = f"سؤال رقم {rng.randint(0, 5000)} عن القصة"
        rows.append((
            f"q{i}", 1, rng.randint(1, 20000), question, normalise_question(question), rng.choice(KINDS), "[]",
            None, 3.0, now - rng.random() * 90 * 86400, f"story-{rng.randint(0, n_stories - 1)}",
        ))
    db.executemany(
        "INSERT INTO questions (answer_id, chat_id, user_id, question, question_norm, kind, quotes, top_score,"
        " latency_ms, asked_at, story) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    db.executemany(
        "INSERT INTO stories VALUES (?, ?, '', '', '', '{}', ?, ?)",
        [(f"story-{i}", f"عنوان القصة {i}", now - i * 600, now) for i in range(n_stories)],
    )
    db.commit()
    db.close()


async def timed(client: httpx.AsyncClient, path: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = await client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times) * 1000


def time_page_check(path: Path, runs: int) -> None:
    """check_pages' median time on `path` (wall and this thread's CPU) and its share of a core."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.thread_time()
        found = page_check.check_pages(path)
        walls.append(time.perf_counter() - start)
        cpus.append(time.thread_time() - cpu)
        assert found is None, found
    wall = statistics.median(walls)
    share = wall / page_check.next_wait_s(wall)
    print(f"page check of {path.name} ({path.stat().st_size / 1e6:.0f} MB): p50 {wall * 1000:.1f} ms "
          f"({statistics.median(cpus) * 1000:.1f} ms CPU); every {page_check.next_wait_s(wall):.0f} s: "
          f"{share * 100:.2f} % of one core")


class BackToBack:
    """Page checks of `path` one after another on a thread, as long as the context lasts."""

    def __init__(self, path: Path) -> None:
        self.path, self.done, self.checks = path, threading.Event(), 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.done.is_set():
            page_check.check_pages(self.path)
            self.checks += 1

    def __enter__(self) -> "BackToBack":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", type=Path, action="append", default=[], metavar="FILE",
                        help="also time the page check of this store file (read only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "storybot.db"
        now = time.time()
        start = time.perf_counter()
        await build(path, args.questions, args.stories, now)
        print(f"store: {args.questions} questions over {args.stories} stories, built in {time.perf_counter() - start:.1f} s")
        server = tornado.httpserver.HTTPServer(make_app(path, TOKEN))
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        pages = (
            ("front page (all stories)", "/"),
            ("story list, page 3", "/?page=3"),
            ("one story", "/story/story-42"),
            ("CSV, all unanswered", "/unanswered.csv"),
            ("/healthz", "/healthz"),
        )
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            for label, url in pages:
                print(f"{label:28s} p50 {await timed(client, url, args.runs):8.1f} ms")
            for file in (path, *args.check):
                time_page_check(file, args.runs)
            with BackToBack(path) as checking:
                for label, url in pages:
                    print(f"{label:28s} p50 {await timed(client, url, args.runs):8.1f} ms  (page checks back to back)")
            print(f"    ({checking.checks} checks meanwhile)")
        server.stop()
        async with queries.open_read_only(path) as db:
            for label, run in (
                ("story list page (ours)", lambda: queries.read_stories(db, page=3)),
                ("story list page (naive)", lambda: db.execute_fetchall(NAIVE_STORIES)),
            ):
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    await run()
                    times.append(time.perf_counter() - start)
                print(f"{label:28s} p50 {statistics.median(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
