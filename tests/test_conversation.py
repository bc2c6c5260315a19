"""The front-end-neutral conversation logic (bot.conversation), with a real SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.conversation import texts
from bot.conversation.memory import ConversationMemory
from bot.conversation.session import Bounds, Conversations, answer_id_for
from bot.core.answer import Conversation
from bot.store.database import Store

QUESTION = "كم أنفقت ميتا للحصول على ألكسندر وانغ؟"


def test_conversation_memory_is_bounded_and_least_recently_used_goes_first():
    memory = ConversationMemory(capacity=3)
    for chat in (1, 2, 3):
        memory.put(chat, Conversation(previous_question=f"c{chat}"))
    assert memory.get(1) == Conversation("c1")  # 1 is now the most recent
    memory.put(4, Conversation("c4"))
    assert memory.get(2) is None and memory.get(1) == Conversation("c1") and len(memory) == 3
    memory.forget(1)
    assert memory.get(1) is None


@pytest.mark.parametrize(
    "n, phrase",
    [(0, "لا سجلات"), (1, "سجلّ واحد"), (2, "سجلّان"), (3, "3 سجلات"), (10, "10 سجلات"), (11, "11 سجلًّا"),
     (99, "99 سجلًّا"), (100, "100 سجلّ"), (103, "103 سجلات"), (111, "111 سجلًّا"), (2000, "2000 سجلّ")],
)
def test_arabic_number_agreement(n, phrase):
    assert texts.records(n) == phrase


def test_answer_ids_are_stable_per_message_and_fit_callback_data():
    assert answer_id_for("5:17:0") == answer_id_for("5:17:0") != answer_id_for("5:17:1700000000")
    assert len(f"fb:down:{answer_id_for('x')}".encode()) <= 64


@pytest.fixture
async def conversations(tmp_path: Path, story):
    store = await Store.open(tmp_path / "storybot.db", rate_limit_per_hour=1)
    yield Conversations(story, store, Bounds())
    await store.close()


def stored(conversations: Conversations) -> list[tuple]:
    with sqlite3.connect(conversations.store.path) as db:
        return db.execute("SELECT question, kind, via FROM questions ORDER BY id").fetchall()


async def test_small_talk_is_stored_with_its_kind_and_never_refused(conversations):
    first = await conversations.ask(7, 7, QUESTION, key="7:1:0")
    refused = await conversations.ask(7, 7, "ما عاصمة فرنسا؟", key="7:2:0")  # the limit is 1 an hour
    greeting = await conversations.ask(7, 7, "مرحبا", key="7:3:0")
    thanks = await conversations.ask(7, 7, "شكرا", key="7:4:0")
    empty = await conversations.ask(7, 7, "😀", key="7:5:0")
    assert first.answer is not None and refused.refused
    assert [t.answer.kind.value for t in (greeting, thanks, empty)] == ["greeting", "thanks", "help"]
    assert stored(conversations) == [(QUESTION, "answer", "chat"), ("مرحبا", "greeting", "chat"),
                                     ("شكرا", "thanks", "chat"), ("😀", "help", "chat")]


async def test_a_refused_reader_is_told_once_an_interval(tmp_path: Path, story):
    store = await Store.open(tmp_path / "storybot.db", rate_limit_per_hour=1)
    try:
        told_once = Conversations(story, store, Bounds(refusal_notice_every_s=3600))
        told_each = Conversations(story, store, Bounds(refusal_notice_every_s=0))
        assert not (await told_once.ask(6, 6, QUESTION, key="6:1:0")).refused
        once = [await told_once.ask(6, 6, QUESTION, key=f"6:{n}:0") for n in (2, 3, 4)]
        other = await told_once.ask(5, 5, QUESTION, key="5:1:0")  # another reader: own limit, own notice
        assert [(t.refused, t.silent) for t in once] == [(True, False), (True, True), (True, True)]
        assert not other.refused
        each = [await told_each.ask(6, 6, QUESTION, key=f"6:{n}:1") for n in (5, 6)]
        assert [(t.refused, t.silent) for t in each] == [(True, False), (True, False)]
        # Told in chat 6: in another chat (a group) the reader is told again, and an inline
        # query (follow_up=False) always shows its notice and silences nothing.
        inline = await told_once.ask(0, 6, QUESTION, key="inline:1", follow_up=False)
        group = await told_once.ask(-100, 6, QUESTION, key="-100:1:0")
        assert (inline.refused, inline.silent) == (True, False)
        assert (group.refused, group.silent) == (True, False)
    finally:
        await store.close()


async def test_a_message_handled_twice_is_stored_once(conversations):
    one = await conversations.ask(8, 8, "مرحبا", key="8:1:0")
    two = await conversations.ask(8, 8, "مرحبا", key="8:1:0")  # the same message, after a restart
    assert one.answer_id == two.answer_id and len(stored(conversations)) == 1


async def test_a_failing_store_fails_open(conversations, caplog):
    await conversations.store.close()
    turn = await conversations.ask(9, 9, QUESTION, key="9:1:0")
    assert turn.answer is not None and not turn.refused
    assert await conversations.vote(turn.answer_id, 9, 1) == "failed"


async def test_a_follow_up_sent_before_the_question_is_answered_still_follows_it(story):
    """A reader types the question and, a moment later, its follow-up: the second message
    arrives while the first waits for the store (its rate-limit check), and is handled
    concurrently. It must still lean on the first, as when the two come seconds apart."""
    import asyncio

    from conftest import FakeStore

    gate = asyncio.Event()
    conversations = Conversations(story, FakeStore(gate=gate), Bounds())
    first = asyncio.ensure_future(conversations.ask(11, 11, "بكم انخفضت أسهم ميتا؟", key="11:1:0"))
    second = asyncio.ensure_future(conversations.ask(11, 11, "ومتى؟", key="11:2:0"))
    other_chat = asyncio.ensure_future(conversations.ask(13, 13, "ومتى؟", key="13:1:0"))
    await asyncio.sleep(0.05)  # both of chat 11 are in hand, the first at the store
    gate.set()
    one, two, alone = await first, await second, await other_chat

    sequential = Conversations(story, None, Bounds())
    assert (await sequential.ask(12, 12, "بكم انخفضت أسهم ميتا؟", key="12:1:0")).answer == one.answer
    expected = await sequential.ask(12, 12, "ومتى؟", key="12:2:0")
    assert two.answer == expected.answer and "في أواخر أكتوبر" in two.answer.quotes[0].text
    assert alone.answer != two.answer  # another chat's follow-up has no question to lean on
    assert conversations.memory.turns_in_hand == 0  # nothing kept per chat once its turns are done
