"""The Telegram bot under load, beside a bare python-telegram-bot echo bot (the stack's floor).

512 questions, 64 readers in flight (each asks, waits for the reply, asks again), through
the Bot API stand-in (tests/standin.py) running in its own process, so it does not share a
core with the bot being measured. Both bots poll the same stand-in with the same PTB
settings (concurrent updates, connection pool); the time is measured by the stand-in, from
the first question to the last reply.

storybot runs with its production request stack (retrying requests, AIORateLimiter with
429 retries, typing action, HTML rendering, conversation memory), except that the rate
limiter's pre-emptive throttle (30 messages/s overall) is off for both: it is a deliberate
wait, not a cost, and would make every run take 17 s. With --store it also writes every
question to a fresh SQLite store (bot/store/database.py).

    python benchmarks/bench_telegram.py [--questions 512] [--in-flight 64] [--rounds 3] [--store]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Awaitable, Callable

import httpx
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from standin import TEST_TOKEN  # noqa: E402

from bot.core.answer import load_story  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.telegram.app import build_application, serve  # noqa: E402
from bot.telegram.intake import Intake, StoryApplication  # noqa: E402
from bot.telegram.state import STATE_KEY, Tuning  # noqa: E402

QUESTIONS = [
    "لماذا يغادر يان ليكون ميتا؟",
    "كم أنفقت ميتا للحصول على ألكسندر وانغ؟",
    "متى أسس ليكون مختبر FAIR؟",
    "كم عاملًا فصلت ميتا من قسم الذكاء الاصطناعي؟",
    "بكم انخفضت أسهم ميتا؟",
    "من هو جويل بينو؟",
    "ما عاصمة فرنسا؟",
    "لخص لي المقال",
    "ما هي النماذج العالمية؟",
    "مرحبا",
]


def start_standin() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "standin.py")], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        proc.kill()
        raise SystemExit(f"the stand-in did not start: {line!r}")
    return proc, f"http://127.0.0.1:{int(line.split()[1])}"


async def control(client: httpx.AsyncClient, root: str, command: str, **body: Any) -> Any:
    response = await client.post(f"{root}/_standin/{command}", json=body, timeout=600)
    response.raise_for_status()
    return response.json()["result"]


def echo_application(base_url: str, concurrent: int) -> Application:
    """The floor: python-telegram-bot's echobot, replying to each text with itself."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text, do_quote=True)

    # Updates reach it the way they reach storybot (bot.telegram.intake, here without a store),
    # so the floor has the same intake path.
    app = (ApplicationBuilder().application_class(StoryApplication).token(TEST_TOKEN).base_url(base_url)
           .updater(None).concurrent_updates(concurrent).build())
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


async def run_bot(app: Application, settings: Settings, tuning: Tuning,
                  body: Callable[[], Awaitable[float]]) -> float:
    stop = asyncio.Event()
    intake = None if STATE_KEY in app.bot_data else Intake(app, None, tuning)  # the echo bot has no state
    task = asyncio.create_task(serve(app, settings, stop, tuning=tuning, intake=intake))
    try:
        return await body()
    finally:
        stop.set()
        await task


async def measure(name: str, make_app: Callable[[], Awaitable[tuple[Application, Any]]], settings: Settings,
                  tuning: Tuning, root: str, args: argparse.Namespace, cpu: list[float]) -> list[float]:
    """Wall-clock seconds per round (measured by the stand-in); the bot process's CPU seconds go to `cpu`."""
    times: list[float] = []
    async with httpx.AsyncClient() as client:
        for _ in range(args.rounds):
            await control(client, root, "reset")
            app, cleanup = await make_app()
            try:
                async def drive() -> float:
                    await control(client, root, "wait_polling")
                    await control(client, root, "drive", questions=QUESTIONS, n=args.in_flight, in_flight=args.in_flight,
                                  first_user=50_000)  # warm-up: connections, caches
                    cpu_before = time.process_time()
                    result = await control(client, root, "drive", questions=QUESTIONS, n=args.questions,
                                           in_flight=args.in_flight)
                    cpu.append(time.process_time() - cpu_before)
                    return float(result["elapsed"])

                times.append(await run_bot(app, settings, tuning, drive))
            finally:
                if cleanup is not None:
                    await cleanup()
            stats = await control(client, root, "stats")
            if stats["errors"]:
                print(f"  {name}: the stand-in refused calls: {stats['errors'][:3]}", file=sys.stderr)
    return times


async def main(args: argparse.Namespace) -> int:
    proc, root = start_standin()
    try:
        base_url = f"{root}/bot"
        settings = Settings(telegram_bot_token=TEST_TOKEN, telegram_api_base_url=base_url)
        tuning = replace(Tuning(), overall_max_rate=0, group_max_rate=0)
        story = load_story(())

        async def echo_app() -> tuple[Application, Any]:
            return echo_application(base_url, tuning.concurrent_updates), None

        async def story_app() -> tuple[Application, Any]:
            if not args.store:
                return build_application(settings, story, None, tuning=tuning), None
            from bot.store.database import Store

            tmp = tempfile.TemporaryDirectory()
            store = await Store.open(Path(tmp.name) / "bench.db", rate_limit_per_hour=0)

            async def cleanup() -> None:
                await store.close()
                tmp.cleanup()

            return build_application(settings, story, store, tuning=tuning), cleanup

        print(f"{args.questions} questions, {args.in_flight} in flight, {args.rounds} rounds each, "
              f"stand-in in its own process; median of rounds")
        echo_cpu: list[float] = []
        bot_cpu: list[float] = []
        echo = await measure("echo", echo_app, settings, tuning, root, args, echo_cpu)
        bot = await measure("storybot", story_app, settings, tuning, root, args, bot_cpu)
        e, b = statistics.median(echo), statistics.median(bot)
        ec, bc = statistics.median(echo_cpu), statistics.median(bot_cpu)
        label = "storybot" + (" + SQLite store" if args.store else "")
        print(f"  {'':24} {'wall s':>7} {'questions/s':>12} {'bot CPU s':>10}   rounds (wall s)")
        print(f"  {'bare PTB echo bot':24} {e:7.3f} {args.questions / e:12.0f} {ec:10.3f}   {[round(t, 3) for t in echo]}")
        print(f"  {label:24} {b:7.3f} {args.questions / b:12.0f} {bc:10.3f}   {[round(t, 3) for t in bot]}")
        print(f"  ratio: {b / e:.2f}x wall-clock (goal <= 1.5x), {bc / ec:.2f}x bot CPU")
        if args.json:
            print(json.dumps({"echo_s": e, "storybot_s": b, "ratio": b / e, "echo_cpu_s": ec, "storybot_cpu_s": bc,
                              "cpu_ratio": bc / ec, "store": args.store}))
        return 0
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=512)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--store", action="store_true", help="also write every question to a SQLite store")
    parser.add_argument("--json", action="store_true", help="also print one JSON line with the numbers")
    sys.exit(asyncio.run(main(parser.parse_args())))
