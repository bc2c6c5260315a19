"""What the Telegram handlers share: the knobs, the story, the store, the conversations.

One `BotState` per Application, kept in ``application.bot_data[STATE_KEY]`` and reached from a
handler with `bot_state(context)`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import ContextTypes

from bot.config import Settings
from bot.conversation.session import Bounds, Conversations
from bot.core.answer import Story
from bot.store import page_check
from bot.store.database import Store
from bot.telegram import render as tr
from index.article import Article

if TYPE_CHECKING:
    from bot.conversation.desk import StoryDesk
    from bot.telegram.intake import Intake

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
    # Received and not yet handled, at most (see bot.telegram.intake): about four seconds of
    # replies at the flood limit, twice the handlers in hand.
    max_in_hand: int = 128
    inbox_max_age_s: int = 600  # after a restart, what waited longer than this is given up
    max_webhook_body: int = 256 * 1024  # a real update is a few KiB: 4,096 characters and entities
    webhook_connections: int = 40  # Telegram's default
    # Every page of the store read this often in the background (bot.store.page_check), in both
    # modes: a damaged file is then written no more before a write meets the damage (the store
    # holds its writes), and in webhook mode /healthz says 503 before a reader meets it.
    page_check_interval_s: float = page_check.CHECK_INTERVAL_S

    @property
    def bounds(self) -> Bounds:
        return Bounds(store_timeout_s=self.store_timeout_s, record_wait_s=self.record_wait_s,
                      memory_chats=self.memory_chats)


@dataclass
class BotState:
    """Everything the handlers need; kept in application.bot_data[STATE_KEY]."""

    settings: Settings
    story: Story
    store: Store | None
    tuning: Tuning
    card: tr.StoryCard
    conversations: Conversations
    intake: Intake = field(repr=False)
    # A newsroom's bot: which story each chat is about (None: the one `story` answers all).
    desk: StoryDesk | None = field(default=None, repr=False)

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.story.articles

    @property
    def with_article(self) -> bool:
        return len(self.articles) > 1


def bot_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    """The BotState of the handler's Application."""
    return context.application.bot_data[STATE_KEY]
