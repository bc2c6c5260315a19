"""Each chat's last Conversation, so that a follow-up ("ومتى؟") leans on the question before it."""

from __future__ import annotations

from collections import OrderedDict

from bot.core.answer import Conversation


class ConversationMemory:
    """The last Conversation of each chat; the least recently used chat goes first past `capacity`."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._chats: OrderedDict[int, Conversation] = OrderedDict()

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
