"""A newsroom's bot end to end: the real PTB stack over real HTTP against the Bot API stand-in,
a real conversation store and catalogue in one SQLite file.

Deep links (`/start <story-id>`), /stories and its buttons, the chat's story remembered across
a restart, best-matching stories named in the reply, /about, inline mode and the paragraph
button of a story, and every question stored with its story.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import eventually
from test_catalogue import storybot

from bot.newsroom import OFFERED, Newsroom
from bot.store.catalogue import Catalogue, NewStory
from bot.store.database import Store
from bot.telegram import render as tr
from bot.telegram import stories as ts
from index.article import parse_article
from sample_articles import COFFEE, RAINS, VOLCANO, VOLCANO_AGAIN

VOLCANO_QUESTION = "كم قرية أخلت السلطات قرب البركان؟"
COFFEE_QUESTION = "ما أكبر دولة منتجة للبن في العالم؟"
BOTH_VERSIONS_QUESTION = "كم قرية أخلت السلطات؟"


class Deployment:
    """One SQLite file: the store and the catalogue, opened as `storybot telegram` opens them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store | None = None
        self.catalogue: Catalogue | None = None

    async def open(self) -> tuple[Store, Newsroom]:
        self.store = await Store.open(self.path)
        self.catalogue = Catalogue.open(self.path, create=False)
        return self.store, Newsroom(self.catalogue)

    async def close(self) -> None:
        if self.catalogue is not None:
            self.catalogue.close()
        if self.store is not None:
            await self.store.close()

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as db:
            rows = db.execute(sql).fetchall()
        db.close()
        return rows


@pytest.fixture
async def deployment(tmp_path: Path):
    path = tmp_path / "storybot.db"
    with Catalogue.open(path) as catalogue:
        catalogue.add(NewStory("coffee", parse_article(COFFEE, "coffee")))
        catalogue.add(NewStory("volcano", parse_article(VOLCANO, "volcano")))
    deployed = Deployment(path)
    yield deployed
    await deployed.close()


async def start(start_bot, deployment: Deployment):
    store, newsroom = await deployment.open()
    return await start_bot(store=store, newsroom=newsroom)


