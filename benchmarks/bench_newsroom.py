"""A newsroom's scale: the catalogue with the 4,995 SaudiNewsNet articles (a script, not a
test; it prints figures and asserts nothing). Each figure stands beside a naive baseline.

(1) adding them all: `storybot add --jsonl` as a process; beside it, what the naive way pays at
    every start: one pooled index of the articles given with --article (build_library), on
    the first 1,000 articles (the issue measured 8.3 s and 536 MB for 1,000).
(2) start-up: `storybot ask --story ID` on the full catalogue beside `storybot ask` on the
    embedded story alone (goal <= 1.1x) and `python -c "import numpy"` (goal <= 4x), median
    of several runs.
(3) memory of a running bot (telegram imported, the newsroom over the catalogue) after 1,000
    questions over 200 stories (goal <= 250 MB), beside the same with an unbounded cache;
    (3') the same with `storybot telegram` itself as a process against the Bot API stand-in
    (tests/standin.py), 200 readers each arriving by a story's deep link.
(4) a question in an already-opened story (goal p50 <= 10 ms) and in a story not yet opened
    (goal p50 <= 50 ms), beside naive rank-bm25 over the story's sentences (already built /
    parsed from the record and built on the spot).
(5) choosing the story for a question with none chosen (goal p50 <= 30 ms, right story first
    for >= 0.9 of the questions of ../shared/eval/articles/, those six added), beside naive
    rank-bm25 over every story's whitespace tokens in memory. Also given: the same with the
    six articles and the embedded story alone; "counting copies", a copy of the same news
    under another id counted as right (the corpus carries d1 from another paper); and how
    often the story chosen holds a gold answer phrase at all (normalised), whichever it is.
    And right first by the rarest question word the right story holds (how many stories hold it).
    The same for the questions of tests/data/fresh-2026-12-01 and -01c (their articles are in
    the corpus; --all-fresh: also -01b, -02 and -02b). How many questions name their story at
    all: of the concepts the right story holds, how many other stories (copies aside) hold
    every one ("alone": none does; a question whose words fifty other stories hold together
    cannot name its story by its words), and right first by that count. (5') what a chat
    gets: Newsroom.choose, with the stories a reply offers beside its best match ("first or
    offered"), and right first apart for crowded questions (Choice.crowded: more stories come
    close than a reply can offer) and the others. (5'') a reader's conversation: the questions
    asked one after another in one chat, each choice knowing the chat's previous story.

Run:  python benchmarks/bench_newsroom.py [--runs 7] [--keep DIR] [--choose-only | --startup-only] [--all-fresh]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import sqlite3

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "saudinewsnet-5k.jsonl.gz"
EVAL = SHARED / "eval" / "articles"
FRESH = ROOT / "tests" / "data" / "fresh-2026-12-01"
FRESH_C = ROOT / "tests" / "data" / "fresh-2026-12-01c"
MORE_FRESH = [ROOT / "tests" / "data" / name for name in ("fresh-2026-12-01b", "fresh-2026-12-02", "fresh-2026-12-02b")]
QUESTION = "ما أهم ما جاء في الخبر؟"
STORYBOT = [sys.executable, "-m", "bot"]


def p50(values: list[float]) -> float:
    return statistics.median(values) * 1000


def timed(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT, text=True)
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return time.perf_counter() - start


def records() -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def tokens(text: str) -> list[str]:
    from index.analysis import normalize, tokenize

    return tokenize(normalize(text))


# ---------------------------------------------------------------- (1) adding


def bench_add(db: Path, env: dict[str, str]) -> None:
    # Exit status 2: four records of the corpus are poems (every line reads as a heading),
    # so they hold no paragraph of body text and are reported and skipped.
    seconds = timed([*STORYBOT, "add", "--jsonl", str(CORPUS)], env, ok=(0, 2))
    for i in range(1, 7):
        subprocess.run([*STORYBOT, "add", str(EVAL / f"d{i}.txt")], env=env, check=True, capture_output=True, cwd=ROOT)
    from bot.store.catalogue import article_from_record
    from index.library import build_library

    sample = []
    for record in records()[:1000]:
        try:
            sample.append(article_from_record(record).article)
        except ValueError:
            pass
    start = time.perf_counter()
    build_library(sample, [])
    naive = time.perf_counter() - start
    print(f"(1) add --jsonl of {CORPUS.name}: {seconds:.1f} s once ({seconds / 4995 * 1000:.1f} ms a story); "
          f"file {db.stat().st_size / 1e6:.0f} MB")
    print(f"    naive, paid at every start: one pooled index of {len(sample)} articles {naive:.1f} s "
          f"(x5 for the catalogue: ~{naive * 5:.0f} s)")


# ---------------------------------------------------------------- (2) start-up


def bench_startup(env: dict[str, str], runs: int) -> None:
    bare_env = {**env, "STORYBOT_DB": str(Path(env["STORYBOT_DB"]).with_name("absent.db"))}
    cases = {
        # The same story as the embedded line, read through the catalogue: what the catalogue
        # itself adds (the two lines below also differ by their story's size).
        "ask --story lecun-meta (catalogue)": ([*STORYBOT, "ask", "--story", "lecun-meta", QUESTION], env),
        "ask --story snn-2000 (catalogue)": ([*STORYBOT, "ask", "--story", "snn-2000", QUESTION], env),
        "ask --story d3 (catalogue)": ([*STORYBOT, "ask", "--story", "d3", QUESTION], env),
        "ask (embedded story alone)": ([*STORYBOT, "ask", QUESTION], bare_env),
        'python -c "import numpy"': ([sys.executable, "-c", "import numpy"], env),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved, so drift in the machine's load hits all alike
        for name, (cmd, case_env) in cases.items():
            times[name].append(timed(cmd, case_env))
    median = {name: statistics.median(values) for name, values in times.items()}
    embedded, numpy = median["ask (embedded story alone)"], median['python -c "import numpy"']
    print(f"(2) start-up, median of {runs}:")
    for name, value in median.items():
        print(f"    {name:36s} {value * 1000:6.0f} ms   x{value / embedded:.2f} embedded   x{value / numpy:.2f} numpy")


# ---------------------------------------------------------------- (3) memory, (4) questions

_WORKLOAD = r"""
import json, random, sys, time
import telegram.ext  # the running bot has the Telegram stack loaded
from bot.core.answer import answer
from bot.newsroom import Newsroom
from bot.store.catalogue import Catalogue
db, capacity = sys.argv[1], int(sys.argv[2])
newsroom = Newsroom(Catalogue.open(db, create=False), capacity=capacity)
ids = [i.id for i in newsroom.catalogue.newest()][:400]
rng = random.Random(11)
chosen = rng.sample([i for i in ids if i.startswith("snn-")], 200)
def question(story, k):
    # A yes/no question made of six words of the story's k-th sentence: it goes through
    # search and the decision (no intent shortcut), and no two are the same.
    sentences = story.primary.sentences
    words = sentences[(3 * k) % len(sentences)].text.split()
    return "هل " + " ".join(words[2:8]) + "؟"
