"""Issue 10 on the real stack: the bot (in-process or as `python -m bot telegram`) against the
Bot API stand-in on 127.0.0.1, a real SQLite file, a real SIGKILL.

Silence (the bot does not answer something) is asserted only after the bot was stopped,
which waits for every update in hand.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import FakeStore, eventually, fast_tuning, webhook_settings
from e2e_common import QUESTIONS, rows
from standin import TEST_TOKEN, StandIn
from test_store_bounds import read_only

from bot.conversation import texts
from bot.core.answer import answer
from bot.store.database import MAX_QUESTION_CHARS, Store
from bot.telegram import app as telegram_app
from bot.telegram import render as tr

REPO = Path(__file__).resolve().parent.parent


def child_env(standin: StandIn, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORYBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=TEST_TOKEN, TELEGRAM_API_BASE_URL=standin.base_url, STORYBOT_DB=str(db),
               STORYBOT_LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1", **extra)
    return env


async def start_child(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", cwd=cwd, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )


# ------------------------------------------------------------------ point 2: nothing received is lost


def in_the_window(db: Path, standin: StandIn, asked: list[dict]) -> set[tuple[int, int]]:
    """The messages a SIGKILL caught between their reply's send and the commit of their done
    mark: replied to, yet still undone in the inbox. Only these may be answered twice."""
    undone = set()
    for (body,) in rows(db, "SELECT body FROM inbox WHERE done_at IS NULL"):
        message = json.loads(body).get("message") or {}
        undone.add((message.get("chat", {}).get("id"), message.get("message_id")))
    return {key(m) for m in asked if standin.replies_to(m)} & undone


# The stand-in handles each reply 0.3 s late, as a loaded machine runs it: the kill then always
# leaves calls the bot wrote in its hands, which count as sent before the kill (settled()).
# Without that wait this made both tests fail every time ("9 twice, 1 in the window").
def lag(standin: StandIn) -> None:
    standin.inject("slow", method="sendMessage", delay=0.3, count=1_000_000)


def key(message: dict) -> tuple[int, int]:
    return message["chat"]["id"], message["message_id"]


async def restart_until_all_answered(standin, story, env, tmp_path, asked):
    """Start the bot again on the same file, wait until every question asked has its reply,
    stop it cleanly; (its stderr, the messages each question's reply takes, the chats that
    got theirs twice)."""
    child = await start_child(env, tmp_path)
    try:
        await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=120)
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = await child.communicate()
    assert child.returncode == 0, err.decode()[-2000:]
    expected = {q: len(tr.render_answer(answer(story, q))) for q in QUESTIONS}
    twice = [m for m in asked if len(standin.replies_to(m)) > expected[m["text"]]]
    return err, expected, twice


async def test_every_question_received_before_a_sigkill_is_answered_after_the_restart(standin, story, tmp_path):
    db = tmp_path / "storybot.db"
    env = child_env(standin, db, STORYBOT_RATE_LIMIT="0")
    lag(standin)
    child = await start_child(env, tmp_path)
    try:
        await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), timeout=60)
        asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=400_000 + i) for i in range(600)]
        await standin.wait_until(lambda: len(standin.sent) >= 100, timeout=60)
    finally:
        child.send_signal(signal.SIGKILL)
        await child.communicate()
    await standin.settled()  # the calls it wrote before it died are the stand-in's too
    answered_before = sum(1 for m in asked if standin.replies_to(m))
    assert 100 <= answered_before < 600  # the kill fell in the middle of the load
    window = in_the_window(db, standin, asked)

    _, expected, twice = await restart_until_all_answered(standin, story, env, tmp_path, asked)  # the same file
    assert all(len(standin.replies_to(m)) in (expected[m["text"]], 2 * expected[m["text"]]) for m in asked)
    # Exactly once, but for the replies the kill caught before their done mark was committed
    # (at most the updates in hand); how many that is depends on the disk's fsync time, which
    # bench_reliability.py reports.
    assert {key(m) for m in twice} <= window, f"{len(twice)} twice, {len(window)} in the window"
    assert len(window) <= 128
    assert rows(db, "SELECT count(*) FROM inbox WHERE done_at IS NULL") == [(0,)]
    assert rows(db, "SELECT count(DISTINCT answer_id) FROM questions") == [(600,)]


async def test_webhook_updates_accepted_before_a_sigkill_are_answered_after_the_restart(standin, story, tmp_path):
    from conftest import WEBHOOK_SECRET, free_port

    db, port = tmp_path / "storybot.db", free_port()
    env = child_env(standin, db, STORYBOT_RATE_LIMIT="0", TELEGRAM_MODE="webhook", TELEGRAM_WEBHOOK_PORT=str(port),
                    TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram")
    lag(standin)
    child = await start_child(env, tmp_path)
    try:
        await standin.wait_until(lambda: standin.webhook is not None, timeout=60)
        asked = [standin.send_text(QUESTIONS[i % len(QUESTIONS)], user_id=450_000 + i) for i in range(300)]
        await standin.wait_until(lambda: len(standin.sent) >= 60, timeout=60)
    finally:
        child.send_signal(signal.SIGKILL)
        await child.communicate()
    await standin.settled()  # the calls it wrote before it died are the stand-in's too
    assert sum(1 for m in asked if standin.replies_to(m)) < 300
    window = in_the_window(db, standin, asked)
    err, _, twice = await restart_until_all_answered(standin, story, env, tmp_path, asked)
    # A reply comes twice only when the kill fell between its send and the commit of its done
    # mark (one group commit: an fsync, slow on a busy disk); never more than are held at once.
    assert {key(m) for m in twice} <= window, f"{len(twice)} twice, {len(window)} in the window; {err.decode()[-1500:]}"
    assert len(window) <= 128
    assert rows(db, "SELECT count(*) FROM inbox WHERE done_at IS NULL") == [(0,)]


async def test_polling_fetches_no_more_than_it_can_answer_soon(standin, start_bot):
    from conftest import fast_tuning

    gate = asyncio.Event()
    standin.inject("hold", method="sendMessage", gate=gate, count=1000)  # no reply gets out
    bot = await start_bot(tuning=fast_tuning(max_in_hand=16))
    for i in range(60):
        standin.send_text(QUESTIONS[0], user_id=500_000 + i)
    await standin.wait_until(lambda: len(standin.calls_to("sendMessage")) >= 16)
    await asyncio.sleep(0.3)  # time for more polls, if the bot were to make them
    limits = [int(c.params.get("limit", 100)) for c in standin.calls_to("getUpdates")]
    assert bot.app.bot_data["storybot"].intake.in_hand == 16
    assert max(limits) <= 16 and len(standin._pending) >= 60 - 16  # the rest is still Telegram's
    gate.set()
    await standin.wait_until(lambda: len(standin.sent) == 60, timeout=60)
    await bot.stop()


# ------------------------------------------------------------------ point 3: read-only file


async def test_the_bot_refuses_a_read_only_database_file_at_start_up(standin, tmp_path):
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    await store.close()
    with read_only(db):
        child = await start_child(child_env(standin, db), tmp_path)
        _, err = await asyncio.wait_for(child.communicate(), 60)
    assert child.returncode == 1
    assert "read-only" in err.decode() and "storybot.db" in err.decode()
    assert standin.calls == []  # refused before talking to Telegram


# ------------------------------------------------------------------ points 4 and 5: bounded, well-formed input


async def test_the_webhook_bounds_what_it_reads_and_refuses_what_is_not_an_update(standin, start_bot, tmp_path):
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    try:
        bot = await start_bot(settings=webhook_settings(standin), store=store)
        large = standin.message("س" * 200_000, user_id=90)  # 400 KB: over the bound, read and refused
        assert await standin.post_webhook_raw({"update_id": 50_000, "message": large}, secret=True) == 413
        huge = standin.message("س" * 5_000_000, user_id=91)  # 10 MB: refused without reading it
        try:
            assert await standin.post_webhook_raw({"update_id": 50_001, "message": huge}, secret=True) == 413
        except httpx.TransportError:
            pass  # the bot closed the connection before the client had written it all, as it should
        assert await standin.post_webhook_raw(b"{not json", secret=True) == 400
        assert await standin.post_webhook_raw(b"[1, 2]", secret=True) == 400
        numeric = standin.message("x", user_id=92) | {"text": 12345}
        assert await standin.post_webhook_raw({"update_id": 50_002, "message": numeric}, secret=True) == 400
        chatless = {k: v for k, v in standin.message("سؤال", user_id=93).items() if k != "chat"}
        assert await standin.post_webhook_raw({"update_id": 50_003, "message": chatless}, secret=True) == 400
        long_text = "لماذا غادر ليكون؟ " * 1000  # 18,000 characters: more than Telegram allows
        long_question = standin.message(long_text, user_id=94)
        assert await standin.post_webhook_raw({"update_id": 50_004, "message": long_question}, secret=True) == 200
        marker = standin.send_text(QUESTIONS[0], user_id=95)
        await standin.reply_to(marker)
        await standin.reply_to(long_question)
        await bot.stop()
    finally:
        await store.close()
    assert {s.chat_id for s in standin.sent} == {94, 95}  # the refused ones got nothing, not even an apology
    assert rows(db, "SELECT max(length(question)) FROM questions") == [(MAX_QUESTION_CHARS,)]
    assert db.stat().st_size < 2_000_000
    stats = subprocess.run([sys.executable, "-m", "bot", "stats"], cwd=tmp_path, capture_output=True, text=True,
                           env={**os.environ, "STORYBOT_DB": str(db)})
    assert stats.returncode == 0 and len(stats.stdout) < 5_000


async def test_a_refused_update_sent_again_is_logged_once_its_repeats_at_debug(standin, start_bot, redacted_logs):
    """Telegram sends an update it could not deliver again and again: the webhook's 400 for the
    same malformed body is one WARNING, then DEBUG; another malformed body is a WARNING of its
    own. Nothing of the body, the token or the secret is in the lines."""
    from conftest import WEBHOOK_SECRET

    bot = await start_bot(settings=webhook_settings(standin))
    numeric = {"update_id": 60_001, "message": standin.message("سر القارئ", user_id=150) | {"text": 12345}}
    for _ in range(4):
        assert await standin.post_webhook_raw(numeric, secret=True) == 400
    assert await standin.post_webhook_raw(b"{not json", secret=True) == 400
    assert await standin.post_webhook_raw(b"{not json", secret=True) == 400
    chatless = {k: v for k, v in standin.message("سؤال", user_id=151).items() if k != "chat"}
    assert await standin.post_webhook_raw({"update_id": 60_002, "message": chatless}, secret=True) == 400
    await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=152))  # and it goes on answering
    await bot.stop()
    refused = [r for r in redacted_logs.records if "refused an update" in r.getMessage()]
    warned = [r.getMessage() for r in refused if r.levelname == "WARNING"]
    assert len(warned) == 3, warned  # one per distinct body
    assert [r.levelname for r in refused].count("DEBUG") == 4  # 3 repeats of the first, 1 of the second
    assert "update_id 60001" in warned[0] and "not JSON" in warned[1] and "update_id 60002" in warned[2]
    for record in refused:
        text = record.getMessage()
        assert "سر القارئ" not in text and TEST_TOKEN not in text and WEBHOOK_SECRET not in text
        assert "[REDACTED]" not in text  # nothing there for the redaction to hide, either


async def test_polling_skips_malformed_updates_and_goes_on(standin, start_bot, redacted_logs):
    bot = await start_bot()
    standin.push({"message": standin.message("x", user_id=96) | {"text": 12345}})
    standin.push({"message": {k: v for k, v in standin.message("سؤال", user_id=97).items() if k != "chat"}})
    standin.push({"callback_query": {"id": "cq-x", "from": {"id": 98, "is_bot": False, "first_name": "R"},
                                     "chat_instance": "c", "data": 7}})
    marker = standin.send_text(QUESTIONS[0], user_id=99)
    await standin.reply_to(marker)
    await bot.stop()
    assert [s.chat_id for s in standin.sent] == [99]
    assert "an update failed" not in redacted_logs.text  # no handler (nor the error handler) crashed
    assert "malformed updates" in redacted_logs.text


async def test_a_lone_surrogate_is_answered_and_stored(standin, start_bot, tmp_path):
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    try:
        bot = await start_bot(store=store)
        question = standin.send_text("لماذا غادر ليكون \ud800 ميتا؟", user_id=101)
        await standin.reply_to(question)
        await bot.stop()
    finally:
        await store.close()
    assert rows(db, "SELECT question FROM questions") == [("لماذا غادر ليكون \ufffd ميتا؟",)]


# ------------------------------------------------------------------ point 6: the rate limit holds


async def test_forget_does_not_reset_the_rate_limit_and_inline_queries_count(standin, start_bot, tmp_path):
    db = tmp_path / "storybot.db"
    store = await Store.open(db, rate_limit_per_hour=3)
    try:
        bot = await start_bot(store=store)
        first = await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=111))
        assert first.visible != texts.RATE_LIMITED
        inline = standin.inline_query(QUESTIONS[1], user_id=111)
        await standin.wait_until(lambda: inline in standin.inline_answers)
        await standin.reply_to(standin.send_text("/forget", user_id=111))
        second = await standin.reply_to(standin.send_text(QUESTIONS[2], user_id=111))
        third = await standin.reply_to(standin.send_text(QUESTIONS[3], user_id=111))
        greeting = await standin.reply_to(standin.send_text("مرحبا", user_id=111))
        limited_inline = standin.inline_query(QUESTIONS[4], user_id=111)
        await standin.wait_until(lambda: limited_inline in standin.inline_answers)
        privacy = await standin.reply_to(standin.send_text("/privacy", user_id=111))
        await bot.stop()
    finally:
        await store.close()
    assert second.visible != texts.RATE_LIMITED and third.visible == texts.RATE_LIMITED
    assert greeting.visible != texts.RATE_LIMITED  # small talk is never refused
    (result,) = standin.inline_answers[limited_inline]["results"]
    assert texts.RATE_LIMITED in result["input_message_content"]["message_text"]
    assert "/forget" in privacy.visible and "لا يحذفه /forget" in privacy.visible
    # After /forget: the second question and the greeting; the inline query went with /forget.
    assert rows(db, "SELECT question, kind, via FROM questions ORDER BY id") == [
        (QUESTIONS[2], "answer", "chat"), ("مرحبا", "greeting", "chat")]
    assert rows(db, "SELECT count(*) FROM rate_events WHERE user_id = 111") == [(3,)]


async def test_inline_queries_are_stored(standin, start_bot, tmp_path):
    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    try:
        bot = await start_bot(store=store)
        inline = standin.inline_query(QUESTIONS[0], user_id=112)
        await standin.wait_until(lambda: inline in standin.inline_answers)
        await bot.stop()
    finally:
        await store.close()
    assert rows(db, "SELECT user_id, question, kind, via FROM questions") == [(112, QUESTIONS[0], "answer", "inline")]
    assert rows(db, "SELECT count(*) FROM rate_events WHERE user_id = 112") == [(1,)]


# ------------------------------------------------------------------ point 7: the smaller ones


async def test_buttons_the_bot_never_made_get_an_answer_and_forged_votes_no_thanks(standin, start_bot):
    store = FakeStore()
    bot = await start_bot(store=store)
    reply = await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=121))
    unknown = standin.press(reply, "something-else", user_id=121)
    forged = standin.press(reply, "fb:up:00112233445566778899", user_id=121)
    real = standin.press(reply, reply.button(tr.VOTE_UP)["callback_data"], user_id=121)
    await standin.wait_until(lambda: {unknown, forged, real} <= set(standin.callback_answers))
    await bot.stop()
    assert standin.callback_answers[unknown]["text"] == texts.BUTTON_UNKNOWN
    assert standin.callback_answers[forged]["text"] == texts.FEEDBACK_NOT_KEPT
    assert standin.callback_answers[real]["text"] == texts.FEEDBACK_THANKS
    assert list(store.votes.values()) == [1]


async def test_about_points_at_the_disclaimer_when_the_article_names_no_source(standin, start_bot, story):
    await start_bot()
    about = await standin.reply_to(standin.send_text("/about", user_id=131))
    assert story.primary.source is None and story.primary.disclaimer
    assert texts.SOURCE_IN_DISCLAIMER in about.visible and texts.SOURCE_UNKNOWN not in about.visible


@pytest.mark.parametrize("url", ["not a url", "ftp://api.telegram.org/bot", "http://", "https//api.telegram.org/bot",
                                 "http://[::1/bot", "https://[api.telegram.org/bot{token}"])
def test_a_malformed_api_url_is_a_configuration_error(url, tmp_path, monkeypatch, capsys):
    # An unclosed IPv6 bracket makes urllib raise ValueError ("Invalid IPv6 URL"): exit 3
    # with the message, not a traceback (the token pasted into the address masked).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", url.format(token=TEST_TOKEN))
    assert telegram_app.run() == 3
    err = capsys.readouterr().err
    assert "TELEGRAM_API_BASE_URL" in err and TEST_TOKEN not in err


# ------------------------------------------------------------------ point 8: nothing grows per user


async def test_no_per_user_bookkeeping_is_kept_without_persistence(standin, start_bot):
    bot = await start_bot()
    asked = [standin.send_text(QUESTIONS[i % 3], user_id=600_000 + i) for i in range(50)]
    await standin.wait_until(lambda: all(standin.replies_to(m) for m in asked), timeout=60)
    await bot.stop()
    # PTB marks every chat and user "to be updated in persistence" and, with no persistence,
    # never clears the marks: one entry per reader, forever.
    assert not bot.app._chat_ids_to_be_updated_in_persistence
    assert not bot.app._user_ids_to_be_updated_in_persistence
    assert not bot.app.chat_data and not bot.app.user_data


async def test_webhook_mode_serves_healthz_for_a_supervisor(standin, start_bot, tmp_path):
    import httpx

    db = tmp_path / "storybot.db"
    store = await Store.open(db)
    try:
        settings = webhook_settings(standin, db_path=db)
        await start_bot(settings=settings, store=store)
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{settings.webhook_port}/healthz")
            assert response.status_code == 200
            assert response.json()["status"] == "ok"
            db.unlink()  # the store's file gone: the process is no longer healthy
            response = await client.get(f"http://127.0.0.1:{settings.webhook_port}/healthz")
            assert response.status_code == 503 and response.json()["status"] == "unavailable"
    finally:
        await store.close()


async def test_webhook_healthz_learns_of_a_lost_page_from_the_page_check(standin, start_bot, tmp_path, page_checks):
    """The background PRAGMA quick_check (bot.store.page_check) while the bot runs: a sound
    file, answering questions meanwhile, stays 200 check after check; a page lost behind the
    store's back turns /healthz 503 though no question met it, and nothing wrote to the file."""
    import sqlite3

    from test_store import digest

    db = tmp_path / "storybot.db"
    await (await Store.open(db)).close()  # closed: the WAL folded into the file, so its pages are there
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as ro:
        feedback = ro.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feedback'").fetchone()[0]
    ro.close()
    store = await Store.open(db)
    try:
        settings = webhook_settings(standin, db_path=db)
        await start_bot(settings=settings, store=store, tuning=fast_tuning(page_check_interval_s=0.05))
        health = f"http://127.0.0.1:{settings.webhook_port}/healthz"
        async with httpx.AsyncClient() as client:
            question = standin.send_text(QUESTIONS[0], user_id=91)
            await standin.reply_to(question)
            await eventually(lambda: len(page_checks) >= 3)
            assert page_checks[:3] == [None, None, None]
            assert (await client.get(health)).status_code == 200
            checked = len(page_checks)
            with db.open("r+b") as f:  # lost as a failing disk loses it: the votes' table, which no question reads
                f.seek((feedback - 1) * 4096)
                f.write(bytes(4096))
            damaged = digest(db)
            await eventually(lambda: any(page_checks[checked:]))
            response = await client.get(health)
            assert response.status_code == 503 and response.json() == {"status": "unavailable", "store": "damaged"}
            assert digest(db) == damaged
    finally:
        await store.close()