async def test_deep_link_opens_the_story_with_two_examples_and_answers_from_it(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    link = standin.send_text("/start volcano", user_id=301)
    opened = await standin.reply_to(link)
    assert ts.OPENED in opened.visible and "«بركان في الجزيرة»" in opened.visible
    examples = [line for line in opened.visible.splitlines() if line.startswith(tr.BULLET.strip())]
    assert len(examples) == 2 and all(e.endswith("؟") for e in examples)

    question = standin.send_text("كم قرية أخليت؟", user_id=301)
    reply = await standin.reply_to(question)
    assert "ثلاث قرى" in reply.visible
    assert ts.NAMED not in reply.visible.splitlines()[0]  # a story the reader chose is not announced
    assert "تنبيه تجريبي خاص بمقال البركان." in reply.visible
    await bot.stop()
    assert deployment.rows("SELECT chat_id, story FROM chat_stories") == [(301, "volcano")]
    assert deployment.rows("SELECT story, kind FROM questions WHERE chat_id = 301") == [("volcano", "answer")]


async def test_unknown_deep_link_gets_a_clear_reply_and_the_list(standin, start_bot, deployment):
    await start(start_bot, deployment)
    link = standin.send_text("/start no-such-story", user_id=302)
    reply = await standin.reply_to(link)
    assert reply.visible.startswith(ts.UNKNOWN_STORY)
    data = [b.get("callback_data") for b in reply.buttons()]
    assert {"st:coffee", "st:volcano", "st:lecun-meta"} <= set(data)


async def test_stories_buttons_choose_the_story(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    listing_request = standin.send_text("/stories", user_id=303)
    listing = await standin.reply_to(listing_request)
    assert listing.visible.startswith(ts.LIST_HEAD)
    titles = [b["text"] for b in listing.buttons()]
    assert titles[:2] == ["بركان في الجزيرة", "القهوة في المرتفعات"]  # newest first
    query_id = standin.press(listing, listing.button("القهوة في المرتفعات")["callback_data"], user_id=303)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    await standin.wait_until(lambda: any(ts.OPENED in s.visible for s in standin.sent_to(303)))
    opened = next(s for s in standin.sent_to(303) if ts.OPENED in s.visible)
    assert "«القهوة في المرتفعات»" in opened.visible

    # The chat is on coffee now: even a question about the volcano is answered from coffee.
    question = standin.send_text(VOLCANO_QUESTION, user_id=303)
    reply = await standin.reply_to(question)
    assert "ثلاث قرى" not in reply.visible
    about = await standin.reply_to(standin.send_text("/about", user_id=303))
    assert "القهوة في المرتفعات" in about.visible and "نص تجريبي كتب لاختبار البرنامج فقط." in about.visible
    await bot.stop()
    assert deployment.rows("SELECT story FROM chat_stories WHERE chat_id = 303") == [("coffee",)]


async def test_story_is_remembered_across_a_restart(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start volcano", user_id=304))
    await bot.stop()
    await deployment.close()

    bot = await start(start_bot, deployment)  # a new process would open the same file
    reply = await standin.reply_to(standin.send_text("/about", user_id=304))
    assert "بركان في الجزيرة" in reply.visible
    answer = await standin.reply_to(standin.send_text("كم قرية أخليت؟", user_id=304))
    assert "ثلاث قرى" in answer.visible and ts.NAMED not in answer.visible.splitlines()[0]
    await bot.stop()


async def test_without_a_chosen_story_the_best_match_answers_and_is_named(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    first = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=305))
    assert first.visible.splitlines()[0] == f"{ts.NAMED} «بركان في الجزيرة»"
    assert "ثلاث قرى" in first.visible
    second = await standin.reply_to(standin.send_text(COFFEE_QUESTION, user_id=305))
    assert second.visible.splitlines()[0] == f"{ts.NAMED} «القهوة في المرتفعات»"
    assert "البرازيل" in second.visible
    greeting = await standin.reply_to(standin.send_text("مرحبا", user_id=305))
    assert greeting.visible
    # "تابع هذا الخبر" under a best match makes it the chat's story.
    query_id = standin.press(second, second.button(ts.STAY_BUTTON)["callback_data"], user_id=305)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    await standin.wait_until(lambda: any(ts.OPENED in s.visible for s in standin.sent_to(305)))
    pinned = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=305))
    assert ts.NAMED not in pinned.visible.splitlines()[0] and "ثلاث قرى" not in pinned.visible
    await bot.stop()
    stored = deployment.rows("SELECT story, kind FROM questions WHERE chat_id = 305 ORDER BY id")
    assert stored[:2] == [("volcano", "answer"), ("coffee", "answer")]
    assert stored[2][1] == "greeting"  # small talk is stored too, with the story it was answered from
    assert stored[3][0] == "coffee"
    assert deployment.rows("SELECT story FROM chat_stories WHERE chat_id = 305") == [("coffee",)]


async def test_paragraph_button_names_its_story(standin, start_bot, deployment):
    await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=306))
    data = reply.button(tr.PARAGRAPH_BUTTON)["callback_data"]
    assert data.startswith("ps:volcano:")
    await standin.reply_to(standin.send_text("/start coffee", user_id=306))  # moved on to another story
    query_id = standin.press(reply, data, user_id=306)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    await standin.wait_until(lambda: any("فوهة البركان" in s.visible for s in standin.sent_to(306)))
    gone = standin.press(reply, "ps:no-such:1", user_id=306)
    await standin.wait_until(lambda: gone in standin.callback_answers)
    assert standin.callback_answers[gone]["text"] == tr.texts.PARAGRAPH_GONE


