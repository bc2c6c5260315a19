"""`StoryDesk`: which story each chat is about, for any front end over a newsroom.

- A chat *chooses* a story (a deep link, a /stories button): the choice is stored in the
  conversation store (`chat_stories`), so it survives a restart, and kept in a bounded
  in-memory map so that a question costs no read once the chat is known.
- A chat that never chose one gets, for each question, the story that best matches it
  (`Newsroom.choose`), and the reply names that story; a question with no word to match
  ("ومتى؟") stays on the story of the chat's previous question.
- A chat whose chosen story was removed from the catalogue since is answered as one that
  chose none, its choice cleared, and the Choice says so (`Choice.gone`) so that the reader
  is told, once.
- Switching stories starts the chat's conversation afresh: a follow-up leans only on a
  question about the same story. Choosing and switching happen inside the chat's turn
  (`ConversationMemory.turn`), so a message sent while the one before it is in hand is
  seen after it.

The store is optional (None: choices live in memory only) and every store failure is
swallowed by the store itself (a chat then keeps its choice in memory).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.newsroom import Choice, Newsroom, UnknownStory

if TYPE_CHECKING:
    from bot.conversation.memory import ConversationMemory

_UNSET = ""  # in the memory map: the store was read and the chat never chose a story


class ChatStories(Protocol):
    async def chat_story(self, chat_id: int) -> str | None: ...

    async def set_chat_story(self, chat_id: int, story: str) -> bool: ...

    async def clear_chat_story(self, chat_id: int, story: str) -> bool: ...


class StoryDesk:
    def __init__(self, newsroom: Newsroom, store: ChatStories | None, memory: ConversationMemory,
                 capacity: int = 10_000) -> None:
        self.newsroom = newsroom
        self.store = store
        self.memory = memory
        self.capacity = capacity
        self._chosen: OrderedDict[int, str] = OrderedDict()  # chat -> chosen story ("" none)
        self._last: OrderedDict[int, str] = OrderedDict()  # chat -> story of its last question

    @property
    def single(self) -> bool:
        """Only one story to answer from: nothing to choose, nothing to name."""
        return self.newsroom.count() <= 1

    def _remember(self, table: OrderedDict[int, str], chat_id: int, story_id: str) -> None:
        table[chat_id] = story_id
        table.move_to_end(chat_id)
        while len(table) > self.capacity:
            table.popitem(last=False)

    async def _stored_choice(self, chat_id: int) -> str:
        """The story the chat chose, as stored ("" none; it may have been removed since)."""
        story_id = self._chosen.get(chat_id)
        if story_id is None:
            story_id = (await self.store.chat_story(chat_id) if self.store is not None else None) or _UNSET
            self._remember(self._chosen, chat_id, story_id)
        return story_id

    async def chosen(self, chat_id: int) -> str | None:
        """The story the chat chose (and that still exists), or None."""
        story_id = await self._stored_choice(chat_id)
        if story_id and self.newsroom.info(story_id) is None:  # removed from the catalogue since
            return None
        return story_id or None

    async def _gone(self, chat_id: int) -> str | None:
        """The story the chat chose if it was removed from the catalogue since (`storybot
        remove`, while the bot runs or before it started: the removal keeps the stored choices,
        so that this is told after a restart too), the choice then cleared, in memory and in
        the store; else None."""
        story_id = await self._stored_choice(chat_id)
        if not story_id or self.newsroom.info(story_id) is not None:
            return None
        self._remember(self._chosen, chat_id, _UNSET)
        if self.store is not None:
            await self.store.clear_chat_story(chat_id, story_id)
        return story_id

    async def choose(self, chat_id: int, story_id: str) -> Choice:
        """The chat is about this story from now on; raises UnknownStory."""
        info = self.newsroom.info(story_id)
        if info is None:
            raise self.newsroom.unknown(story_id)
        # In the chat's turn: a question still in hand moves the memory on first, and the
        # switch then forgets it (outside one, that question put back the old story's memory).
        async with self.memory.turn(chat_id):
            self._remember(self._chosen, chat_id, story_id)
            self._switch(chat_id, story_id)
        if self.store is not None:
            await self.store.set_chat_story(chat_id, story_id)
        return Choice(info, "given")

    async def for_question(self, chat_id: int, question: str) -> Choice:
        """The story to answer this chat's question from (see the module doc); called inside
        the chat's turn (Conversations.ask with the desk), since it reads and may forget the
        chat's memory."""
        gone = await self._gone(chat_id)
        chosen = await self.chosen(chat_id)
        if chosen is not None:
            choice = self.newsroom.choose(question, given=chosen)
        else:
            choice = self.newsroom.choose(question, previous=self._last.get(chat_id), conversation=self.memory.get(chat_id))
            choice = replace(choice, gone=gone)
        self._switch(chat_id, choice.id)
        return choice

    async def for_inline(self, user_id: int, question: str) -> Choice:
        """An inline query's story: the one the user chose in their private chat with the bot
        (its chat id is the user's id), else the best match; moves no chat's memory."""
        chosen = await self.chosen(user_id)
        return self.newsroom.choose(question, given=chosen, previous=self._last.get(user_id))

    async def current(self, chat_id: int) -> Choice:
        """The chat's story for /about and /help: the chosen one, else the last answered
        from, else the newest."""
        chosen = await self.chosen(chat_id)
        try:
            return self.newsroom.choose("", given=chosen or self._last.get(chat_id))
        except UnknownStory:
            return self.newsroom.choose("")

    def forget(self, chat_id: int) -> None:
        """Drop what the desk holds about the chat (its chosen and last story): /forget deletes
        the stored choice, and the running bot must not go on using it until a restart."""
        self._chosen.pop(chat_id, None)
        self._last.pop(chat_id, None)

    def _switch(self, chat_id: int, story_id: str) -> None:
        if self._last.get(chat_id) not in (None, story_id):
            self.memory.forget(chat_id)
        self._remember(self._last, chat_id, story_id)
