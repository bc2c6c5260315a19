"""Getting replies to Telegram: Bot API calls retried only when safe, HTML sends, "typing…".

A Bot API call is retried (with backoff) only when it surely did not take effect: the
connection failed, the server closed it without any response, or it answered 5xx. A timeout
waiting for the response is not retried: Telegram may have received the request and will
deliver the message, so resending would risk a duplicate.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any, Sequence

import httpx
from telegram import Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import NetworkError, TimedOut
from telegram.ext import ContextTypes
from telegram.request import HTTPXRequest

LOGGER = logging.getLogger("storybot.telegram")


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
