"""What the Telegram handlers share: the knobs, the story, the store, each chat's memory.

One `BotState` per Application, kept in ``application.bot_data[STATE_KEY]`` and reached from a
handler with `bot_state(context)`.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import ContextTypes

from bot.telegram import render as tr
from bot.config import Settings

LOGGER = logging.getLogger("storybot.telegram")

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
    engine: Any = field(repr=False)  # the bot.core.answer module (answer, Conversation)

    @property
    def with_article(self) -> bool:
        return len(self.articles) > 1


def bot_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    """The BotState of the handler's Application."""
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
