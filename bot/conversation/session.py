"""`Conversations`: one message in, one `Turn` out, the same for every front end.

What a turn does, in order:

1. the engine answers inside the chat's conversation (`bot.core.answer.answer`);
2. small talk (greetings, thanks, help, empty messages) is never refused; anything else asks
   the store's rate limit, which fails open: a missing, slow (`Bounds.store_timeout_s`) or
   failing store lets the question through, since the answer matters more than the count;
3. a refused question changes nothing and is not stored (the limit protects the store too);
   its reader is told once in `Bounds.refusal_notice_every_s`, the other refusals of that
   time are silent (`Turn.silent`): each notice is a call to Telegram that a flooding client
   would make the bot send, and the reader already knows;
4. otherwise the chat's memory moves on, and the question is committed to the store
   *before* the turn is returned, so before the front end sends the reply: a reply that went
   out survives a SIGKILL. The wait for that commit is bounded by `Bounds.record_wait_s`;
   past it the write goes on in the background. Every store failure is logged and swallowed.

Answer ids are derived from the message's own key (chat, message, edit), so a message
handled twice (after a crash) is stored once and its buttons keep working.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import AsyncIterator

from bot.conversation.memory import ConversationMemory
from bot.core.answer import Conversation, Story, answer
from bot.core.answer_types import Answer, Kind
from bot.store.database import EMBEDDED_STORY_ID, Store, record_from_answer

LOGGER = logging.getLogger("storybot.conversation")

SMALL_TALK = frozenset({Kind.GREETING, Kind.THANKS, Kind.HELP})


@dataclass(frozen=True)
class Bounds:
    store_timeout_s: float = 2.0  # the longest the rate-limit check (or a vote) may hold up a reply
    record_wait_s: float = 0.5  # the longest a reply waits for its question's commit
    memory_chats: int = 10_000
    refusal_notice_every_s: float = 60.0  # a refused reader is told at most this often


@dataclass(frozen=True)
class Turn:
    """What a front end shows: the answer (None when the rate limit refused the question)."""

    answer: Answer | None
    answer_id: str
    silent: bool = False  # refused, and its reader was told so a moment ago: nothing to send

    @property
    def refused(self) -> bool:
        return self.answer is None


def answer_id_for(key: str) -> str:
    """A short id for the reply to one message (16 hex digits: fits Telegram's callback data)."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass
class _ChatTurns:
    """The turns of one chat in hand: its lock and how many hold or wait for it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    in_hand: int = 0


class Conversations:
    """The conversation logic of one running bot: memory, rate limit, record-before-send, votes."""

    def __init__(self, story: Story, store: Store | None, bounds: Bounds = Bounds()) -> None:
        self.story = story
        self.store = store
        self.bounds = bounds
        self.memory = ConversationMemory(bounds.memory_chats)
        # One turn at a time per chat, from reading its memory to moving it on: a follow-up
        # sent while the question before it waits for the store must find that question.
        # Kept only while a chat has a turn in hand.
        self._turns: dict[int, _ChatTurns] = {}
        # When each refused reader was last told so (monotonic seconds), the oldest first.
        # Kept per chat and reader: a notice in one group says nothing in another.
        self._told: OrderedDict[tuple[int, int], float] = OrderedDict()

    async def ask(self, chat_id: int, user_id: int, text: str, *, key: str, via: str = "chat",
                  follow_up: bool = True, story: Story | None = None, story_id: str = EMBEDDED_STORY_ID) -> Turn:
        """The turn for one message; `key` names the message (see `answer_id_for`).

        follow_up=False (inline queries) neither reads nor moves the chat's memory. `story`
        (default: the bot's) is what the chat is about, `story_id` its catalogue id, stored
        with the question.
        """
        started = time.perf_counter()
        answer_id = answer_id_for(key)
        if follow_up:
            async with self._chat_turn(chat_id):
                conversation = self.memory.get(chat_id)
                reply = answer(story or self.story, text, conversation)
                if reply.kind not in SMALL_TALK and not await self.allows(user_id):
                    return self._refusal(chat_id, user_id, answer_id)
                self.memory.put(chat_id, (conversation or Conversation()).after(reply))
        else:
            reply = answer(story or self.story, text, None)
            if reply.kind not in SMALL_TALK and not await self.allows(user_id):
                # An inline query must be answered, so its notice is always shown, and
                # it tells nothing to the reader's chats.
                return Turn(None, answer_id)
        latency_ms = (time.perf_counter() - started) * 1000
        await self._record(reply, answer_id=answer_id, chat_id=chat_id, user_id=user_id, latency_ms=latency_ms, via=via,
                           story_id=story_id)
        return Turn(reply, answer_id)

    def _refusal(self, chat_id: int, user_id: int, answer_id: str) -> Turn:
        """A refused turn, silent when its reader was told in this chat within the notice interval."""
        now = time.monotonic()
        told = (chat_id, user_id)
        last = self._told.get(told)
        if last is not None and now - last < self.bounds.refusal_notice_every_s:
            return Turn(None, answer_id, silent=True)
        self._told[told] = now
        self._told.move_to_end(told)
        while len(self._told) > self.bounds.memory_chats:
            self._told.popitem(last=False)
        return Turn(None, answer_id)

    @contextlib.asynccontextmanager
    async def _chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's turn; its lock is dropped when no turn of the chat is in hand."""
        turns = self._turns.setdefault(chat_id, _ChatTurns())
        turns.in_hand += 1
        try:
            async with turns.lock:
                yield
        finally:
            turns.in_hand -= 1
            if not turns.in_hand:
                del self._turns[chat_id]

    def preview(self, text: str, story: Story | None = None) -> Turn:
        """The answer alone: no memory, no rate limit, nothing stored (e.g. what an empty
        inline query shows while the reader has not typed anything yet); `story` as in ask."""
        return Turn(answer(story or self.story, text), "")

    async def allows(self, user_id: int) -> bool:
        """The store's rate limit; True (fail open) when the store is missing, slow or failing."""
        if self.store is None:
            return True
        try:
            return bool(await asyncio.wait_for(self.store.allow(user_id), self.bounds.store_timeout_s))
        except Exception:
            LOGGER.exception("rate-limit check failed; answering anyway")
            return True

    async def _record(self, reply: Answer, *, answer_id: str, chat_id: int, user_id: int, latency_ms: float,
                      via: str, story_id: str) -> None:
        if self.store is None:
            return
        rec = record_from_answer(reply, answer_id=answer_id, chat_id=chat_id, user_id=user_id,
                                 latency_ms=latency_ms, via=via, story=story_id)
        wait = max(self.bounds.record_wait_s, 0.0)
        try:
            # The store bounds its own wait; the outer bound keeps that promise if it does not.
            await asyncio.wait_for(asyncio.shield(self.store.record_question_within(rec, wait)), wait + 0.05)
        except asyncio.TimeoutError:
            LOGGER.warning("conversation store: the record is late; replying without waiting for it")
        except Exception:
            LOGGER.exception("conversation store: record_question failed")

    async def vote(self, answer_id: str, user_id: int, vote: int) -> bool:
        """Store a 👍 (+1) or 👎 (-1); True only if it was stored (the answer is known)."""
        if self.store is None:
            return False
        try:
            return bool(await asyncio.wait_for(self.store.record_feedback(answer_id, user_id, vote),
                                               self.bounds.store_timeout_s))
        except Exception:
            LOGGER.exception("conversation store: record_feedback failed")
            return False

    async def forget(self, user_id: int) -> int:
        """Delete what is stored about the user (and their private chat's memory); raises on failure."""
        self.memory.forget(user_id)
        if self.store is None:
            return 0
        return int(await self.store.forget(user_id))