cold, warm = [], []
for n in range(1000):  # a reader asks five questions about a story, then the next reader comes
    sid = chosen[n // 5]
    start = time.perf_counter()
    story = newsroom.story(sid)
    reply = answer(story, question(story, n % 5))
    (cold if n % 5 == 0 else warm).append(time.perf_counter() - start)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
rss = int(status["VmRSS"].split()[0]) / 1e3  # kB; VmHWM, unlike ru_maxrss, starts afresh at exec
peak = int(status["VmHWM"].split()[0]) / 1e3
print(json.dumps({"rss_mb": rss, "peak_mb": peak, "cold": cold, "warm": warm}))
"""


def run_workload(db: Path, capacity: int, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", _WORKLOAD, str(db), str(capacity)], env=env, cwd=ROOT,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def naive_questions(db: Path) -> tuple[list[float], list[float]]:
    """rank-bm25 over a story's whitespace-tokenised sentences: parse + build + query for a
    story not opened, query alone for one already built."""
    from rank_bm25 import BM25Okapi

    from bot.store.catalogue import Catalogue, article_from_record

    by_id = {r["id"]: r for r in records()}
    with Catalogue.open(db, create=False) as catalogue:
        ids = [i.id for i in catalogue.newest() if i.id.startswith("snn-")][:200]
    cold, warm, built = [], [], {}
    for sid in ids:
        start = time.perf_counter()
        article = article_from_record(by_id[sid]).article
        sentences = [s.text for s in article.sentences]
        bm25 = BM25Okapi([tokens(s) or ["_"] for s in sentences])
        bm25.get_top_n(tokens(sentences[0])[:6], sentences, n=3)
        cold.append(time.perf_counter() - start)
        built[sid] = (bm25, sentences)
    for k in range(800):
        bm25, sentences = built[ids[k % 200]]
        query = tokens(sentences[k % len(sentences)])[2:8]
        start = time.perf_counter()
        bm25.get_top_n(query, sentences, n=3)
        warm.append(time.perf_counter() - start)
    return cold, warm


def bench_memory_and_questions(db: Path, env: dict[str, str]) -> None:
    bounded = run_workload(db, 64, env)
    unbounded = run_workload(db, 10**6, env)
    print(f"(3) memory after 1,000 questions over 200 stories (telegram imported): "
          f"{bounded['rss_mb']:.0f} MB (peak {bounded['peak_mb']:.0f} MB), cache of 64 stories; "
          f"unbounded cache {unbounded['rss_mb']:.0f} MB")
    naive_cold, naive_warm = naive_questions(db)
    print(f"(4) question in an opened story p50 {p50(bounded['warm']):.1f} ms "
          f"(naive rank-bm25 query {p50(naive_warm):.2f} ms); "
          f"in a story not yet opened p50 {p50(bounded['cold']):.1f} ms, p90 "
          f"{statistics.quantiles(bounded['cold'], n=10)[-1] * 1000:.1f} ms "
          f"(naive parse+build+query {p50(naive_cold):.1f} ms)")


async def _running_bot(db: Path, readers: int = 200, rounds: int = 5) -> tuple[float, float, int, int]:
    """`python -m bot telegram` as a process on a copy of the catalogue, against the stand-in:
    `readers` readers each open a different story by its deep link and ask `rounds` questions
    drawn from it. Returns the bot's VmRSS and VmHWM (MB), replies received, questions asked."""
    import asyncio
    import shutil

    sys.path.insert(0, str(ROOT / "tests"))
    from standin import TEST_TOKEN, StandIn

    from bot.store.catalogue import Catalogue

    with Catalogue.open(db, create=False) as catalogue:
        ids = random.Random(7).sample([i.id for i in catalogue.newest() if i.id.startswith("snn-")], readers)
        sentences = {sid: [s.text for s in catalogue.article(sid).sentences] for sid in ids}
    standin = await StandIn().start()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "storybot.db"
        shutil.copy(db, work)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORYBOT_"))}
        env.update(TELEGRAM_BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_BASE_URL=standin.base_url, STORYBOT_DB=str(work),
                   STORYBOT_RATE_LIMIT="0", STORYBOT_LOG_LEVEL="ERROR")
        child = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "telegram", cwd=ROOT, env=env,
                                                     stderr=asyncio.subprocess.DEVNULL)
        try:
            await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), 60)
            links = [standin.send_text(f"/start {sid}", user_id=600_000 + k) for k, sid in enumerate(ids)]
            await standin.wait_until(lambda: all(standin.replies_to(m) for m in links), 600)
            asked = []
            for r in range(rounds):
                for k, sid in enumerate(ids):
                    words = sentences[sid][(3 * r) % len(sentences[sid])].split()
                    asked.append(standin.send_text("هل " + " ".join(words[2:8]) + "؟", user_id=600_000 + k))
                await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), 600)
            status = dict(line.split(":", 1) for line in Path(f"/proc/{child.pid}/status").read_text().splitlines())
            rss, hwm = (int(status[key].split()[0]) / 1e3 for key in ("VmRSS", "VmHWM"))
            return rss, hwm, sum(1 for m in asked if standin.replies_to(m)), len(asked)
        finally:
            child.send_signal(signal.SIGTERM)
            await child.wait()
            await standin.stop()