async def test_inline_mode_answers_from_the_users_current_story(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start coffee", user_id=307))
    query_id = standin.inline_query("ما الذي يزرع في المرتفعات؟", user_id=307)
    await standin.wait_until(lambda: query_id in standin.inline_answers)
    results = standin.inline_answers[query_id]["results"]
    assert results and "نص تجريبي كتب لاختبار البرنامج فقط." in results[0]["input_message_content"]["message_text"]
    await bot.stop()
    assert deployment.rows("SELECT story, via FROM questions WHERE user_id = 307") == [("coffee", "inline")]


async def test_inline_results_from_a_users_story_are_cached_for_that_user_only(standin, start_bot, deployment):
    """Telegram hands results cached for a query to anyone who sends the same query unless
    is_personal is set: results drawn from each user's own story must be personal, or a reader
    on the coffee story could be shown the volcano story's quotes."""
    await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start coffee", user_id=321))
    await standin.reply_to(standin.send_text("/start volcano", user_id=322))
    for user, text in ((321, "ما الذي يزرع في المرتفعات؟"), (322, "ما الذي يزرع في المرتفعات؟"), (321, "")):
        query_id = standin.inline_query(text, user_id=user)
        await standin.wait_until(lambda: query_id in standin.inline_answers)
        assert standin.inline_answers[query_id].get("is_personal") is True, (user, text)


async def test_a_refused_reader_of_a_newsroom_is_told_once_then_left_unanswered(standin, start_bot, deployment):
    """The rate limit in a newsroom as in a one-story bot: the first refusal says so, the next
    ones within the notice interval get no message (Turn.silent), small talk still its reply."""
    store = await Store.open(deployment.path, rate_limit_per_hour=1)
    deployment.store = store
    deployment.catalogue = Catalogue.open(deployment.path, create=False)
    await start_bot(store=store, newsroom=Newsroom(deployment.catalogue))
    await standin.reply_to(standin.send_text("/start volcano", user_id=341))
    answered = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=341))
    assert answered.visible != tr.texts.RATE_LIMITED
    limited = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=341))
    assert limited.visible == tr.texts.RATE_LIMITED
    third = standin.send_text(VOLCANO_QUESTION, user_id=341)
    greeting = await standin.reply_to(standin.send_text("مرحبا", user_id=341))
    assert greeting.visible != tr.texts.RATE_LIMITED and standin.replies_to(third) == []


async def test_a_story_with_a_title_longer_than_a_message_is_listed_opened_and_told(standin, start_bot, deployment):
    """A batch line whose title is 5,000 characters (the body pasted into the title field):
    /stories, its deep link and /about still answer, the title cut short, instead of the
    apology (Telegram refuses a message over 4,096 characters) or an /about of "…" alone."""
    from bot.store.catalogue import article_from_record

    title = "عنوان طويل جدا " * 340
    with Catalogue.open(deployment.path) as catalogue:
        catalogue.add(article_from_record({"id": "long-title", "title": title,
                                           "paragraphs": ["ثار البركان الواقع شمال الجزيرة صباح الثلاثاء."]}))
    await start(start_bot, deployment)
    listing = await standin.reply_to(standin.send_text("/stories", user_id=331))
    assert listing.visible.startswith(ts.LIST_HEAD) and "بركان في الجزيرة" in listing.visible
    assert "عنوان طويل جدا" in listing.visible and "…" in listing.visible
    opened = await standin.reply_to(standin.send_text("/start long-title", user_id=331))
    assert ts.OPENED in opened.visible and "عنوان طويل جدا" in opened.visible
    about = await standin.reply_to(standin.send_text("/about", user_id=331))
    assert "عنوان طويل جدا" in about.visible and "عدد الفقرات" in about.visible
    for sent in (listing, opened, about):
        assert tr.texts.APOLOGY not in sent.visible and len(sent.visible) < 2000


async def test_forget_deletes_the_chosen_story_too(standin, start_bot, deployment):
    bot = await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start volcano", user_id=308))
    await standin.reply_to(standin.send_text("كم قرية أخليت؟", user_id=308))
    await standin.reply_to(standin.send_text("/forget", user_id=308))
    await bot.stop()
    assert deployment.rows("SELECT count(*) FROM chat_stories WHERE chat_id = 308") == [(0,)]
    assert deployment.rows("SELECT count(*) FROM questions WHERE user_id = 308") == [(0,)]


async def test_forget_also_drops_the_chosen_story_the_running_bot_holds(standin, start_bot, deployment):
    """/forget says nothing about the reader is kept: the running bot must not go on using the
    story the chat chose (held in memory), only what a restart would know (none: the newest)."""
    await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start coffee", user_id=309))
    before = await standin.reply_to(standin.send_text("/about", user_id=309))
    assert "القهوة في المرتفعات" in before.visible
    await standin.reply_to(standin.send_text("/forget", user_id=309))
    after = await standin.reply_to(standin.send_text("/about", user_id=309))
    assert "بركان في الجزيرة" in after.visible  # the newest story, as for a chat that never chose


