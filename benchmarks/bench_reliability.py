"""Issue 10's figures: duplicates under drop-after faults, answers after a SIGKILL, memory over a long run.

Three parts, each against the Bot API stand-in (tests/standin.py) on 127.0.0.1:

* duplicates: 200 chats ask once; 20% of the replies are delivered and then their connection
  drops (the bot sees RemoteProtocolError). Run with the old resend rule (resend whenever the
  connection closed without an answer) and with today's (resend only what never left whole),
  in the same process: chats that got their reply twice, and chats left without a reply.
* restart: `python -m bot telegram` as a process; 600 readers ask once, SIGKILL after 4 s,
  restart on the same SQLite file: answered before the kill, after the restart, lost, twice.
* memory: the bot in its own process, the stand-in in another (neither shares the bot's
  core), 100,000 questions from 10,000 readers (64 in flight), with the SQLite store; the bot
  process's resident memory (VmRSS) every 10,000 questions. Flood control's pre-emptive wait
  is off (it would make the run last an hour); everything else is production.

    python benchmarks/bench_reliability.py [--part duplicates|restart|memory|all]
                                           [--questions 100000] [--users 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from standin import TEST_TOKEN, StandIn  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core.answer import answer, load_story  # noqa: E402
from bot.telegram import delivery  # noqa: E402
from bot.telegram import render as tr  # noqa: E402
from bot.telegram.app import build_application, serve  # noqa: E402
from bot.telegram.state import Tuning  # noqa: E402

# The same mix of questions as the throughput benchmark.
from bench_telegram import QUESTIONS  # noqa: E402


def expected_messages(story: Any) -> dict[str, int]:
    return {q: len(tr.render_answer(answer(story, q))) for q in QUESTIONS}


def count(standin: StandIn, asked: list[dict[str, Any]], expected: dict[str, int]) -> tuple[int, int]:
    """(chats that got their reply more than once, chats that got none)."""
    twice = sum(1 for m in asked if len(standin.replies_to(m)) > expected[m["text"]])
    lost = sum(1 for m in asked if not standin.replies_to(m))
    return twice, lost


# ------------------------------------------------------------------ duplicates


async def duplicates_run(story: Any, old_rule: bool) -> tuple[int, int, int]:
    standin = await StandIn().start()
    saved = delivery.may_resend
    if old_rule:
        delivery.may_resend = lambda method, written: True  # type: ignore[assignment]
    try:
        settings = Settings(telegram_bot_token=TEST_TOKEN, telegram_api_base_url=standin.base_url)
        tuning = replace(Tuning(), overall_max_rate=0, group_max_rate=0, backoff_s=0.05)
        app = build_application(settings, story, None, tuning=tuning)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, settings, stop, tuning=tuning))
        await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), 30)
        # Every fifth chat: the reply is delivered, then the connection drops (each time it is sent).
        fault = standin.inject("drop_after", method="sendMessage", count=10_000,
                               match=lambda p: int(p["chat_id"]) % 5 == 0)
        asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=70_000 + i) for i in range(200)]
        await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), 120)
        stop.set()
        await task
        twice, lost = count(standin, asked, expected_messages(story))
        return twice, lost, fault.hits
    finally:
        delivery.may_resend = saved
        await standin.stop()


async def part_duplicates(story: Any) -> None:
    print("duplicates: 200 chats, every fifth reply delivered and then its connection dropped")
    for label, old in (("old rule: resend a closed connection", True), ("new rule: resend only what never left whole", False)):
        twice, lost, hits = await duplicates_run(story, old)
        print(f"  {label:46} chats answered twice: {twice:3d} of 200   without a reply: {lost}   drops: {hits}")


# ------------------------------------------------------------------ restart after SIGKILL


def _child_env(base_url: str, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORYBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_BASE_URL=base_url, STORYBOT_DB=str(db),
               STORYBOT_RATE_LIMIT="0", STORYBOT_LOG_LEVEL="ERROR")
    return env


async def part_restart(story: Any, readers: int = 600, kill_after_s: float = 4.0) -> None:
    standin = await StandIn().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = _child_env(standin.base_url, Path(tmp) / "storybot.db")
            cmd = [sys.executable, "-m", "bot", "telegram"]
            child = await asyncio.create_subprocess_exec(*cmd, cwd=tmp, env=env, stderr=asyncio.subprocess.DEVNULL)
            await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), 60)
            asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=300_000 + i) for i in range(readers)]
            await asyncio.sleep(kill_after_s)
            child.send_signal(signal.SIGKILL)
            await child.wait()
            before = sum(1 for m in asked if standin.replies_to(m))
            started = time.perf_counter()
            child = await asyncio.create_subprocess_exec(*cmd, cwd=tmp, env=env, stderr=asyncio.subprocess.DEVNULL)
            try:
                await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), 180)
            except asyncio.TimeoutError:
                pass
            took = time.perf_counter() - started
            child.send_signal(signal.SIGTERM)
            await child.wait()
        twice, lost = count(standin, asked, expected_messages(story))
        print(f"restart: {readers} readers ask once, SIGKILL after {kill_after_s:.0f} s, restart on the same file")
        print(f"  answered before the kill: {before}   after the restart: {readers - lost - before} "
              f"(in {took:.1f} s)   never answered: {lost}   answered twice: {twice} ({100 * twice / readers:.1f}%)")
    finally:
        await standin.stop()


# ------------------------------------------------------------------ memory over a long run


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def serve_bot(base_url: str, db: str) -> None:
    """The bot process of the memory part (run by this script with --serve-bot)."""
    from bot.store.database import Store

    logging.basicConfig(level=logging.ERROR)  # a late commit under load is logged at WARNING: not a figure

    store = await Store.open(db, rate_limit_per_hour=0)
    settings = Settings(telegram_bot_token=TEST_TOKEN, telegram_api_base_url=base_url, db_path=Path(db))
    tuning = replace(Tuning(), overall_max_rate=0, group_max_rate=0)
    app = build_application(settings, load_story(()), store, tuning=tuning)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    try:
        await serve(app, settings, stop, tuning=tuning)
    finally:
        await store.close()


async def part_memory(questions: int, users: int, step: int = 10_000) -> None:
    standin_proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "standin.py")], stdout=subprocess.PIPE, text=True)
    assert standin_proc.stdout is not None
    root = f"http://127.0.0.1:{int(standin_proc.stdout.readline().split()[1])}"
    with tempfile.TemporaryDirectory() as tmp:
        bot = subprocess.Popen([sys.executable, __file__, "--serve-bot", f"{root}/bot", str(Path(tmp) / "bench.db")],
                               cwd=tmp)
        try:
            async with httpx.AsyncClient(timeout=3600) as client:
                async def control(command: str, **body: Any) -> Any:
                    response = await client.post(f"{root}/_standin/{command}", json=body)
                    response.raise_for_status()
                    return response.json()["result"]

                await control("wait_polling")
                print(f"memory: {questions:,} questions from {users:,} readers, 64 in flight, SQLite store on")
                print(f"  {'questions':>10} {'bot RSS MB':>11} {'questions/s':>12}")
                print(f"  {0:>10,} {rss_mb(bot.pid):>11.1f}")
                done, first = 0, None
                while done < questions:
                    n = min(step, questions - done)
                    result = await control("drive", questions=QUESTIONS, n=n, in_flight=64,
                                           first_user=1_000_000 + done % users, users=users)
                    await control("reset")  # the stand-in's own records: keep its process small
                    done += n
                    rss = rss_mb(bot.pid)
                    first = first if first is not None else rss
                    print(f"  {done:>10,} {rss:>11.1f} {n / result['elapsed']:>12.0f}")
                print(f"  after the first {step:,}: {first:.1f} MB; after {done:,}: {rss:.1f} MB "
                      f"({rss - first:+.1f} MB, ratio {rss / first:.3f})")
        finally:
            bot.send_signal(signal.SIGTERM)
            bot.wait(60)
            standin_proc.terminate()
            standin_proc.wait(10)


async def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.CRITICAL)  # the faults are logged by design; only figures here
    story = load_story(())
    if args.part in ("duplicates", "all"):
        await part_duplicates(story)
    if args.part in ("restart", "all"):
        await part_restart(story)
    if args.part in ("memory", "all"):
        await part_memory(args.questions, args.users)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve-bot":
        asyncio.run(serve_bot(sys.argv[2], sys.argv[3]))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("duplicates", "restart", "memory", "all"), default="all")
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=10_000)
    sys.exit(asyncio.run(main(parser.parse_args())))
