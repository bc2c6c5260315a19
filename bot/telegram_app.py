"""`storybot telegram`: the story's answers in Telegram, on python-telegram-bot.

`run()` wires things together; `build_application()` builds the Application (tests build it
too, pointed at a stand-in of the Bot API); `serve()` runs it until asked to stop. Handlers
are short; the work is in plain functions, and all text comes from `bot.telegram_render`.

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
* Network errors and 5xx: `RetryingRequest` retries a Bot API call with backoff only when it
  surely did not take effect: the connection failed, the server closed it without any
  response, or it answered 5xx. A *timeout waiting for the response* (httpx ReadTimeout or
  WriteTimeout, TimedOut in PTB) is not retried: Telegram may have received the request and
  will deliver the message, so resending would risk a duplicate. A reply lost that way is
  rarer and less confusing than a reply sent twice, and the reader can simply ask again. For
  the same reason the error handler sends no apology after a TimedOut.
* The typing action is sent when the work takes longer than `Tuning.typing_delay_s` (a
  reply faster than that would hide it before it could be seen), never stops the answer (its
  failure is logged at DEBUG), and is waited for at most `Tuning.typing_grace_s` so that it
  does not arrive after the answer. See `Typing`.
* The conversation store is optional. Its calls never stop the reply and delay it only
  within bounds: `allow()` is bounded by `Tuning.store_timeout_s` and fails open; a question
  is committed before its reply is sent (so a reply that went out survives a SIGKILL of the
  bot, as issue 5 asks) but the reply waits for that at most `Tuning.record_wait_s`; votes
  are written in background tasks. Every store failure is logged and swallowed.
* The token (and the webhook secret) never reach a log line: see `install_redaction`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import secrets
import signal
import sys
import time
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, Sequence

import httpx
from telegram import BotCommand, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import telegram_render as tr
from bot.answer_types import Answer
from bot.config import ConfigError, Settings, load_settings

LOGGER = logging.getLogger("storybot.telegram")

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_CONFIG = 3

ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "inline_query")
STATE_KEY = "storybot"


@dataclass(frozen=True)
class Tuning:
    """Knobs with production defaults; tests and the benchmark change some of them."""

    # Updates in hand at once. Each holds at most two Bot API calls (typing, reply), and the
    # pool has room for all of them: httpcore's pool does O(queued x connections) work per
    # request once requests queue: 1,000 questions at once took 80 s with 256 handlers, 8 s with 64.
    # 64 handlers at Telegram's ~0.1 s round trip exceed the 30 messages/s flood limit anyway.
    concurrent_updates: int = 64
    overall_max_rate: float = 30.0  # Telegram: about 30 messages per second overall
    group_max_rate: float = 20.0  # Telegram: about 20 messages per minute per group
    max_retries_429: int = 3
    send_attempts: int = 4  # RetryingRequest: first try plus three retries
    backoff_s: float = 0.25  # doubled after each failed attempt, with jitter
    read_timeout_s: float = 10.0
    connect_timeout_s: float = 5.0
    pool_timeout_s: float = 20.0  # waiting for a free connection is safe (nothing sent yet); bursts queue here
    poll_timeout_s: int = 10  # long-polling timeout for getUpdates
    bootstrap_retries: int = 5  # start-up survives this many failed attempts
    bootstrap_backoff_s: float = 1.0
    typing_delay_s: float = 0.25  # send "typing…" only if the reply is not out by then
    typing_grace_s: float = 1.0
    store_timeout_s: float = 2.0  # the longest the rate-limit check may hold up a reply
    record_wait_s: float = 0.5  # the longest a reply waits for its question's commit
    memory_chats: int = 10_000
    inline_cache_s: int = 300


# --------------------------------------------------------------------------- the token


class Redactor:
    """Replaces secrets (the bot token, the webhook secret) in text."""

    def __init__(self, secrets_: Iterable[str | None]) -> None:
        variants: set[str] = set()
        for s in secrets_:
            if not s or len(s) < 6:
                continue
            variants.update({s, urllib.parse.quote(s, safe=""), urllib.parse.quote(s)})
            if ":" in s:  # a bot token is "<bot id>:<secret>"; the secret part alone is still secret
                tail = s.split(":", 1)[1]
                if len(tail) >= 6:
                    variants.add(tail)
        ordered = sorted(variants, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub("[REDACTED]", text) if self._pattern else text

    def record(self, record: logging.LogRecord) -> logging.LogRecord:
        """Redact a log record in place: its message, its exception text and stack."""
        if self._pattern is None:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = self(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = self(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None  # handlers must use the redacted exc_text, not the exception
        elif record.exc_text:
            record.exc_text = self(record.exc_text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)
        return record


def install_redaction(secrets_: Iterable[str | None]) -> Callable[[], None]:
    """Redact secrets from every log record of this process; returns the undo function.

    A log-record factory rather than a handler filter: it acts when the record is made, so
    every handler (including ones added later, and pytest's capture) sees only the redacted
    record. httpx logs request URLs, which carry the token, and PTB's InvalidToken message
    repeats the token: both are caught here.
    """
    redactor = Redactor(secrets_)
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redactor.record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)

    def undo() -> None:
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)

    return undo


def setup_logging(settings: Settings) -> Callable[[], None]:
    """Logging configured once: level from settings, httpx quiet, secrets redacted."""
    undo = install_redaction([settings.telegram_bot_token, settings.webhook_secret])
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=getattr(logging, settings.log_level, logging.INFO),
    )
    # At INFO httpx logs every request URL, and the URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # At DEBUG aiosqlite logs every statement with its parameters: readers' questions.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    return undo


# --------------------------------------------------------------------------- requests


def surely_not_delivered(exc: NetworkError) -> bool:
    """True when a failed Bot API call cannot have taken effect, so resending is safe.

    Connecting failed, the pool had no connection (the request was never sent), or the
    connection ended with no response at all. A read or write timeout is ambiguous: the
    request may have reached Telegram, which then acts on it.
    """
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout))
    return isinstance(cause, (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError))


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that retries calls that surely did not take effect, or got a 5xx."""

    # getUpdates has the updater's own retry loop; a late typing action is worse than none.
    NOT_RETRIED = frozenset({"getUpdates", "sendChatAction"})

    def __init__(self, *, attempts: int = 4, backoff_s: float = 0.25, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._attempts = max(1, attempts)
        self._backoff_s = backoff_s

    def _delay(self, attempt: int) -> float:
        return self._backoff_s * (2 ** (attempt - 1)) * random.uniform(0.8, 1.2)

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        attempts = 1 if api_method in self.NOT_RETRIED else self._attempts
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                code, payload = await super().do_request(url, method, *args, **kwargs)
            except NetworkError as exc:
                if last or not surely_not_delivered(exc):
                    raise
                why = type(exc.__cause__).__name__
            else:
                if code < 500 or last:
                    return code, payload
                why = f"HTTP {code}"
            delay = self._delay(attempt)
            LOGGER.warning("%s failed (%s), attempt %d of %d; retrying in %.2fs", api_method, why, attempt, attempts, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------- state


class ConversationMemory:
    """The last Conversation of each chat, for follow-up questions; least recently used dropped."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._chats: OrderedDict[int, Any] = OrderedDict()

    def get(self, chat_id: int) -> Any | None:
        conversation = self._chats.get(chat_id)
        if conversation is not None:
            self._chats.move_to_end(chat_id)
        return conversation

    def put(self, chat_id: int, conversation: Any) -> None:
        self._chats[chat_id] = conversation
        self._chats.move_to_end(chat_id)
        while len(self._chats) > self.capacity:
            self._chats.popitem(last=False)

    def forget(self, chat_id: int) -> None:
        self._chats.pop(chat_id, None)

    def __len__(self) -> int:
        return len(self._chats)


@dataclass
class BotState:
    """Everything the handlers need; kept in application.bot_data[STATE_KEY]."""

    settings: Settings
    story: Any
    store: Any | None
    tuning: Tuning
    card: tr.StoryCard
    memory: ConversationMemory
    articles: tuple[Any, ...]
    engine: Any = field(repr=False)  # the bot.answer module (answer, Conversation)

    @property
    def with_article(self) -> bool:
        return len(self.articles) > 1


def _state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data[STATE_KEY]


def story_articles(story: Any) -> tuple[Any, ...]:
    articles = tuple(getattr(story, "articles", ()) or ())
    return articles or (story.primary,)


def example_questions(engine: Any, story: Any) -> tuple[str, ...]:
    """Two example questions fitted to the article, from the engine; () if it has none."""
    try:
        return tuple(engine.example_questions(story))[:2]
    except Exception:  # examples are a nicety; the fixed ones will do
        LOGGER.exception("could not get example questions from the engine")
        return ()


# --------------------------------------------------------------------------- the store


async def store_allows(state: BotState, user_id: int) -> bool:
    """The store's rate limit; fails open (True) when the store is missing, slow or failing."""
    if state.store is None:
        return True
    try:
        return bool(await asyncio.wait_for(state.store.allow(user_id), state.tuning.store_timeout_s))
    except Exception:
        LOGGER.exception("rate-limit check failed; answering anyway")
        return True


async def _logged(what: str, coroutine: Awaitable[Any]) -> None:
    try:
        await coroutine
    except Exception:
        LOGGER.exception("conversation store: %s failed", what)


def in_background(context: ContextTypes.DEFAULT_TYPE, what: str, coroutine: Awaitable[Any]) -> None:
    """Run a store call without waiting for it; failures are logged. Awaited at shutdown."""
    context.application.create_task(_logged(what, coroutine), name=f"storybot-{what}")


def question_record(answer: Answer, *, answer_id: str, chat_id: int, user_id: int, latency_ms: float) -> Any | None:
    """The store's QuestionRecord for a reply, or None if the store module is unavailable."""
    try:
        from bot.store import record_from_answer
    except ImportError:
        return None
    return record_from_answer(answer, answer_id=answer_id, chat_id=chat_id, user_id=user_id, latency_ms=latency_ms)


# --------------------------------------------------------------------------- sending


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    chunks: Sequence[str],
    *,
    reply_to: int | None,
    markup: Any = None,
) -> list[Message]:
    """Send the chunks in order as replies to `reply_to`; the keyboard goes under the last."""
    sent = []
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        sent.append(
            await context.bot.send_message(
                chat_id,
                chunk,
                parse_mode=ParseMode.HTML,
                reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
                reply_markup=markup if last else None,
            )
        )
    return sent


async def reply_html(context: ContextTypes.DEFAULT_TYPE, message: Message, text: str) -> None:
    await send_html(context, message.chat_id, [text], reply_to=message.message_id)


class Typing:
    """The "typing…" action for one reply: sent only if the work takes a noticeable time.

    Telegram shows it until the bot's next message arrives (or 5 s). An answer that is ready
    within `delay_s` would hide it before anyone could see it, so it is not sent at all: that
    halves the Bot API calls of a fast reply. When sent, the reply waits for it (at most
    `grace_s`) so that it cannot arrive after the reply and show "typing…" under an answer.
    Its failure is logged at DEBUG and never stops the reply. delay_s=0 sends it always.
    """

    def __init__(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, delay_s: float) -> None:
        self._context, self._chat_id = context, chat_id
        self._task: asyncio.Task[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        if delay_s <= 0:
            self._start()
        else:  # a timer, not a sleeping task: a fast reply then costs one cancelled callback
            self._timer = asyncio.get_running_loop().call_later(delay_s, self._start)

    def _start(self) -> None:
        self._timer = None
        self._task = self._context.application.create_task(self._send(), name="storybot-typing")

    async def _send(self) -> None:
        try:
            await self._context.bot.send_chat_action(self._chat_id, "typing")
        except Exception as exc:  # cosmetic: never let it stop or fail the answer
            LOGGER.debug("typing action failed: %s", type(exc).__name__)

    async def settle(self, grace_s: float) -> None:
        """Before the reply goes out: drop the action if not yet sent, else let it land first."""
        self.cancel()
        if self._task is not None:
            await asyncio.wait({self._task}, timeout=grace_s)

    def cancel(self) -> None:
        """Drop the action if it has not started; one already in flight is left to finish."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def paragraph_ref(state: BotState, answer: Answer) -> tr.ParagraphRef | None:
    """The first quoted body paragraph, as a button target."""
    first = next((q for q in answer.quotes if q.place == "body" and q.paragraph > 0), None)
    if first is None:
        return None
    for index, article in enumerate(state.articles):
        if article.name == first.article:
            return tr.ParagraphRef(index, first.paragraph)
    return None


def compose(state: BotState, chat_id: int, question: str) -> Answer:
    """Answer a question in the chat's conversation, and remember the new conversation."""
    conversation = state.memory.get(chat_id)
    reply = state.engine.answer(state.story, question, conversation)
    state.memory.put(chat_id, (conversation or state.engine.Conversation()).after(reply))
    return reply


async def answer_question(context: ContextTypes.DEFAULT_TYPE, message: Message, question: str) -> None:
    """The whole reply to one question: rate limit, typing, answer, send, record."""
    state = _state(context)
    chat_id = message.chat_id
    user_id = message.from_user.id if message.from_user else chat_id
    started = time.perf_counter()
    typing = Typing(context, chat_id, state.tuning.typing_delay_s)
    try:
        if not await store_allows(state, user_id):
            await typing.settle(state.tuning.typing_grace_s)
            await reply_html(context, message, tr.rate_limited())
            return
        reply = compose(state, chat_id, question)
        answer_id = secrets.token_hex(6) if tr.wants_feedback(reply) else None
        chunks = tr.render_answer(reply, with_article=state.with_article)
        markup = tr.answer_keyboard(answer_id, paragraph_ref(state, reply))
        if answer_id is not None:  # before sending: a reply that went out is stored (see record)
            await record(context, reply, answer_id, chat_id, user_id, (time.perf_counter() - started) * 1000)
        await typing.settle(state.tuning.typing_grace_s)
        await send_html(context, chat_id, chunks, reply_to=message.message_id, markup=markup)
    finally:
        typing.cancel()


async def record(context: ContextTypes.DEFAULT_TYPE, reply: Answer, answer_id: str, chat_id: int, user_id: int,
                 latency_ms: float) -> None:
    """Store the question, waiting for the commit at most `Tuning.record_wait_s`.

    Issue 5 wants every question whose reply was sent to survive a SIGKILL, so the record
    is committed *before* the reply goes out, but a slow or failing database may delay the
    reply by `record_wait_s` at most: after that the write goes on in the background. With
    record_wait_s=0, or a store without `record_question_within`, it is all background.
    Recording first also keeps questions whose reply then failed or timed out.
    """
    state = _state(context)
    if state.store is None:
        return
    rec = question_record(reply, answer_id=answer_id, chat_id=chat_id, user_id=user_id, latency_ms=latency_ms)
    if rec is None:
        return
    within = getattr(state.store, "record_question_within", None)
    wait = state.tuning.record_wait_s
    if wait <= 0 or within is None:
        in_background(context, "record_question", state.store.record_question(rec))
        return
    try:
        # The store bounds its own wait; the outer bound keeps that promise if it does not.
        await asyncio.wait_for(asyncio.shield(within(rec, wait)), wait + 0.05)
    except asyncio.TimeoutError:
        LOGGER.warning("conversation store: the record is late; replying without waiting for it")
    except Exception:
        LOGGER.exception("conversation store: record_question failed")


# --------------------------------------------------------------------------- addressing


def group_question(text: str, bot_username: str | None, replying_to_bot: bool) -> str | None:
    """The question in a group message if it is addressed to the bot, else None."""
    if bot_username:
        mention = re.compile(rf"(?<![\w@])@{re.escape(bot_username)}\b", re.IGNORECASE)
        if mention.search(text):
            return " ".join(mention.sub(" ", text).split())
    return text if replying_to_bot else None


def command_target(text: str) -> str | None:
    """The bot a command names (`/cmd@name` -> "name"), or None for a bare `/cmd`."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.split("@", 1)[1] if "@" in first else None


def command_argument(text: str) -> str:
    """What follows the command word: '/ask  what?' -> 'what?' (line breaks kept)."""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _is_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


def _replying_to_bot(message: Message, bot_id: int) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == bot_id)


# --------------------------------------------------------------------------- handlers


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot does, the article's title, example questions."""
    await reply_html(context, update.effective_message, tr.welcome(_state(context).card, context.bot.username))


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, what the article covers."""
    await reply_html(context, update.effective_message, tr.help_text(_state(context).card, context.bot.username))


async def on_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/about: title, source, disclaimer."""
    await reply_html(context, update.effective_message, tr.about(_state(context).card))


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question>, in any chat."""
    message = update.effective_message
    question = command_argument(message.text or "")
    if not question:
        await reply_html(context, message, tr.esc(tr.ASK_USAGE))
        return
    await answer_question(context, message, question)


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats: every text (also an edited one) is a question."""
    message = update.effective_message
    await answer_question(context, message, message.text or "")


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups: answer only when mentioned or replied to."""
    message = update.effective_message
    question = group_question(message.text or "", context.bot.username, _replying_to_bot(message, context.bot.id))
    if question is not None:
        await answer_question(context, message, question)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats: stickers, photos, voice... get a short hint."""
    await reply_html(context, update.effective_message, tr.esc(tr.NON_TEXT_HINT))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Unknown commands: a hint in private, or in groups when the command names this bot."""
    await reply_unknown_command(context, update.effective_message)


async def reply_unknown_command(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    target = command_target(message.text or "")
    addressed = target is not None and context.bot.username and target.lower() == context.bot.username.lower()
    if _is_private(message) or addressed:
        await reply_html(context, message, tr.esc(tr.UNKNOWN_COMMAND))


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/privacy: what is stored and for how long."""
    state = _state(context)
    text = tr.privacy(state.settings.retention_days, stored=state.store is not None)
    await reply_html(context, update.effective_message, text)


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: delete everything stored about the sender."""
    state = _state(context)
    message = update.effective_message
    user_id = update.effective_user.id
    state.memory.forget(user_id)  # their private chat's follow-up memory, too
    if state.store is None:
        await reply_html(context, message, tr.esc(tr.FORGET_NO_STORE))
        return
    try:
        count = await state.store.forget(user_id)
    except Exception:
        LOGGER.exception("forget failed")
        await reply_html(context, message, tr.esc(tr.FORGET_FAILED))
        return
    await reply_html(context, message, tr.forgotten(int(count or 0)))


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats for admins; everyone else gets the unknown-command reply."""
    state = _state(context)
    message = update.effective_message
    if update.effective_user is None or update.effective_user.id not in state.settings.admin_ids:
        await reply_unknown_command(context, message)
        return
    if state.store is None:
        await reply_html(context, message, tr.esc(tr.STATS_NO_STORE))
        return
    try:
        data = await state.store.stats()
    except Exception:
        LOGGER.exception("stats failed")
        await reply_html(context, message, tr.esc(tr.STATS_FAILED))
        return
    await reply_html(context, message, tr.stats(data))


async def on_vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎: store the vote in the background; acknowledge at once."""
    query = update.callback_query
    vote = tr.parse_callback(query.data)
    store = _state(context).store
    if isinstance(vote, tr.Vote) and store is not None:
        in_background(context, "record_feedback", store.record_feedback(vote.answer_id, query.from_user.id, vote.vote))
    await query.answer(tr.FEEDBACK_THANKS)


async def on_paragraph_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"الفقرة كاملة": send the whole paragraph of the first quote."""
    query = update.callback_query
    chunks = paragraph_chunks(_state(context), tr.parse_callback(query.data))
    if chunks is None:
        await query.answer(tr.PARAGRAPH_GONE)
        return
    await query.answer()
    message = query.message
    if isinstance(message, Message):
        await send_html(context, message.chat_id, chunks, reply_to=message.message_id)


def paragraph_chunks(state: BotState, ref: Any) -> list[str] | None:
    if not isinstance(ref, tr.ParagraphRef) or not 0 <= ref.article_index < len(state.articles):
        return None
    article = state.articles[ref.article_index]
    paragraph = next((p for p in article.paragraphs if p.number == ref.paragraph), None)
    if paragraph is None:
        return None
    return tr.render_paragraph(paragraph.number, paragraph.heading, paragraph.text, article.disclaimer)


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: the top quotes as results, each with the disclaimer."""
    state = _state(context)
    query = update.inline_query
    text = query.query.strip()
    reply = state.engine.answer(state.story, text or "ملخص المقال")
    results = tr.inline_results(reply, with_article=state.with_article)
    await query.answer(results, cache_time=state.tuning.inline_cache_s, is_personal=False)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first; then a short fixed apology where a reader is waiting (never the exception text)."""
    LOGGER.error("an update failed", exc_info=context.error)
    if isinstance(context.error, TimedOut):
        return  # the reply may well have arrived; an apology under it would confuse
    if isinstance(update, Update) and update.callback_query is not None:
        try:  # stop the button's spinner; the apology shows as a short notice
            await update.callback_query.answer(tr.APOLOGY[:200])
        except TelegramError:
            pass  # already answered, or the query expired
        return
    message = update.effective_message if isinstance(update, Update) else None
    if message is None or message.chat.type == ChatType.CHANNEL:
        return
    try:
        await send_html(context, message.chat_id, [tr.esc(tr.APOLOGY)], reply_to=message.message_id)
    except TelegramError as exc:
        LOGGER.warning("could not send the apology either: %s", type(exc).__name__)


# --------------------------------------------------------------------------- wiring


def _add_handlers(app: Application) -> None:
    new = filters.UpdateType.MESSAGE  # new messages only; edits are routed explicitly below
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    text = filters.TEXT & ~filters.COMMAND
    for name, callback in (
        ("start", on_start), ("help", on_help), ("about", on_about), ("ask", on_ask),
        ("privacy", on_privacy), ("forget", on_forget), ("stats", on_stats),
    ):
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(new & private & text, on_private_text))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & private & text, on_private_text))
    app.add_handler(MessageHandler(new & groups & text, on_group_text))
    app.add_handler(MessageHandler(new & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(new & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_non_text))
    app.add_handler(CallbackQueryHandler(on_vote_button, pattern=r"^fb:"))
    app.add_handler(CallbackQueryHandler(on_paragraph_button, pattern=r"^para:"))
    app.add_handler(InlineQueryHandler(on_inline_query))
    app.add_error_handler(on_error)


def _engine() -> Any:
    import bot.answer as engine

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
    _add_handlers(app)
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
    """The conversation store, or None when bot.store is not installed. StoreError propagates."""
    try:
        from bot.store import Store
    except ImportError:
        LOGGER.warning("bot.store is unavailable: questions will not be stored")
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
        from bot.store import StoreError
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
    from bot.answer import load_story

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