async def test_a_best_match_offers_the_other_story_it_may_be_and_its_button_opens_it(standin, start_bot, deployment):
    with Catalogue.open(deployment.path) as catalogue:
        catalogue.add(NewStory("volcano-again", parse_article(VOLCANO_AGAIN, "volcano-again")))
    titles = {"volcano": "بركان في الجزيرة", "volcano-again": "إخلاء قرى قرب بركان الجزيرة"}
    await start(start_bot, deployment)
    # A question whose every word both versions hold (وأخلت is أخلت): either may be meant.
    reply = await standin.reply_to(standin.send_text(BOTH_VERSIONS_QUESTION, user_id=307))
    named = next(sid for sid, title in titles.items() if reply.visible.splitlines()[0] == f"{ts.NAMED} «{title}»")
    other = next(sid for sid in titles if sid != named)
    labels = [b["text"] for b in reply.buttons()]
    offered = ts.OTHER_BUTTON.format(titles[other])
    assert offered in labels and ts.OTHER_BUTTON.format(titles[named]) not in labels
    assert labels.index(ts.STAY_BUTTON) < labels.index(offered)
    assert reply.visible.splitlines()[1] == ts.MAYBE_OTHER  # the reply says the choice is unsure
    assert not any(ts.OTHER_BUTTON.format(COFFEE.splitlines()[0].removeprefix("title: ")) == label for label in labels)
    # Its button: that story becomes the chat's, and the question is answered from it, named.
    query_id = standin.press(reply, reply.button(offered)["callback_data"], user_id=307)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    await standin.wait_until(lambda: bool([s for s in standin.sent_to(307)
                                           if s.visible.startswith(f"{ts.NAMED} «{titles[other]}»")]))
    again = [s for s in standin.sent_to(307) if s.visible.startswith(f"{ts.NAMED} «{titles[other]}»")][-1]
    assert "ثلاث قرى" in again.visible and again.reply_to == reply.reply_to  # under the reader's question
    assert not any(b["text"].startswith(ts.OTHER_BUTTON.format("")) or b["text"] == ts.STAY_BUTTON
                   for b in again.buttons())
    pinned = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=307))
    assert ts.NAMED not in pinned.visible.splitlines()[0] and "ثلاث قرى" in pinned.visible
    assert deployment.rows("SELECT story FROM chat_stories WHERE chat_id = 307") == [(other,)]
    stored = deployment.rows("SELECT story FROM questions WHERE chat_id = 307 ORDER BY id")
    assert stored == [(named,), (other,), (other,)]  # the question asked again is stored with its story


async def test_a_clear_best_match_offers_no_other_story(standin, start_bot, deployment):
    await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=308))
    assert reply.visible.splitlines()[0] == f"{ts.NAMED} «بركان في الجزيرة»"
    assert ts.MAYBE_OTHER not in reply.visible and ts.CROWDED not in reply.visible
    assert ts.STAY_BUTTON in [b["text"] for b in reply.buttons()]
    assert not any(b["text"].startswith(ts.OTHER_BUTTON.format("")) for b in reply.buttons())


async def test_a_question_many_stories_match_alike_says_it_names_none(standin, start_bot, deployment):
    """Five cities' rain news: a question in their shared words is answered from the closest,
    which the reply names, saying that the question does not single out a story and how to
    name one, with three others offered; a question naming the city is answered plainly."""
    with Catalogue.open(deployment.path) as catalogue:
        for i, text in enumerate(RAINS):
            catalogue.add(NewStory(f"rain-{i}", parse_article(text, f"rain-{i}")))
    await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text("متى أغلقت إدارة التعليم المدارس؟", user_id=311))
    head, unsure = reply.visible.splitlines()[:2]
    assert head.startswith(f"{ts.NAMED} «أمطار غزيرة في ") and unsure == ts.CROWDED
    assert "يوم الاثنين" in reply.visible  # still answered, from the story it names
    offered = [b["text"] for b in reply.buttons() if b["text"].startswith(ts.OTHER_BUTTON.format(""))]
    assert len(offered) == OFFERED == 3
    assert all(label.startswith(ts.OTHER_BUTTON.format("أمطار غزيرة في ")) for label in offered)
    named = await standin.reply_to(standin.send_text("متى أغلقت المدارس في تبوك؟", user_id=312))
    assert named.visible.splitlines()[0] == f"{ts.NAMED} «أمطار غزيرة في تبوك»"
    assert ts.CROWDED not in named.visible and ts.MAYBE_OTHER not in named.visible
    assert not any(b["text"].startswith(ts.OTHER_BUTTON.format("")) for b in named.buttons())


