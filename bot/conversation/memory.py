"""Each chat's last Conversation, so that a follow-up ("ومتى؟") leans on the question before it,
and the chat's turn: one at a time per chat, from reading its memory to moving it on."""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import AsyncIterator

from bot.core.answer import Conversation


@dataclass
class _ChatTurns:
    """The turns of one chat in hand: its lock and how many hold or wait for it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    in_hand: int = 0


class ConversationMemory:
    """The last Conversation of each chat; the least recently used chat goes first past `capacity`."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._chats: OrderedDict[int, Conversation] = OrderedDict()
        # Kept only while a chat has a turn in hand.
        self._turns: dict[int, _ChatTurns] = {}

    def get(self, chat_id: int) -> Conversation | None:
        conversation = self._chats.get(chat_id)
        if conversation is not None:
            self._chats.move_to_end(chat_id)
        return conversation

    def put(self, chat_id: int, conversation: Conversation) -> None:
        self._chats[chat_id] = conversation
        self._chats.move_to_end(chat_id)
        while len(self._chats) > self.capacity:
            self._chats.popitem(last=False)

    def forget(self, chat_id: int) -> None:
        self._chats.pop(chat_id, None)

    def __len__(self) -> int:
        return len(self._chats)

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        """Hold the chat's turn: whatever reads or changes its memory across an await (a
        question waiting for the store, a newsroom choosing its story, a switch of story)
        does so inside one, so that the chat's messages move its memory in the order sent.
        Its lock is dropped when no turn of the chat is in hand."""
        turns = self._turns.setdefault(chat_id, _ChatTurns())
        turns.in_hand += 1
        try:
            async with turns.lock:
                yield
        finally:
            turns.in_hand -= 1
            if not turns.in_hand:
                del self._turns[chat_id]

    @property
    def turns_in_hand(self) -> int:
        """Chats with a turn held or waited for (0 once every turn is done)."""
        return len(self._turns)