def bench_running_bot(db: Path) -> None:
    import asyncio

    rss, hwm, replied, asked = asyncio.run(_running_bot(db))
    print(f"(3') `storybot telegram` itself on the catalogue, against the stand-in: 200 readers, each on its own "
          f"story by deep link, {asked:,} questions ({replied:,} answered): bot RSS {rss:.0f} MB, peak {hwm:.0f} MB")


# ---------------------------------------------------------------- (5) choosing


def eval_questions() -> list[tuple[str, dict]]:
    out = []
    for i in range(1, 7):
        for line in (EVAL / f"d{i}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((f"d{i}", json.loads(line)))
    return out


def fresh_questions(folder: Path = FRESH) -> list[tuple[str, dict]]:
    """The 240 questions of a blind set's folder (tests/data/fresh-2026-12-01, …-01c) about
    eight SaudiNewsNet articles, with the corpus id of each article (its README's table): they
    are in the 5k file already, so they are further choice sets, written apart from the six."""
    readme = (folder / "README.md").read_text(encoding="utf-8")
    ids = dict(re.findall(r"^\| ([a-z]\d)\.txt \| (snn-\d+) \|", readme, re.M))
    out = []
    for name, sid in sorted(ids.items()):
        for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((sid, json.loads(line)))
    return out


def copies(db: Path, targets: list[str]) -> dict[str, set[str]]:
    """Stories of the corpus that are the same news as each target (dN): most of its body words
    in the same order (shared 5-word shingles >= 0.5 of its own)."""
    from bot.store.catalogue import Catalogue

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = tokens(text)
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    found: dict[str, set[str]] = {}
    with Catalogue.open(db, create=False) as catalogue:
        for sid in targets:
            mine = shingles(catalogue.article(sid).text)
            found[sid] = set()
            for other, _ in catalogue.best_matches(catalogue.article(sid).title, limit=20):
                if other != sid and len(mine & shingles(catalogue.article(other).text)) >= 0.5 * len(mine):
                    found[sid].add(other)
    return found


def score_choice(db: Path, label: str, lenient: dict[str, set[str]],
                 questions: list[tuple[str, dict]] | None = None, naive_too: bool = True) -> None:
    from rank_bm25 import BM25Okapi

    from bot.store.catalogue import Catalogue

    questions = eval_questions() if questions is None else questions
    with Catalogue.open(db, create=False) as catalogue:
        ids = [i.id for i in catalogue.newest()]
        times, firsts = [], []
        for _, q in questions:
            start = time.perf_counter()
            best = catalogue.best_matches(q["question"], limit=1)
            times.append(time.perf_counter() - start)
            firsts.append(best[0][0] if best else None)
        if naive_too:
            start = time.perf_counter()
            docs = []
            for sid in ids:
                article = catalogue.article(sid)
                docs.append(tokens(article.title + " " + " ".join(p.text for p in article.paragraphs)))
            naive = BM25Okapi(docs)
            naive_build = time.perf_counter() - start
    naive_times, naive_firsts = [], []
    for _, q in questions if naive_too else ():
        start = time.perf_counter()
        scores = naive.get_scores(tokens(q["question"]))
        naive_times.append(time.perf_counter() - start)
        naive_firsts.append(ids[int(scores.argmax())] if scores.max() > 0 else None)

    texts: dict[str, str] = {}

    def holds_answer(pick: str | None, q: dict) -> bool:
        """The chosen story holds one of the gold phrases (normalised): it can answer."""
        from index.analysis import normalize

        if pick is None:
            return False
        if pick not in texts:
            with Catalogue.open(db, create=False) as again:
                texts[pick] = normalize(again.article(pick).text)
        return any(normalize(g) in texts[pick] for g in q.get("gold", ()))

    def answering(picks: list[str | None]) -> str:
        pairs = [(q, pick) for (_, q), pick in zip(questions, picks) if q["answerable"]]
        right = sum(holds_answer(pick, q) for q, pick in pairs)
        return f"{right}/{len(pairs)} = {right / len(pairs):.2f}"

    def share(picks: list[str | None], answerable_only: bool, loose: bool) -> str:
        pairs = [(sid, pick) for (sid, q), pick in zip(questions, picks) if q["answerable"] or not answerable_only]
        right = sum(pick == sid or (loose and pick in lenient.get(sid, ())) for sid, pick in pairs)
        return f"{right}/{len(pairs)} = {right / len(pairs):.2f}"

    named = naming(db, questions, lenient, firsts)
    print(f"(5) choosing among {len(ids)} stories ({label}): p50 {p50(times):.1f} ms, p90 "
          f"{statistics.quantiles(times, n=10)[-1] * 1000:.1f} ms; right story first: answerable "
          f"{share(firsts, True, False)}, all {share(firsts, False, False)}"
          + (f", answerable counting copies {share(firsts, True, True)}" if lenient else "")
          + f"; the story chosen holds the answer: {answering(firsts)}")
    print(f"    right first (copies right) by how the words name the story (answerable; how many other stories hold "
          f"every concept the right one holds): {named}")
    print(f"    right first (copies right) by the question's rarest word the story holds (answerable; how many stories "
          f"hold it): {rarest_held(db, questions, lenient, firsts)}")
    if not naive_too:
        return
    print(f"    naive rank-bm25 over whitespace tokens in memory (built in {naive_build:.1f} s): p50 "
          f"{p50(naive_times):.1f} ms; answerable {share(naive_firsts, True, False)}, all "
          f"{share(naive_firsts, False, False)}"
          + (f", counting copies {share(naive_firsts, True, True)}" if lenient else "")
          + f"; holds the answer: {answering(naive_firsts)}")


NAMING_CLASSES = (("alone", 0, 0), ("1-4 others", 1, 4), ("5-49", 5, 49), ("50+", 50, 10**9))


def _concepts_and_words(conn: "sqlite3.Connection", question: str, story: str) -> tuple[list, dict[str, int], frozenset[str]]:
    """The question's concepts and how many stories hold each of their terms
    (bot.store.story_search.QuestionReader), and the terms the story holds: what both
    ceilings below read."""
    from bot.store.story_search import QuestionReader, _story_words

    concepts, counts = QuestionReader(conn).concepts(question)
    row = conn.execute("SELECT w.title, w.passages FROM story_words w JOIN stories s ON s.rowid = w.rowid "
                       "WHERE s.id = ?", (story,)).fetchone()
    return concepts, counts, _story_words(*row).terms


def rivals(db: Path, question: str, story: str, lenient: set[str]) -> int | None:
    """How many other stories (copies of the story aside) hold every concept of the question
    that the story holds (bot.store.story_search's concepts; None when it holds none): 0 when
    the question's words single the story out, many when they are the words of many stories."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        concepts, _, words = _concepts_and_words(conn, question, story)
        held = [[t for t in c.terms if '"' not in t] for c in concepts if any(t in words for t in c.terms)]
        if not held:
            return None
        expression = " AND ".join("(" + " OR ".join(f'"{t}"' for t in terms) + ")" for terms in held)
        found = {r[0] for r in conn.execute("SELECT s.id FROM story_terms JOIN stories s ON s.rowid = story_terms.rowid "
                                            "WHERE story_terms MATCH ?", (expression,))}
    conn.close()
    return len(found - {story} - lenient)


RAREST_CLASSES = (("<=5", 0, 5), ("6-20", 6, 20), ("21-100", 21, 100), ("100+", 101, 10**9))


def rarest_word(db: Path, question: str, story: str) -> int | None:
    """How many stories hold the rarest of the question's concepts that the story holds (its
    rarest term there; None when it holds none): a question with a word distinctive of its
    story (a name, a rare word) beside one whose every word is common among the stories."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        concepts, counts, words = _concepts_and_words(conn, question, story)
    conn.close()
    held = [counts[t] for c in concepts for t in c.terms if t in words and counts.get(t)]
    return min(held, default=None)


