"""Getting replies to Telegram: Bot API calls resent only when safe, HTML sends, "typing…".

When a call fails on the network, it is resent (with backoff) only when resending cannot
make the reader see something twice:

* the request never left whole: the connection could not be made, no pooled connection was
  free, or writing the request failed before its last byte (httpcore's trace says how far
  the request got, so this is known, not guessed);
* or the method is idempotent (`IDEMPOTENT`): doing it twice has the effect of doing it once
  (getMe, setWebhook, a typing action...);
* or Telegram answered 5xx: it says it did not do the call.

A request that was written whole and then lost its answer (the connection closed or was
reset, the response timed out) is ambiguous: Telegram may have acted on it. A message sent
that way is not resent, so a reader may miss a reply but never gets one twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
from dataclasses import dataclass
from typing import Any, Sequence

import httpx
from telegram import Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import NetworkError
from telegram.ext import ContextTypes
from telegram.request import HTTPXRequest

LOGGER = logging.getLogger("storybot.telegram")

# Calls whose repetition changes nothing a reader sees (or is refused harmlessly by Telegram,
# like a second answer to the same callback query). Every other method may create a message.
IDEMPOTENT = frozenset({
    "getMe", "getUpdates", "getWebhookInfo", "setWebhook", "deleteWebhook", "setMyCommands",
    "deleteMyCommands", "sendChatAction", "answerCallbackQuery", "answerInlineQuery",
    "editMessageText", "editMessageReplyMarkup", "close", "logOut",
})


@dataclass
class RequestProgress:
    """How far one HTTP request got, from httpcore's trace events."""

    written: bool = False  # the request's last byte was handed to the connection

    async def trace(self, event: str, info: dict[str, Any]) -> None:
        if event == "http11.send_request_body.complete":
            self.written = True


_PROGRESS: contextvars.ContextVar[RequestProgress | None] = contextvars.ContextVar("storybot_progress", default=None)


async def _attach_trace(request: httpx.Request) -> None:
    """httpx request hook: let the current call's RequestProgress follow its request."""
    progress = _PROGRESS.get()
    if progress is not None:
        request.extensions["trace"] = progress.trace


def may_resend(api_method: str, written: bool) -> bool:
    """True when resending a call that failed on the network cannot show a reader anything twice."""
    return not written or api_method in IDEMPOTENT


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that resends a call only when `may_resend` says so, or after a 5xx."""

    # getUpdates has its own loop (bot.telegram.intake); a late typing action is worse than none.
    NOT_RETRIED = frozenset({"getUpdates", "sendChatAction"})

    def __init__(self, *, attempts: int = 4, backoff_s: float = 0.25, **kwargs: Any) -> None:
        super().__init__(httpx_kwargs={"event_hooks": {"request": [_attach_trace]}}, **kwargs)
        self._attempts = max(1, attempts)
        self._backoff_s = backoff_s

    def _delay(self, attempt: int) -> float:
        return self._backoff_s * (2 ** (attempt - 1)) * random.uniform(0.8, 1.2)

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        attempts = 1 if api_method in self.NOT_RETRIED else self._attempts
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            progress = RequestProgress()
            token = _PROGRESS.set(progress)
            try:
                code, payload = await super().do_request(url, method, *args, **kwargs)
            except NetworkError as exc:
                if last or not may_resend(api_method, progress.written):
                    raise
                why = type(exc.__cause__).__name__
            else:
                if code < 500 or last:
                    return code, payload
                why = f"HTTP {code}"
            finally:
                _PROGRESS.reset(token)
            delay = self._delay(attempt)
            LOGGER.warning("%s failed (%s), attempt %d of %d; retrying in %.2fs", api_method, why, attempt, attempts, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


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