async def test_another_story_button_without_the_question_opens_that_story(standin, start_bot, deployment):
    """The message the button is under no longer carries the reader's question (or it named a
    story that is gone): the story opens as from /stories, or the list comes."""
    import dataclasses

    await start(start_bot, deployment)
    reply = await standin.reply_to(standin.send_text(VOLCANO_QUESTION, user_id=309))
    alone = dataclasses.replace(reply, reply_to=None)
    query_id = standin.press(alone, ts.OTHER_DATA + "coffee", user_id=309)
    await standin.wait_until(lambda: query_id in standin.callback_answers)
    await standin.wait_until(lambda: any(ts.OPENED in s.visible and "القهوة في المرتفعات" in s.visible
                                         for s in standin.sent_to(309)))
    gone = standin.press(reply, ts.OTHER_DATA + "no-such", user_id=309)
    await standin.wait_until(lambda: gone in standin.callback_answers)
    await standin.wait_until(lambda: any(ts.UNKNOWN_STORY in s.visible for s in standin.sent_to(309)))
    assert deployment.rows("SELECT story FROM chat_stories WHERE chat_id = 309") == [("coffee",)]


def _rains(deployment: Deployment) -> None:
    with Catalogue.open(deployment.path) as catalogue:
        for i, text in enumerate(RAINS):
            catalogue.add(NewStory(f"rain-{i}", parse_article(text, f"rain-{i}")))


async def _with_first_question_held(standin, bot, deployment: Deployment, user: int, held: str, during: list[str],
                                    after: str) -> list[str]:
    """Send `held` (its rate-limit check waits), then the `during` messages while it waits,
    let it go, and when every one is answered send `after`: the replies, in order."""
    import asyncio

    store = deployment.store
    assert store is not None
    gate, entered = asyncio.Event(), asyncio.Event()
    allow = store.allow

    async def held_allow(user_id: int, **kwargs: Any) -> bool:
        if not entered.is_set():
            entered.set()
            await gate.wait()
        return await allow(user_id, **kwargs)

    handled: list[int] = []  # messages whose update the bot began to handle
    process = bot.app.process_update

    async def counted(update: Any) -> None:
        handled.append(update.effective_message.message_id if update.effective_message else 0)
        await process(update)

    store.allow = held_allow  # type: ignore[method-assign]
    bot.app.process_update = counted
    first = standin.send_text(held, user_id=user)
    await asyncio.wait_for(entered.wait(), 20)
    sent = [standin.send_text(text, user_id=user) for text in during]
    await eventually(lambda: all(message["message_id"] in handled for message in sent))
    await asyncio.sleep(0.05)  # each has gone as far as it can while the first is held
    gate.set()
    replies = [(await standin.reply_to(message)).visible for message in (first, *sent)]
    return [*replies, (await standin.reply_to(standin.send_text(after, user_id=user))).visible]


