"""`storybot telegram`: the story's answers in Telegram, on python-telegram-bot.

`run()` wires things together; `build_application()` builds the Application (tests build it
too, pointed at a stand-in of the Bot API); `serve()` runs it until asked to stop. Handlers
are short; the work is in plain functions, and all text comes from `bot.telegram.render`.

The layer, one job per module (this one only wires and runs):

* `bot.telegram.redaction`: logging set up once, secrets redacted from every record;
* `bot.telegram.delivery`: Bot API requests retried when safe, HTML sends, "typing…";
* `bot.telegram.state`: `Tuning`, and the `BotState` the handlers share (per-chat memory);
* `bot.telegram.storage`: the handlers' calls to the conversation store, bounded;
* `bot.telegram.handlers`: the handlers, the plain functions they call, their routing.

The names tests and benchmarks import from here (`Tuning`, `Redactor`, `install_redaction`,
`surely_not_delivered`, `ConversationMemory`, `group_question`, ...) are re-exported.

Which updates are answered
--------------------------
* Private chats: every text message is a question; /ask works too. Stickers, photos, voice
  and other non-text messages get a short hint.
* Groups: only questions addressed to the bot: a message that @mentions it, a reply to one of
  its messages, or /ask. Everything else is ignored (privacy mode delivers little else).
* Edited messages: an edited text in a private chat is answered as a new question (readers
  fix typos and expect the corrected question to be answered); edits in groups are ignored,
  since re-answering a group discussion on every edit would be noise.
* Channel posts (and their edits): ignored. The bot is not meant to write in channels, where
  it would speak as the channel. They are not requested in ``allowed_updates`` and no handler
  matches them if they arrive anyway.
* Inline queries: the top quotes, each with the disclaimer.

Reliability
-----------
* Updates are handled concurrently (`concurrent_updates`), so one slow call never holds up
  other readers.
* Flood control: AIORateLimiter throttles to Telegram's limits and retries after a 429
  (`retry_after`) up to `Tuning.max_retries_429` times.
* Network errors and 5xx: `RetryingRequest` (bot.telegram.delivery) retries a Bot API call with backoff only when it
  surely did not take effect: the connection failed, the server closed it without any
  response, or it answered 5xx. A *timeout waiting for the response* (httpx ReadTimeout or
  WriteTimeout, TimedOut in PTB) is not retried: Telegram may have received the request and
  will deliver the message, so resending would risk a duplicate. A reply lost that way is
  rarer and less confusing than a reply sent twice, and the reader can simply ask again. For
  the same reason the error handler sends no apology after a TimedOut.
* The typing action is sent when the work takes longer than `Tuning.typing_delay_s` (a
  reply faster than that would hide it before it could be seen), never stops the answer (its
  failure is logged at DEBUG), and is waited for at most `Tuning.typing_grace_s` so that it
  does not arrive after the answer. See `Typing` (bot.telegram.delivery).
* The conversation store is optional. Its calls never stop the reply and delay it only
  within bounds: `allow()` is bounded by `Tuning.store_timeout_s` and fails open; a question
  is committed before its reply is sent (so a reply that went out survives a SIGKILL of the
  bot, as issue 5 asks) but the reply waits for that at most `Tuning.record_wait_s`; votes
  are written in background tasks. Every store failure is logged and swallowed. See
  bot.telegram.storage.
* The token (and the webhook secret) never reach a log line: see `install_redaction`
  (bot.telegram.redaction).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import Any

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

from bot.telegram import render as tr
from bot.config import ConfigError, Settings, load_settings
from bot.telegram.delivery import RetryingRequest
from bot.telegram.handlers import (
    add_handlers,
    command_argument,
    command_target,
    group_question,
)
from bot.telegram.redaction import Redactor, install_redaction, setup_logging
from bot.telegram.state import (
    STATE_KEY,
    BotState,
    ConversationMemory,
    Tuning,
    example_questions,
    story_articles,
)

__all__ = [
    # this module's own
    "ALLOWED_UPDATES", "EXIT_CONFIG", "EXIT_FATAL", "EXIT_OK",
    "build_application", "open_store", "register_commands", "run", "serve",
    # re-exported: tests, benchmarks and the CLI import them from here
    "BotState", "ConversationMemory", "Redactor", "STATE_KEY", "Tuning",
    "command_argument", "command_target", "group_question", "install_redaction", "setup_logging",
]

LOGGER = logging.getLogger("storybot.telegram")

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_CONFIG = 3

ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "inline_query")


# --------------------------------------------------------------------------- wiring


def _engine() -> Any:
    import bot.core.answer as engine

    return engine


def build_application(settings: Settings, story: Any, store: Any | None = None, *, tuning: Tuning = Tuning()) -> Application:
    """The Application, wired but not started. Raises ConfigError without a token."""
    token = settings.require_token()
    engine = _engine()
    request = RetryingRequest(
        attempts=tuning.send_attempts,
        backoff_s=tuning.backoff_s,
        connection_pool_size=2 * tuning.concurrent_updates + 8,  # see Tuning.concurrent_updates
        read_timeout=tuning.read_timeout_s,
        write_timeout=tuning.read_timeout_s,
        connect_timeout=tuning.connect_timeout_s,
        pool_timeout=tuning.pool_timeout_s,
    )
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .request(request)
        .get_updates_request(HTTPXRequest(connection_pool_size=2, read_timeout=tuning.read_timeout_s))
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=tuning.overall_max_rate,
                group_max_rate=tuning.group_max_rate,
                max_retries=tuning.max_retries_429,
            )
        )
        .concurrent_updates(tuning.concurrent_updates)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .build()
    )
    articles = story_articles(story)
    app.bot_data[STATE_KEY] = BotState(
        settings=settings,
        story=story,
        store=store,
        tuning=tuning,
        card=tr.card_from_story(story, example_questions(engine, story)),
        memory=ConversationMemory(tuning.memory_chats),
        articles=articles,
        engine=engine,
    )
    add_handlers(app)
    return app


async def _initialize(app: Application, stop: asyncio.Event, retries: int, backoff_s: float) -> bool:
    """app.initialize() (getMe), retried on network errors; False if `stop` came first.

    A rejected token (InvalidToken) is not retried; NetworkError after the last attempt.
    """
    attempt = 0
    while not stop.is_set():
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise
        except NetworkError as exc:
            attempt += 1
            if attempt > retries:
                raise
            delay = min(backoff_s * 2 ** (attempt - 1), 30.0)
            LOGGER.warning("Bot API not reachable at start-up (%s); attempt %d of %d, next in %.1fs",
                           type(exc).__name__, attempt, retries + 1, delay)
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except asyncio.TimeoutError:
                pass
    return False


async def register_commands(app: Application) -> None:
    """setMyCommands with the Arabic descriptions; a failure is logged, not fatal."""
    try:
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in tr.COMMANDS])
    except TelegramError as exc:
        LOGGER.warning("could not register the command list: %s", type(exc).__name__)


async def serve(app: Application, settings: Settings, stop: asyncio.Event, *, tuning: Tuning = Tuning()) -> None:
    """Start, receive updates (polling or webhook) until `stop` is set, then shut down cleanly."""
    if not await _initialize(app, stop, tuning.bootstrap_retries, tuning.bootstrap_backoff_s):
        LOGGER.info("stopped during start-up")
        return
    try:
        await register_commands(app)
        await app.start()
        if settings.telegram_mode == "webhook":
            await app.updater.start_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=settings.webhook_path,
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret,  # PTB answers 403 to requests without it
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=tuning.bootstrap_retries,
            )
        else:
            await app.updater.start_polling(
                timeout=tuning.poll_timeout_s,
                allowed_updates=list(ALLOWED_UPDATES),
                bootstrap_retries=tuning.bootstrap_retries,
            )
        LOGGER.info("storybot is answering as @%s (%s)", app.bot.username, settings.telegram_mode)
        await stop.wait()
        LOGGER.info("stopping: finishing the updates in hand")
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()  # waits for running handlers and background store writes
        await app.shutdown()


async def open_store(settings: Settings) -> Any | None:
    """The conversation store, or None when bot.store.database is not installed. StoreError propagates."""
    try:
        from bot.store.database import Store
    except ImportError:
        LOGGER.warning("bot.store.database is unavailable: questions will not be stored")
        return None
    store = await Store.open(
        settings.db_path, retention_days=settings.retention_days, rate_limit_per_hour=settings.rate_limit_per_hour
    )
    start_purge = getattr(store, "start_purge_task", None)
    if start_purge is not None:
        start_purge()
    return store


def _store_error_type() -> type[BaseException]:
    try:
        from bot.store.database import StoreError
    except ImportError:
        return type("NoStoreError", (Exception,), {})
    return StoreError


async def _main(settings: Settings, story: Any) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # e.g. Windows: Ctrl-C raises instead
            pass
    try:
        store = await open_store(settings)
    except _store_error_type() as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_FATAL
    try:
        app = build_application(settings, story, store)
        await serve(app, settings, stop)
        return EXIT_OK
    except InvalidToken:
        print(
            "storybot: Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized or 404). "
            "Check the token from @BotFather; it is not printed here.",
            file=sys.stderr,
        )
        return EXIT_FATAL
    except NetworkError as exc:
        print(
            f"storybot: cannot reach the Bot API at {settings.telegram_api_base_url} "
            f"({type(exc).__name__}); giving up.",
            file=sys.stderr,
        )
        return EXIT_FATAL
    finally:
        if store is not None:
            try:
                await store.close()
            except Exception:
                LOGGER.exception("closing the conversation store failed")


def _load_story(settings: Settings) -> Any:
    from bot.core.answer import load_story

    return load_story(settings.articles)


def run() -> int:
    """Entry point of `storybot telegram`: exit 0 ok, 3 configuration error, 1 fatal."""
    try:
        settings = load_settings()
        settings.require_token()
    except ConfigError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(settings)
    try:
        story = _load_story(settings)
    except (ValueError, OSError) as exc:  # ArticleError is a ValueError; its message names the file
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        return asyncio.run(_main(settings, story))
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers were in place
        return EXIT_OK
    except Exception:
        LOGGER.exception("fatal error")  # redacted like every log record
        print("storybot: fatal error (see the log above)", file=sys.stderr)
        return EXIT_FATAL