def right_first_by(
    classes: tuple[tuple[str, int, int], ...],
    count_of: Callable[[str, dict], int | None],
    questions: list[tuple[str, dict]],
    lenient: dict[str, set[str]],
    firsts: list[str | None],
) -> str:
    """Right first (a copy of the story counted right) among the answerable questions, in the
    classes (name, lowest, highest) of a count a question's words give its story (count_of of
    the story's id and the question; None: "holds none"): a ceiling of a choice by words."""
    right: dict[str, list[int]] = {name: [0, 0] for name, _, _ in classes + (("holds none", 0, 0),)}
    for (sid, q), pick in zip(questions, firsts):
        if not q["answerable"]:
            continue
        count = count_of(sid, q)
        name = "holds none" if count is None else next(n for n, lo, hi in classes if lo <= count <= hi)
        right[name][0] += pick == sid or pick in lenient.get(sid, ())
        right[name][1] += 1
    return ", ".join(f"{name} {r}/{n}" for name, (r, n) in right.items())


def rarest_held(db: Path, questions: list[tuple[str, dict]], lenient: dict[str, set[str]], firsts: list[str | None]) -> str:
    """Right first by how rare the rarest question word the right story holds is (see rarest_word)."""
    return right_first_by(RAREST_CLASSES, lambda sid, q: rarest_word(db, q["question"], sid), questions, lenient, firsts)


