"""`Conversations`: one message in, one `Turn` out, the same for every front end.

What a turn does, in order:

1. the engine answers inside the chat's conversation (`bot.core.answer.answer`), from the
   story a newsroom's desk chooses for it, if any; steps 1 to 4 are the chat's turn
   (`ConversationMemory.turn`): one at a time per chat, in the order the messages came;
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
import hashlib
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.conversation.memory import ConversationMemory
from bot.core.answer import Conversation, Story, answer
from bot.core.answer_types import Answer, Kind
from bot.store.database import EMBEDDED_STORY_ID, VOTE_FAILED, VOTE_UNKNOWN, Store, record_from_answer

if TYPE_CHECKING:
    from bot.conversation.desk import StoryDesk
    from bot.newsroom import Choice

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
    choice: Choice | None = None  # the newsroom's story it was answered from (ask's desk)

    @property
    def refused(self) -> bool:
        return self.answer is None


def answer_id_for(key: str) -> str:
    """A short id for the reply to one message (16 hex digits: fits Telegram's callback data)."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class Conversations:
    """The conversation logic of one running bot: memory, rate limit, record-before-send, votes."""

    def __init__(self, story: Story, store: Store | None, bounds: Bounds = Bounds()) -> None:
        self.story = story
        self.store = store
        self.bounds = bounds
        # One turn at a time per chat (ConversationMemory.turn): a follow-up sent while the
        # question before it waits for the store must find that question.
        self.memory = ConversationMemory(bounds.memory_chats)
        # When each refused reader was last told so (monotonic seconds), the oldest first.
        # Kept per chat and reader: a notice in one group says nothing in another.
        self._told: OrderedDict[tuple[int, int], float] = OrderedDict()

    async def ask(self, chat_id: int, user_id: int, text: str, *, key: str, via: str = "chat",
                  follow_up: bool = True, story: Story | None = None, story_id: str = EMBEDDED_STORY_ID,
                  desk: StoryDesk | None = None) -> Turn:
        """The turn for one message; `key` names the message (see `answer_id_for`).

        follow_up=False (inline queries) neither reads nor moves the chat's memory. `story`
        (default: the bot's) is what the chat is about, `story_id` its catalogue id, stored
        with the question. With a newsroom's `desk`, the story is the desk's for this question
        (Turn.choice), chosen inside the chat's turn: after the turn before it moved the memory
        on, so that a switch of story forgets that turn rather than a memory it then overwrites.
        """
        started = time.perf_counter()
        answer_id = answer_id_for(key)
        choice: Choice | None = None
        if follow_up:
            async with self.memory.turn(chat_id):
                if desk is not None:
                    choice = await desk.for_question(chat_id, text)
                    story, story_id = desk.newsroom.story(choice.id), choice.id
                conversation = self.memory.get(chat_id)
                reply = answer(story or self.story, text, conversation)
                if reply.kind not in SMALL_TALK and not await self.allows(user_id):
                    return self._refusal(chat_id, user_id, answer_id, choice)
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
        return Turn(reply, answer_id, choice=choice)

    def _refusal(self, chat_id: int, user_id: int, answer_id: str, choice: Choice | None = None) -> Turn:
        """A refused turn, silent when its reader was told in this chat within the notice interval."""
        now = time.monotonic()
        told = (chat_id, user_id)
        last = self._told.get(told)
        if last is not None and now - last < self.bounds.refusal_notice_every_s:
            return Turn(None, answer_id, silent=True, choice=choice)
        self._told[told] = now
        self._told.move_to_end(told)
        while len(self._told) > self.bounds.memory_chats:
            self._told.popitem(last=False)
        return Turn(None, answer_id, choice=choice)

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

    async def vote(self, answer_id: str, user_id: int, vote: int) -> str:
        """Store a 👍 (+1) or 👎 (-1): VOTE_STORED, VOTE_UNKNOWN (the answer is not stored: none
        is without a store) or VOTE_FAILED (the store failed or was too slow)."""
        if self.store is None:
            return VOTE_UNKNOWN
        try:
            return await asyncio.wait_for(self.store.record_vote(answer_id, user_id, vote), self.bounds.store_timeout_s)
        except Exception:
            LOGGER.exception("conversation store: record_feedback failed")
            return VOTE_FAILED

    async def forget(self, user_id: int) -> int:
        """Delete what is stored about the user (and their private chat's memory); raises on failure."""
        self.memory.forget(user_id)
        if self.store is None:
            return 0
        return int(await self.store.forget(user_id))