class _InboxDown(FakeStore):
    """A store whose inbox cannot be written (the rest works): every update is handled without it."""

    def __init__(self) -> None:
        super().__init__()
        self.down = True

    async def receive(self, updates: list[tuple[int, str]]) -> list[int]:
        from bot.store.database import StoreError

        if self.down:
            raise StoreError("could not store received updates: disk I/O error")
        return await super().receive(updates)


async def test_a_failing_inbox_is_logged_once_per_outage_not_once_per_update(standin, start_bot, redacted_logs):
    """Webhook mode (one update a request): while the inbox cannot be written every update is
    still answered, and the log says so once (the repeats at DEBUG), then once that it works
    again; a second outage is logged again."""
    import logging

    store = _InboxDown()
    bot = await start_bot(settings=webhook_settings(standin), store=store)
    for n, question in enumerate(QUESTIONS[:3]):
        assert (await standin.reply_to(standin.send_text(question, user_id=130 + n))).visible
    store.down = False
    await standin.reply_to(standin.send_text(QUESTIONS[0], user_id=134))
    store.down = True
    await standin.reply_to(standin.send_text(QUESTIONS[1], user_id=135))
    await bot.stop()
    told = [r for r in redacted_logs.records if r.name == "storybot.telegram" and r.getMessage().startswith("inbox")
            and r.levelno >= logging.INFO]
    assert [r.levelname for r in told] == ["ERROR", "WARNING", "ERROR"], [r.getMessage() for r in told]
    assert "disk I/O error" in told[0].getMessage() and TEST_TOKEN not in redacted_logs.text