def naming(db: Path, questions: list[tuple[str, dict]], lenient: dict[str, set[str]], firsts: list[str | None]) -> str:
    """Right first by how well the question's words name its story (see rivals; a copy of the
    story is left out of the count as it is counted right)."""
    return right_first_by(
        NAMING_CLASSES, lambda sid, q: rivals(db, q["question"], sid, lenient.get(sid, set())), questions, lenient, firsts
    )


def score_newsroom_choice(db: Path, label: str, lenient: dict[str, set[str]], questions: list[tuple[str, dict]]) -> None:
    """What a chat with no story chosen gets: Newsroom.choose (best_matches), the catalogue's choice with
    the engine's answer from the best and the runner-up (stories opened in its bounded cache,
    most of them cold: the timing holds building their indexes), and the other stories the
    reply offers (Telegram: a button each); "or offered": the right story is first or one of them."""
    from bot.newsroom import Newsroom
    from bot.store.catalogue import Catalogue

    with Catalogue.open(db, create=False) as catalogue:
        newsroom = Newsroom(catalogue)
        times, pairs, offered, crowded = [], [], [], []
        for sid, q in questions:
            if not q["answerable"]:
                continue
            start = time.perf_counter()
            choice = newsroom.choose(q["question"])
            times.append(time.perf_counter() - start)
            ranked = [choice.id, *(i.id for i in choice.others)] if choice.how == "best_match" else []
            pairs.append((sid, ranked[0] if ranked else None))
            offered.append((sid, ranked))
            crowded.append(choice.crowded)
    right = sum(pick == sid for sid, pick in pairs)
    apart = {flag: [sum(pick == sid for (sid, pick), c in zip(pairs, crowded) if c == flag), crowded.count(flag)]
             for flag in (True, False)}
    loose = sum(pick == sid or pick in lenient.get(sid, ()) for sid, pick in pairs)
    shown = sum(any(p == sid or p in lenient.get(sid, ()) for p in ranked) for sid, ranked in offered)
    buttons = sum(max(0, len(ranked) - 1) for _, ranked in offered) / len(offered)
    print(f"(5') Newsroom.choose ({label}): p50 {p50(times):.1f} ms, p90 "
          f"{statistics.quantiles(times, n=10)[-1] * 1000:.1f} ms; right story first: answerable "
          f"{right}/{len(pairs)} = {right / len(pairs):.2f}, counting copies {loose}/{len(pairs)} = {loose / len(pairs):.2f}; "
          f"first or offered (counting copies) {shown}/{len(pairs)} = {shown / len(pairs):.2f}, {buttons:.1f} offered a question; "
          f"right first when crowded {apart[True][0]}/{apart[True][1]}, when not {apart[False][0]}/{apart[False][1]}")


