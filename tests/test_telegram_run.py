"""`storybot telegram` as a process: exit codes, clean shutdown on signals, no token in any output."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

import pytest
from conftest import TEST_TOKEN, WEBHOOK_SECRET, fast_tuning, free_port, make_settings, webhook_settings
from standin import StandIn

from bot.telegram import app as telegram_app
from bot.telegram.app import build_application, serve
from bot.telegram.redaction import Redactor, install_redaction

WRONG_TOKEN = "999999:WRONG-token-abcdef"


def child_env(tmp_path: Path, standin: StandIn, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORYBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=standin.base_url,
        STORYBOT_DB=str(tmp_path / "store.db"),
        STORYBOT_LOG_LEVEL="DEBUG",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


async def start_child(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "telegram", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def started_listening(port: int) -> None:
    """setWebhook comes just before the child's web server listens: wait until it accepts."""
    async def connect() -> None:
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            return

    await asyncio.wait_for(connect(), 30)


async def finish(child: asyncio.subprocess.Process) -> tuple[int, str]:
    out, err = await asyncio.wait_for(child.communicate(), 60)
    return child.returncode, (out + err).decode("utf-8", "replace")


def test_missing_token_exits_3_with_a_clear_message(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert telegram_app.run() == 3
    assert "TELEGRAM_BOT_TOKEN is not set" in capsys.readouterr().err


def test_webhook_mode_without_secret_exits_3(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_MODE", "webhook")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    assert telegram_app.run() == 3
    err = capsys.readouterr().err
    assert "TELEGRAM_WEBHOOK_SECRET" in err and TEST_TOKEN not in err


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        # Telegram refuses such a secret_token with a 400 at setWebhook: before, the bot
        # started, then exited 1 saying it "cannot reach the Bot API (BadRequest)".
        ("TELEGRAM_WEBHOOK_SECRET", "has spaces and a bang! s3cr3t-VALUE"),
        # Not a port: the OS bound it modulo 65536 (99999 -> 34463), and the bot said it was
        # answering by webhook while nothing listened where the proxy sends.
        ("TELEGRAM_WEBHOOK_PORT", "99999"),
    ],
)
def test_a_malformed_webhook_setting_exits_3_without_showing_the_secret(tmp_path, monkeypatch, capsys, setting, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_MODE", "webhook")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)
    monkeypatch.setenv(setting, value)
    monkeypatch.setenv("STORYBOT_DB", str(tmp_path / "store.db"))
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")  # never the internet, even when it fails
    assert telegram_app.run() == 3
    err = capsys.readouterr().err
    assert setting in err and TEST_TOKEN not in err and WEBHOOK_SECRET not in err
    if setting == "TELEGRAM_WEBHOOK_SECRET":
        assert value not in err
    assert not (tmp_path / "store.db").exists()  # refused before anything was opened


async def test_a_webhook_port_in_use_exits_1_naming_the_address(tmp_path, standin):
    """Before: 'storybot: [Errno 98] Address already in use', after a log line saying the bot
    was answering by webhook."""
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        child = await start_child(tmp_path, child_env(
            tmp_path, standin, TELEGRAM_MODE="webhook", TELEGRAM_WEBHOOK_PORT=str(port),
            TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram"))
        code, output = await finish(child)
    assert code == 1, output[-2000:]
    assert f"cannot listen for the webhook on 127.0.0.1:{port}" in output and "TELEGRAM_WEBHOOK_PORT" in output
    assert "answering as" not in output and "Traceback" not in output
    assert TEST_TOKEN not in output and WEBHOOK_SECRET not in output


async def test_a_start_up_call_telegram_refuses_is_told_as_a_refusal(tmp_path, standin):
    """A 400 at setWebhook (Telegram's answer to an http:// webhook URL, say) is no network
    failure: before, 'cannot reach the Bot API at ... (BadRequest)'."""
    standin.inject("status", "setWebhook", status=400, count=10)
    port = free_port()
    child = await start_child(tmp_path, child_env(
        tmp_path, standin, TELEGRAM_MODE="webhook", TELEGRAM_WEBHOOK_PORT=str(port),
        TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram"))
    code, output = await finish(child)
    assert code == 1, output[-2000:]
    assert "the Bot API refused a start-up call: Injected fault" in output  # PTB drops "Bad Request: "
    assert "cannot reach" not in output and "Traceback" not in output and TEST_TOKEN not in output


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        # The Bot API URL as Telegram's docs write it, token included, pasted without its scheme
        ("TELEGRAM_API_BASE_URL", f"api.telegram.org/bot{TEST_TOKEN}"),
        ("TELEGRAM_API_BASE_URL", f"https://api.telegram.org:44x/bot{TEST_TOKEN.split(':')[1]}"),
        ("STORYBOT_RATE_LIMIT", TEST_TOKEN),  # a value pasted into the wrong line of .env
        ("STORYBOT_DASHBOARD_PORT", WEBHOOK_SECRET),
    ],
)
def test_a_setting_quoted_in_an_error_never_shows_a_secret(tmp_path, monkeypatch, capsys, setting, value):
    """Before: "TELEGRAM_API_BASE_URL must be an http(s) address ..., got 'api.telegram.org/bot123456:TEST-TOKEN'"."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)
    monkeypatch.setenv(setting, value)
    assert telegram_app.run() == 3
    err = capsys.readouterr().err
    assert setting in err and "[REDACTED]" in err
    assert "TEST-TOKEN" not in err and WEBHOOK_SECRET not in err


async def test_rejected_token_exits_1_without_printing_it(tmp_path, standin):
    child = await start_child(tmp_path, child_env(tmp_path, standin, TELEGRAM_BOT_TOKEN=WRONG_TOKEN))
    code, output = await finish(child)
    assert code == 1
    assert "rejected TELEGRAM_BOT_TOKEN" in output
    assert "getMe" in output  # DEBUG logging was on: the token had every chance to leak
    assert WRONG_TOKEN not in output and "WRONG-token-abcdef" not in output
    assert standin.calls_to("getMe")[0].status == 401


@pytest.mark.parametrize(
    "sig, mode", [(signal.SIGTERM, "polling"), (signal.SIGINT, "polling"), (signal.SIGTERM, "webhook")],
    ids=["SIGTERM", "SIGINT", "SIGTERM-webhook"],
)
async def test_signal_stops_the_bot_cleanly_and_the_question_is_stored(tmp_path, standin, sig, mode):
    extra = {}
    if mode == "webhook":
        port = free_port()
        extra = dict(TELEGRAM_MODE="webhook", TELEGRAM_WEBHOOK_PORT=str(port), TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
                     TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram")
    child = await start_child(tmp_path, child_env(tmp_path, standin, **extra))
    if mode == "webhook":
        await standin.wait_until(lambda: standin.webhook is not None, timeout=30)
        await started_listening(port)
    else:
        await standin.wait_until(lambda: bool(standin.calls_to("getUpdates")), timeout=30)
    reply = await standin.reply_to(standin.send_text("لماذا يغادر يان ليكون ميتا؟", user_id=77), timeout=30)
    assert reply.visible
    child.send_signal(sig)
    code, output = await finish(child)
    assert code == 0, output[-2000:]
    assert "stopping" in output and "Traceback" not in output
    assert TEST_TOKEN not in output and "TEST-TOKEN" not in output and WEBHOOK_SECRET not in output
    from bot.store.database import Store

    store = await Store.open(tmp_path / "store.db")
    try:
        assert (await store.stats())["questions"] == 1
    finally:
        await store.close()


async def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path, standin):
    db = tmp_path / "store.db"
    garbage = b"not a database at all\n" * 100
    db.write_bytes(garbage)
    code, output = await finish(await start_child(tmp_path, child_env(tmp_path, standin)))
    assert code == 1
    assert "store.db" in output
    assert db.read_bytes() == garbage
    assert standin.calls == []  # refused before talking to Telegram


# ------------------------------------------------------------------ the token in logs


def test_redactor_covers_the_token_its_secret_part_and_url_encoding():
    redact = Redactor([TEST_TOKEN, None, "short"])
    text = f"POST /bot{TEST_TOKEN}/getMe; %s; {TEST_TOKEN.split(':')[1]}" % TEST_TOKEN.replace(":", "%3A")
    assert "TEST-TOKEN" not in redact(text) and redact(text).count("[REDACTED]") == 3
    assert redact("short text") == "short text"  # too short to be a secret: left alone


async def test_token_and_webhook_secret_never_reach_a_log_record_at_debug(standin, start_bot, redacted_logs):
    bot = await start_bot(settings=webhook_settings(standin))
    standin.inject("status", method="sendMessage", status=400, count=1)  # an exception with traceback
    standin.inject("refuse", count=1)  # a retried call: its warning is logged too
    await standin.reply_to(standin.send_text("/start", user_id=90))
    await standin.reply_to(standin.send_text("لماذا يغادر يان ليكون ميتا؟", user_id=91))
    await bot.stop()

    # A rejected token: PTB's InvalidToken message repeats the token it was given.
    undo = install_redaction([WRONG_TOKEN])
    try:
        wrong = build_application(make_settings(standin, telegram_bot_token=WRONG_TOKEN), bot.app.bot_data["storybot"].story,
                                  tuning=fast_tuning())
        with pytest.raises(Exception) as caught:
            await serve(wrong, make_settings(standin, telegram_bot_token=WRONG_TOKEN), asyncio.Event(), tuning=fast_tuning())
        assert WRONG_TOKEN in str(caught.value)  # so the redaction below has something to do
        logging.getLogger("storybot.telegram").exception("start-up failed: %s", caught.value)
    finally:
        undo()

    records = redacted_logs.records
    assert any("setWebhook" in r.getMessage() for r in records)  # the secret was there to leak
    assert any("[REDACTED]" in r.getMessage() for r in records)
    for secret in (TEST_TOKEN, "TEST-TOKEN", WEBHOOK_SECRET, WRONG_TOKEN, "WRONG-token-abcdef"):
        assert secret not in redacted_logs.text
        for r in records:
            assert secret not in r.getMessage() and secret not in (r.exc_text or "")
