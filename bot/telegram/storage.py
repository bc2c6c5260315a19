"""The Telegram layer's calls to the conversation store: bounded, and never fatal to a reply.

The store is optional. `allow()` is bounded by `Tuning.store_timeout_s` and fails open; a
question is committed before its reply is sent (so a reply that went out survives a SIGKILL
of the bot, as issue 5 asks) but the reply waits for that at most `Tuning.record_wait_s`;
votes are written in background tasks. Every store failure is logged and swallowed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable

from telegram.ext import ContextTypes

from bot.core.answer_types import Answer
from bot.telegram.state import BotState, bot_state

LOGGER = logging.getLogger("storybot.telegram")


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
        from bot.store.database import record_from_answer
    except ImportError:
        return None
    return record_from_answer(answer, answer_id=answer_id, chat_id=chat_id, user_id=user_id, latency_ms=latency_ms)


async def record(context: ContextTypes.DEFAULT_TYPE, reply: Answer, answer_id: str, chat_id: int, user_id: int,
                 latency_ms: float) -> None:
    """Store the question, waiting for the commit at most `Tuning.record_wait_s`.

    Issue 5 wants every question whose reply was sent to survive a SIGKILL, so the record
    is committed *before* the reply goes out, but a slow or failing database may delay the
    reply by `record_wait_s` at most: after that the write goes on in the background. With
    record_wait_s=0, or a store without `record_question_within`, it is all background.
    Recording first also keeps questions whose reply then failed or timed out.
    """
    state = bot_state(context)
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