def score_conversations(db: Path, label: str, questions: list[tuple[str, dict]]) -> None:
    """A reader asks several questions in one chat with no story chosen (Newsroom.choose with
    the story of the chat's previous answer, as StoryDesk asks): each article's questions in
    one chat in their file's order, then shuffled; and a worst case, one chat for all the
    articles with their questions shuffled together (the story changes at most questions).
    Right first over the answerable questions."""
    from bot.newsroom import Newsroom
    from bot.store.catalogue import Catalogue

    def chats(order: str) -> list[list[tuple[str, dict]]]:
        by_article: dict[str, list[tuple[str, dict]]] = {}
        for sid, q in questions:
            by_article.setdefault(sid, []).append((sid, q))
        if order == "file":
            return list(by_article.values())
        if order == "shuffled":
            return [random.Random(5).sample(chat, len(chat)) for chat in by_article.values()]
        return [random.Random(5).sample(questions, len(questions))]

    figures = []
    with Catalogue.open(db, create=False) as catalogue:
        newsroom = Newsroom(catalogue)
        for order in ("file", "shuffled", "mixed"):
            right = asked = 0
            for chat in chats(order):
                previous = None
                for sid, q in chat:
                    previous = newsroom.choose(q["question"], previous=previous).id
                    if q["answerable"]:
                        right, asked = right + (previous == sid), asked + 1
            figures.append(f"{right}/{asked}")
    print(f"(5'') conversations ({label}): right story first, one chat an article in the file's order "
          f"{figures[0]}, shuffled {figures[1]}; one chat for all, every article's questions shuffled together {figures[2]}")


