"""Fixtures for the Telegram tests: the Bot API stand-in, a running bot, a fake store.

The bot runs the real python-telegram-bot stack over real HTTP against tests/standin.py,
in the test's own event loop (polling or webhook), and is stopped cleanly at the end, which
also waits for every handler still running: counts asserted after that are final.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from standin import TEST_TOKEN, StandIn  # noqa: E402

WEBHOOK_SECRET = "test-webhook-secret_123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def eventually(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for a condition outside the stand-in (e.g. a background store write)."""
    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), timeout)


@pytest.fixture
def page_checks(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """What each background check of the store's pages found (bot.store.page_check), in order:
    a test waits for checks to have run rather than for a time to have passed."""
    from bot.store import page_check

    found: list[str | None] = []
    check = page_check.check_pages

    def counted(path: Path, stop: page_check.Stop | None = None) -> str | None:
        result = check(path, stop)
        found.append(result)
        return result

    monkeypatch.setattr(page_check, "check_pages", counted)
    return found


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """STORYBOT_DB in a scratch directory (also the cwd, so no stray .env is read), for the
    store's command-line tests; the damage a test made known there is forgotten after it."""
    from bot.store import damage

    monkeypatch.chdir(tmp_path)
    db = tmp_path / "storybot.db"
    monkeypatch.setenv("STORYBOT_DB", str(db))
    yield db
    damage.forget(db)


class FakeStore:
    """In-memory stand-in for bot.store.database.Store with the same async methods (for Telegram tests)."""

    def __init__(self, *, allowed: int | None = None, fail: bool = False, gate: asyncio.Event | None = None) -> None:
        self.allowed = allowed  # questions allowed per user, None = unlimited
        self.fail = fail  # every call raises, as a broken database would
        self.gate = gate  # allow() waits for it: a slow database
        self.records: list[Any] = []
        self.votes: dict[tuple[str, int], int] = {}
        self.asked: dict[int, int] = {}
        self.forgotten: list[int] = []
        self.closed = False

    def _maybe_fail(self) -> None:
        if self.fail:
            raise RuntimeError("database is on fire")

    async def allow(self, user_id: int) -> bool:
        if self.gate is not None:
            await self.gate.wait()
        self._maybe_fail()
        self.asked[user_id] = self.asked.get(user_id, 0) + 1
        return self.allowed is None or self.asked[user_id] <= self.allowed

    async def record_question(self, rec: Any) -> None:
        self._maybe_fail()
        self.records.append(rec)

    async def record_question_within(self, rec: Any, timeout_s: float = 0.5) -> bool:
        await self.record_question(rec)
        return True

    async def record_feedback(self, answer_id: str, user_id: int, vote: int) -> bool:
        self._maybe_fail()
        if not any(r.answer_id == answer_id for r in self.records):
            return False
        self.votes[(answer_id, user_id)] = vote
        return True

    async def record_vote(self, answer_id: str, user_id: int, vote: int) -> str:
        return "stored" if await self.record_feedback(answer_id, user_id, vote) else "unknown"

    async def forget(self, user_id: int) -> int:
        self._maybe_fail()
        self.forgotten.append(user_id)
        gone = [r for r in self.records if r.user_id == user_id]
        self.records = [r for r in self.records if r.user_id != user_id]
        return len(gone)

    async def stats(self) -> dict[str, Any]:
        self._maybe_fail()
        answered = sum(r.kind in ("answer", "summary", "meta") for r in self.records)
        unanswered = sum(r.kind == "not_found" for r in self.records)
        return {
            "questions": len(self.records), "answered": answered, "unanswered": unanswered,
            "feedback_up": sum(v > 0 for v in self.votes.values()),
            "feedback_down": sum(v < 0 for v in self.votes.values()),
            "users": len({r.user_id for r in self.records}),
            "questions_today": len(self.records), "questions_7d": len(self.records),
            "top_unanswered": [[r.question, 1] for r in self.records if r.kind == "not_found"][:3],
        }

    async def receive(self, updates: list[tuple[int, str]]) -> list[int]:
        return [update_id for update_id, _ in updates]  # no inbox: every update is new

    def receive_soon(self, updates: list[tuple[int, str]]) -> asyncio.Future[list[int]]:
        future: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        future.set_result([update_id for update_id, _ in updates])
        return future

    async def mark_done(self, update_id: int) -> None:
        pass

    async def pending_updates(self, max_age_s: float) -> tuple[list[str], int]:
        return [], 0

    async def close(self) -> None:
        self.closed = True


class CommittingFakeStore(FakeStore):
    """A FakeStore whose `record_question_within` may hang (the real one commits before the reply).

    With `commit_gate`, the commit hangs until the gate opens, ignoring its timeout: a store
    that breaks its promise, which the bot must still not wait for.
    """

    def __init__(self, *, commit_gate: asyncio.Event | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commit_gate = commit_gate

    async def record_question_within(self, rec: Any, timeout_s: float = 0.5) -> bool:
        if self.commit_gate is not None:
            await self.commit_gate.wait()
        await self.record_question(rec)
        return True


@pytest.fixture(scope="session")
def story() -> Any:
    from bot.core.answer import load_story

    return load_story(())


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    s = await StandIn().start()
    try:
        yield s
    finally:
        await s.stop()


def make_settings(standin: StandIn, **overrides: Any) -> Any:
    from bot.config import Settings

    base = Settings(telegram_bot_token=TEST_TOKEN, telegram_api_base_url=standin.base_url, admin_ids=frozenset({42}))
    return replace(base, **overrides)


def webhook_settings(standin: StandIn, **overrides: Any) -> Any:
    port = free_port()
    return make_settings(
        standin,
        telegram_mode="webhook",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_path="telegram",
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=WEBHOOK_SECRET,
        **overrides,
    )


def fast_tuning(**overrides: Any) -> Any:
    """Production knobs, except that waits are short so fault tests run quickly."""
    from bot.telegram.state import Tuning

    # typing_delay_s=0: the typing action goes out before every answer, so its path is exercised.
    base = Tuning(backoff_s=0.05, bootstrap_backoff_s=0.05, poll_timeout_s=5, overall_max_rate=0, group_max_rate=0,
                  typing_delay_s=0)
    return replace(base, **overrides)


@dataclass
class RunningBot:
    app: Any
    task: asyncio.Task[None]
    stop_event: asyncio.Event
    store: Any | None = None

    async def stop(self) -> None:
        """Stop cleanly; returns once every handler has finished (counts are final then)."""
        self.stop_event.set()
        await asyncio.wait_for(self.task, 30)


@pytest.fixture
async def start_bot(story: Any, standin: StandIn) -> AsyncIterator[Callable[..., Awaitable[RunningBot]]]:
    """`await start_bot(settings=None, store=None, tuning=None, story_=None, newsroom=None)` -> a bot serving
    until the test ends."""
    from bot.telegram.app import build_application, serve

    bots: list[RunningBot] = []

    async def start(settings: Any = None, store: Any = None, tuning: Any = None, story_: Any = None,
                    newsroom: Any = None) -> RunningBot:
        settings = settings or make_settings(standin)
        tuning = tuning or fast_tuning()
        app = build_application(settings, story_ or story, store, tuning=tuning, newsroom=newsroom)
        stop = asyncio.Event()
        polls_before = len(standin.calls_to("getUpdates"))
        webhooks_before = len(standin.calls_to("setWebhook"))
        task = asyncio.get_running_loop().create_task(serve(app, settings, stop, tuning=tuning))
        running = RunningBot(app, task, stop, store)
        bots.append(running)

        def started() -> bool:
            if task.done():
                return True
            if settings.telegram_mode == "webhook":
                return len(standin.calls_to("setWebhook")) > webhooks_before
            return len(standin.calls_to("getUpdates")) > polls_before

        await standin.wait_until(started)
        if task.done():
            task.result()  # raise what stopped it
        await asyncio.wait_for(app.bot_data["storybot"].intake.ready.wait(), 20)
        return running

    yield start
    for running in bots:
        if not running.task.done():
            await running.stop()


@pytest.fixture
def redacted_logs(caplog: pytest.LogCaptureFixture) -> Any:
    """Logs captured at DEBUG with the app's redaction installed (as run() installs it)."""
    from bot.telegram.redaction import install_redaction

    undo = install_redaction([TEST_TOKEN, WEBHOOK_SECRET])
    caplog.set_level(logging.DEBUG)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        yield caplog
    finally:
        undo()