@pytest.mark.parametrize("held, during, after", [
    # No story chosen: the second message is another story's best match and leaves the
    # conversation as it was (a summary); the follow-up after it leans on nothing.
    ("متى أغلقت المدارس في تبوك؟", ["ما ملخص خبر أبها؟"], "ولماذا؟"),
    # A deep link to another story sent while the question before it is in hand.
    ("متى أغلقت المدارس؟", ["/start rain-1"], "ومتى؟"),
])
async def test_a_story_switch_sent_while_a_question_is_in_hand_forgets_that_question(
        standin, start_bot, deployment, held, during, after):
    """Updates are handled concurrently: a message that switches the chat's story (another
    story's best match, a deep link) may come while the question before it waits for the
    store. The switch must forget that question, as when the two come seconds apart, and
    not have it written back into the chat's memory afterwards, where the next follow-up
    leaned on it inside the other story («ومتى؟» quoting the schools of the other city)."""
    from bot.core.answer import LEAD_NOT_FOUND

    _rains(deployment)
    deep_link = during[0].startswith("/start")
    bot = await start(start_bot, deployment)
    if deep_link:  # the chat was on this story
        await standin.reply_to(standin.send_text("/start rain-0", user_id=341))
    sequential = [(await standin.reply_to(standin.send_text(text, user_id=341))).visible
                  for text in (held, *during, after)]
    await bot.stop()
    await deployment.close()
    assert LEAD_NOT_FOUND in sequential[-1]  # the story switched: the follow-up has nothing to lean on

    bot = await start(start_bot, deployment)
    if deep_link:
        await standin.reply_to(standin.send_text("/start rain-0", user_id=342))
    racing = await _with_first_question_held(standin, bot, deployment, 342, held, during, after)
    assert racing == sequential


def storybot_remove(deployment: Deployment, story_id: str) -> None:
    """`storybot remove ID` as an operator runs it, on the deployment's file."""
    removed = storybot("remove", story_id, db=deployment.path)
    assert removed.returncode == 0, removed.stderr


async def told_gone_once(standin, user_id: int) -> None:
    """The chat on the removed volcano story asks about coffee: its first reply says the story
    is gone and is answered from the best match, named; the next one says it no more."""
    told = await standin.reply_to(standin.send_text(COFFEE_QUESTION, user_id=user_id))
    lines = told.visible.splitlines()
    assert lines[0] == ts.GONE and lines[1] == f"{ts.NAMED} «القهوة في المرتفعات»"
    assert "البرازيل" in told.visible
    after = await standin.reply_to(standin.send_text(COFFEE_QUESTION, user_id=user_id))
    assert ts.GONE not in after.visible and after.visible.splitlines()[0] == f"{ts.NAMED} «القهوة في المرتفعات»"


async def test_a_chat_whose_story_is_removed_is_told_and_answered_as_one_that_chose_none(standin, start_bot, deployment):
    """`storybot remove volcano` while a chat is on it: its next question is told that the
    story is no longer available and is answered from the best match, named; the chat's choice
    is cleared (a stored one too: here one stored after the removal, as a race would), so the
    question after that is told nothing more."""
    bot = await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start volcano", user_id=310))
    on_it = await standin.reply_to(standin.send_text("كم قرية أخليت؟", user_id=310))
    assert "ثلاث قرى" in on_it.visible and ts.NAMED not in on_it.visible
    storybot_remove(deployment, "volcano")
    with sqlite3.connect(deployment.path) as db:
        db.execute("INSERT OR REPLACE INTO chat_stories (chat_id, story, chosen_at) VALUES (310, 'volcano', 9e9)")
    db.close()
    await told_gone_once(standin, 310)
    await bot.stop()
    assert deployment.rows("SELECT * FROM chat_stories WHERE chat_id = 310") == []


async def test_a_chat_whose_story_was_removed_while_the_bot_was_stopped_is_told_after_the_restart(
        standin, start_bot, deployment):
    """`storybot remove volcano` between two runs of the bot: the chat that was on it is told,
    on its first question after the restart, as it is told while the bot runs (the reply's
    first line), answered as a chat that chose none, and its stored choice is cleared; the
    question after that is told nothing more. /about meanwhile shows a story that exists."""
    bot = await start(start_bot, deployment)
    await standin.reply_to(standin.send_text("/start volcano", user_id=311))
    await bot.stop()
    await deployment.close()
    storybot_remove(deployment, "volcano")
    bot = await start(start_bot, deployment)
    about = await standin.reply_to(standin.send_text("/about", user_id=311))
    assert "بركان في الجزيرة" not in about.visible
    await told_gone_once(standin, 311)
    await bot.stop()
    assert deployment.rows("SELECT * FROM chat_stories WHERE chat_id = 311") == []