def shelf_choice() -> None:
    """The in-memory chooser (Shelf.best_for) among the six and the embedded story: the same
    scoring (bot.core.matching), each story reading the question with its own analyser."""
    from bot.core.shelf import load_shelf
    from index.article import EMBEDDED_STORY

    shelf = load_shelf([EMBEDDED_STORY] + [EVAL / f"d{i}.txt" for i in range(1, 7)])
    questions = eval_questions()
    picks = [shelf.best_for(q["question"]).id for _, q in questions]
    right = sum(pick == sid for (sid, _), pick in zip(questions, picks))
    answerable = sum(pick == sid for (sid, q), pick in zip(questions, picks) if q["answerable"])
    print(f"    Shelf.best_for among the same seven, in memory: answerable {answerable}/120 = {answerable / 120:.2f}, "
          f"all {right}/{len(questions)} = {right / len(questions):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="keep the catalogue in DIR (reused when present)")
    parser.add_argument("--choose-only", action="store_true", help="only (5), the choice of the story")
    parser.add_argument("--startup-only", action="store_true", help="only (2), the start-up (after (1) if needed)")
    parser.add_argument("--all-fresh", action="store_true",
                        help="(5) also over fresh-2026-12-01b, -02 and -02b (all five fresh folders, 800 answerable)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-newsroom-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "newsroom.db"
    env = {**os.environ, "STORYBOT_DB": str(db)}
    if not db.exists():
        bench_add(db, env)
    else:
        print(f"(1) skipped: reusing {db}")
    if args.startup_only:
        bench_startup(env, args.runs)
        return
    if not args.choose_only:
        bench_startup(env, args.runs)
        bench_memory_and_questions(db, env)
        bench_running_bot(db)
    lenient = copies(db, [f"d{i}" for i in range(1, 7)])
    print(f"    copies of the six in the corpus: { {k: sorted(v) for k, v in lenient.items() if v} }")
    score_choice(db, "4,995 + six + embedded", lenient, naive_too=not args.choose_only)
    fresh = fresh_questions()
    fresh_copies = copies(db, sorted({sid for sid, _ in fresh}))
    print(f"    fresh set: the eight articles of {FRESH.name} (in the 5k file), their 240 questions; copies in the "
          f"corpus: { {k: sorted(v) for k, v in fresh_copies.items() if v} }")
    score_choice(db, "4,995 + six + embedded, fresh set", fresh_copies, fresh, naive_too=not args.choose_only)
    fresh_c = fresh_questions(FRESH_C)
    fresh_c_copies = copies(db, sorted({sid for sid, _ in fresh_c}))
    print(f"    fresh set c: the eight articles of {FRESH_C.name} (in the 5k file), their 240 questions; copies in the "
          f"corpus: { {k: sorted(v) for k, v in fresh_c_copies.items() if v} }")
    score_choice(db, "4,995 + six + embedded, fresh set c", fresh_c_copies, fresh_c, naive_too=not args.choose_only)
    more = []
    for folder in MORE_FRESH if args.all_fresh else ():
        questions = fresh_questions(folder)
        found = copies(db, sorted({sid for sid, _ in questions}))
        print(f"    {folder.name}: copies in the corpus: { {k: sorted(v) for k, v in found.items() if v} }")
        score_choice(db, f"4,995 + six + embedded, {folder.name}", found, questions, naive_too=not args.choose_only)
        more.append((folder.name, found, questions))
    score_newsroom_choice(db, "4,995 + six + embedded", lenient, eval_questions())
    score_newsroom_choice(db, "4,995 + six + embedded, fresh set", fresh_copies, fresh)
    score_newsroom_choice(db, "4,995 + six + embedded, fresh set c", fresh_c_copies, fresh_c)
    for name, found, questions in more:
        score_newsroom_choice(db, f"4,995 + six + embedded, {name}", found, questions)
    score_conversations(db, "4,995 + six + embedded", eval_questions())
    score_conversations(db, "4,995 + six + embedded, fresh set", fresh)
    score_conversations(db, "4,995 + six + embedded, fresh set c", fresh_c)
    for name, _, questions in more:
        score_conversations(db, f"4,995 + six + embedded, {name}", questions)
    small = folder / "six.db"
    if not small.exists():
        for i in range(1, 7):
            subprocess.run([*STORYBOT, "add", str(EVAL / f"d{i}.txt")], env={**env, "STORYBOT_DB": str(small)},
                           check=True, capture_output=True, cwd=ROOT)
    score_choice(small, "six + embedded", {})
    shelf_choice()


if __name__ == "__main__":
    random.seed(5)
    main()
