"""`storybot telegram`: the story's answers in Telegram, on python-telegram-bot.

`run()` wires things together; `build_application()` builds the Application (tests build it
too, pointed at a stand-in of the Bot API); `serve()` runs it until asked to stop. Handlers
are short; the work is in plain functions, and all text comes from `bot.telegram.render`.

The layer, one job per module (this one only wires and runs):

* `bot.telegram.redaction`: logging set up once, secrets redacted from every record;
* `bot.telegram.intake`: updates in (polling or webhook) through the durable inbox;
* `bot.telegram.delivery`: Bot API requests resent only when safe, HTML sends, "typing…";
* `bot.telegram.state`: `Tuning`, and the `BotState` the handlers share;
* `bot.telegram.handlers`: the handlers, the plain functions they call, their routing;
* `bot.telegram.stories`: a newsroom's deep links, /stories and its buttons (which story a
  chat is about is `bot.conversation.desk.StoryDesk`'s);
* `bot.conversation` (shared with other front ends): per-chat memory, the rate limit, the
  question recorded before its reply, the fixed texts.

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
* Inline queries: the top quotes, each with the disclaimer (from the user's current story).
* A newsroom (stories in the catalogue of STORYBOT_DB): `/start <story-id>` (the deep link
  `https://t.me/<bot>?start=<story-id>`) and the buttons of /stories choose the chat's story,
  stored in `chat_stories` (so it survives a restart); a chat that chose none gets each
  answer from the best-matching story, named on the reply's first line.

Reliability
-----------
* Updates are handled concurrently (`concurrent_updates`), so one slow call never holds up
  other readers.
* Flood control: AIORateLimiter throttles to Telegram's limits and retries after a 429
  (`retry_after`) up to `Tuning.max_retries_429` times.
* Network errors and 5xx: `RetryingRequest` (bot.telegram.delivery) resends a Bot API call
  with backoff only when its request never left whole, when its method is idempotent, or
  after a 5xx. A request written whole whose answer was lost (connection closed or reset, a
  read timeout) may have been delivered, so a message is not resent then: a reply lost that
  way is rarer and less confusing than a reply sent twice, and the reader can ask again. For
  the same reason the error handler sends no apology after a network error.
* Updates pass through the store's durable inbox (bot.telegram.intake): committed before
  they are confirmed to Telegram, handled after a crash if younger than
  `Tuning.inbox_max_age_s`, and never more than `Tuning.max_in_hand` in hand at once.
* The typing action is sent when the work takes longer than `Tuning.typing_delay_s` (a
  reply faster than that would hide it before it could be seen), never stops the answer (its
  failure is logged at DEBUG), and is waited for at most `Tuning.typing_grace_s` so that it
  does not arrive after the answer. See `Typing` (bot.telegram.delivery).
* The conversation store's calls never stop the reply and delay it only within bounds: the
  rate limit is bounded by `Tuning.store_timeout_s` and fails open; a question is committed
  before its reply is sent (so a reply that went out survives a SIGKILL) but the reply waits
  for that at most `Tuning.record_wait_s`. See bot.conversation.session.
* The token (and the webhook secret) never reach a log line: see `install_redaction`
  (bot.telegram.redaction).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

from bot.config import ConfigError, Settings, load_settings
from bot.conversation.desk import StoryDesk
from bot.conversation.session import Conversations
from bot.core.answer import Story, example_questions, load_story
from bot.newsroom import Newsroom
from bot.store import page_check
from bot.store.catalogue import Catalogue
from bot.store.database import Store, StoreError
from bot.telegram import render as tr
from bot.telegram.delivery import RetryingRequest
from bot.telegram.handlers import add_handlers
from bot.telegram.intake import Intake, StoryApplication, poll, start_webhook
from bot.telegram.redaction import Redactor, setup_logging
from bot.telegram.state import STATE_KEY, BotState, Tuning

LOGGER = logging.getLogger("storybot.telegram")

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_CONFIG = 3


# --------------------------------------------------------------------------- wiring


def build_application(settings: Settings, story: Story, store: Store | None = None, *,
                      tuning: Tuning = Tuning(), newsroom: Newsroom | None = None) -> StoryApplication:
    """The Application, wired but not started. Raises ConfigError without a token.

    With a newsroom, each chat is about the story it chose (deep link, /stories) or, until it
    chooses, the one that best matches each question; `story` answers only while the newsroom
    holds a single story."""
    token = settings.require_token()
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
        .application_class(StoryApplication)
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .request(request)
        .get_updates_request(HTTPXRequest(connection_pool_size=2, read_timeout=tuning.read_timeout_s))
        .updater(None)  # updates come through bot.telegram.intake
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
    conversations = Conversations(story, store, tuning.bounds)
    app.bot_data[STATE_KEY] = BotState(
        settings=settings,
        story=story,
        store=store,
        tuning=tuning,
        card=tr.card_from_story(story, example_questions(story)[:2]),
        conversations=conversations,
        intake=Intake(app, store, tuning),
        desk=StoryDesk(newsroom, store, conversations.memory, tuning.memory_chats) if newsroom is not None else None,
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


async def serve(app: StoryApplication, settings: Settings, stop: asyncio.Event, *, tuning: Tuning = Tuning(),
                intake: Intake | None = None) -> None:
    """Start, recover the inbox, receive updates (polling or webhook) until `stop`, shut down cleanly.

    `intake` defaults to the one `build_application` made (the benchmark's bare echo bot passes its own).
    """
    if not await _initialize(app, stop, tuning.bootstrap_retries, tuning.bootstrap_backoff_s):
        LOGGER.info("stopped during start-up")
        return
    intake = intake or app.bot_data[STATE_KEY].intake
    server = None
    try:
        await register_commands(app)
        await app.start()
        await intake.recover()
        # In both modes (see Tuning.page_check_interval_s). The first check waits an interval: the
        # store read every page when it opened the file.
        async with page_check.watching(settings.db_path, interval_s=tuning.page_check_interval_s,
                                       first_after_s=tuning.page_check_interval_s):
            if settings.telegram_mode == "webhook":
                server = await start_webhook(app, intake, settings, tuning)
                LOGGER.info("storybot is answering as @%s (webhook)", app.bot.username)  # only once it listens
                await stop.wait()
            else:
                LOGGER.info("storybot is answering as @%s (polling)", app.bot.username)
                await poll(app, intake, tuning, stop)
        LOGGER.info("stopping: finishing the updates in hand")
    finally:
        if server is not None:
            server.stop()
            await server.close_all_connections()
        if app.running:
            await app.stop()  # waits for running handlers and background store writes
        await intake.drain()
        await app.shutdown()


async def open_store(settings: Settings) -> Store:
    """The conversation store, its retention purge started. StoreError says why it cannot open."""
    store = await Store.open(
        settings.db_path, retention_days=settings.retention_days, rate_limit_per_hour=settings.rate_limit_per_hour
    )
    store.start_purge_task()
    return store


async def _main(settings: Settings, story: Story) -> int:
    # Messages printed here bypass logging, and so its redaction: they get their own.
    redact = Redactor([settings.telegram_bot_token, settings.webhook_secret])
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        store = await open_store(settings)
    except StoreError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_FATAL
    catalogue = None
    try:
        catalogue = Catalogue.open(settings.db_path, create=False, pages_checked=True)  # the store just made and checked the file
        newsroom = newsroom_for(settings, catalogue)
        app = build_application(settings, story, store, newsroom=newsroom)
        await serve(app, settings, stop)
        return EXIT_OK
    except (StoreError, ValueError, OSError) as exc:  # the catalogue, an article of STORYBOT_ARTICLES, the webhook's port
        print(f"storybot: {redact(str(exc))}", file=sys.stderr)
        return EXIT_FATAL
    except InvalidToken:
        print(
            "storybot: Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized or 404). "
            "Check the token from @BotFather; it is not printed here.",
            file=sys.stderr,
        )
        return EXIT_FATAL
    except BadRequest as exc:  # a NetworkError to PTB, but Telegram answered: it refused a start-up call
        print(f"storybot: the Bot API refused a start-up call: {redact(exc.message)}", file=sys.stderr)
        return EXIT_FATAL
    except NetworkError as exc:
        print(
            f"storybot: cannot reach the Bot API at {redact(settings.telegram_api_base_url)} "
            f"({type(exc).__name__}); giving up.",
            file=sys.stderr,
        )
        return EXIT_FATAL
    finally:
        if catalogue is not None:
            catalogue.close()
        try:
            await store.close()
        except Exception:
            LOGGER.exception("closing the conversation store failed")


def newsroom_for(settings: Settings, catalogue: Catalogue) -> Newsroom | None:
    """The catalogue's stories and STORYBOT_ARTICLES' files; None when the files alone are
    meant (the catalogue holds only the embedded story): they then answer together, as before."""
    if settings.articles and len(catalogue) <= 1:
        return None
    return Newsroom.from_paths(catalogue, settings.articles, capacity=settings.story_cache)


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
        story = load_story(settings.articles)
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
