"""The newsroom in Telegram: deep links, /stories and its buttons, the story of each reply.

- `https://t.me/<bot>?start=<story-id>` arrives as `/start <story-id>`: the chat is on that
  story from now on (stored, see bot.conversation.desk), and the reply says which story it is,
  with two example questions drawn from it. An unknown id gets a clear reply and the list.
- `/stories` lists the newest stories, one button each (callback data `st:<id>`; an id too
  long for Telegram's 64 bytes gets a deep-link URL button instead, which does the same).
- A reply from a story the reader did not choose (best match) opens with a line naming it,
  and says how sure that choice is: when other stories come close (`Choice.others`), that
  the question may be about one of them, under the buttons; when more stories come close
  than the reply can offer (`Choice.crowded`: the question's words are the words of many
  stories), that the question does not single out a story, and how to name one.
- A reply from the best match carries a button "تابع هذا الخبر" that makes it the chat's story,
  and one button for each other story the question may be about (`Choice.others`: another
  paper's version of the same news, a story on the same topic), `sa:<id>`: that story becomes
  the chat's and the question is answered from it (bot.telegram.handlers.on_other_story_button).
- "الفقرة كاملة" under a reply names its story (`ps:<id>:<paragraph>`), so the button still
  shows the right paragraph after the chat moved on to another story.

Handlers here are short; which story a chat is about is `StoryDesk`'s, the texts are below.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.core.answer import Story
from bot.newsroom import Choice, UnknownStory
from bot.conversation import texts
from bot.core.answer_types import shown_title
from bot.render import BULLET, quoted_title
from bot.store.catalogue import STORY_ID_RE, StoryInfo
from bot.telegram import render as tr
from bot.telegram.delivery import reply_html, send_html
from bot.telegram.state import BotState, bot_state

LOGGER = logging.getLogger("storybot.telegram")

LISTED = 8  # stories in /stories and under an unknown id
STORY_DATA = "st:"
OTHER_DATA = "sa:"  # another story the question may be about: answer it from that one
PARAGRAPH_DATA = "ps:"

OPENED = "الخبر الآن:"
TRY_ASKING = "جرّب أن تسأل:"
UNKNOWN_STORY = "لم أجد خبرًا بهذا المعرّف. اختر خبرًا من القائمة:"
LIST_HEAD = "أحدث الأخبار، اختر واحدًا لتسأل عنه:"
NO_STORIES = "لا توجد أخبار بعد."
ANSWERS_FROM = "أجيب عن أسئلتك حول:"  # /stories of a bot without a newsroom: nothing to choose
NAMED = "من خبر"
STAY_BUTTON = "تابع هذا الخبر"
OTHER_BUTTON = "أو: {}"  # another story the question may be about
# The second line of a best match's reply, by how sure the choice is (see story_line).
# The first line of a reply to a chat whose story was removed from the catalogue (Choice.gone).
GONE = "الخبر الذي كنت تسأل عنه لم يعد متاحًا، فأجبتك من الخبر الأقرب إلى سؤالك، أو اختر خبرًا من /stories."
MAYBE_OTHER = "وقد يكون سؤالك عن خبر آخر: اختره من الأزرار تحت الجواب."
CROWDED = f"{texts.NOT_SINGLED_OUT} اذكر اسمًا أو مكانًا أو رقمًا من الخبر الذي تقصده، أو اختره من الأزرار أو من /stories."


# --------------------------------------------------------------------------- texts


def story_line(choice: Choice) -> str:
    """The head of a reply from a story the reader did not choose: the line naming it, then,
    for a best match that is not the only story meant, how unsure the choice is (a question
    whose words many stories share is answered from the closest, and says so)."""
    line = f"<b>{tr.esc(NAMED)}</b> {tr.esc(quoted_title(choice.info.title))}"
    if choice.gone is not None:
        line = f"{tr.esc(GONE)}\n{line}"
    if choice.how != "best_match":
        return line
    if choice.crowded:
        return f"{line}\n<i>{tr.esc(CROWDED)}</i>"
    if choice.others:
        return f"{line}\n<i>{tr.esc(MAYBE_OTHER)}</i>"
    return line


def opened_text(info: StoryInfo, examples: tuple[str, ...]) -> str:
    lines = [f"<b>{tr.esc(OPENED)}</b> {tr.esc(quoted_title(info.title))}"]
    if info.source:
        lines.append(tr.esc(f"المصدر: {shown_title(info.source)}"))
    lines += ["", tr.esc(TRY_ASKING), *(tr.esc(BULLET + e) for e in examples[:2])]
    return "\n".join(lines)


def list_text(head: str, infos: list[StoryInfo]) -> str:
    if not infos:
        return tr.esc(NO_STORIES)
    return "\n".join([tr.esc(head), *(tr.esc(f"{BULLET}{shown_title(i.title)}") for i in infos)])


def _label(title: str) -> str:
    return title if len(title) <= 60 else title[:59] + "…"


def stories_keyboard(infos: list[StoryInfo], bot_username: str | None) -> InlineKeyboardMarkup | None:
    rows = []
    for info in infos:
        label = _label(info.title)
        data = STORY_DATA + info.id
        if len(data.encode()) <= tr.MAX_CALLBACK_DATA:
            rows.append([InlineKeyboardButton(label, callback_data=data)])
        elif bot_username:
            rows.append([InlineKeyboardButton(label, url=f"https://t.me/{bot_username}?start={info.id}")])
    return InlineKeyboardMarkup(rows) if rows else None


def paragraph_keyboard(story_id: str, paragraph: int | None, answer_id: str | None,
                       *, offer_story: bool = False, others: tuple[StoryInfo, ...] = ()) -> InlineKeyboardMarkup | None:
    """tr.answer_keyboard's votes, under a paragraph button that names its story; with
    offer_story (a best match), first a button that makes it the chat's story, then one for
    each of the other stories it may be about (others), which opens that one."""
    rows: list[list[InlineKeyboardButton]] = []
    if offer_story and len((STORY_DATA + story_id).encode()) <= tr.MAX_CALLBACK_DATA:
        rows.append([InlineKeyboardButton(STAY_BUTTON, callback_data=STORY_DATA + story_id)])
    for info in others if offer_story else ():
        if len((OTHER_DATA + info.id).encode()) <= tr.MAX_CALLBACK_DATA:
            rows.append([InlineKeyboardButton(OTHER_BUTTON.format(_label(info.title)), callback_data=OTHER_DATA + info.id)])
    data = f"{PARAGRAPH_DATA}{story_id}:{paragraph}"
    if paragraph is not None and len(data.encode()) <= tr.MAX_CALLBACK_DATA:
        rows.append([InlineKeyboardButton(tr.PARAGRAPH_BUTTON, callback_data=data)])
    votes = tr.answer_keyboard(answer_id, None)
    if votes is not None:
        rows += [list(row) for row in votes.inline_keyboard]
    return InlineKeyboardMarkup(rows) if rows else None


def parse_paragraph(data: str | None) -> tuple[str, int] | None:
    body = (data or "").removeprefix(PARAGRAPH_DATA)
    story_id, _, number = body.rpartition(":")
    if not (data or "").startswith(PARAGRAPH_DATA) or not STORY_ID_RE.match(story_id) or not tr.NUMBER.fullmatch(number):
        return None
    return story_id, int(number)


# --------------------------------------------------------------------------- cards

_CARDS: OrderedDict[tuple[str, float], tr.StoryCard] = OrderedDict()  # (id, stored at) -> card
_CARDS_KEPT = 256


def card_of(state: BotState, story_id: str) -> tr.StoryCard:
    """The fixed texts' facts about a story, its two example questions drawn from it
    (drawing them answers a few questions, so a card is kept until its story changes)."""
    newsroom = state.desk.newsroom  # type: ignore[union-attr]
    info = newsroom.info(story_id)
    key = (story_id, info.updated_at if info is not None else 0.0)
    card = _CARDS.get(key)
    if card is None:
        card = tr.card_from_story(newsroom.story(story_id), newsroom.examples(story_id))
        _CARDS[key] = card
        while len(_CARDS) > _CARDS_KEPT:
            _CARDS.popitem(last=False)
    return card


async def current_card(state: BotState, chat_id: int) -> tr.StoryCard:
    if state.desk is None or state.desk.single:
        return state.card
    return card_of(state, (await state.desk.current(chat_id)).id)


# --------------------------------------------------------------------------- replies


async def open_story(context: ContextTypes.DEFAULT_TYPE, message: Message, story_id: str) -> None:
    """A deep link or a button: the chat is on this story now; say which, with examples."""
    state = bot_state(context)
    assert state.desk is not None
    try:
        choice = await state.desk.choose(message.chat_id, story_id)
    except UnknownStory:
        await send_list(context, message, UNKNOWN_STORY)
        return
    text = opened_text(choice.info, card_of(state, choice.id).examples)
    await reply_html(context, message, text)


async def send_list(context: ContextTypes.DEFAULT_TYPE, message: Message, head: str) -> None:
    state = bot_state(context)
    assert state.desk is not None
    infos = state.desk.newsroom.newest(LISTED)
    markup = stories_keyboard(infos, context.bot.username)
    await send_html(context, message.chat_id, [list_text(head, infos)], reply_to=message.message_id, markup=markup)


def story_for(state: BotState, choice: Choice) -> Story:
    assert state.desk is not None
    return state.desk.newsroom.story(choice.id)


def other_story_id(data: str | None) -> str | None:
    """The story id of an `sa:` button, or None."""
    story_id = (data or "").removeprefix(OTHER_DATA)
    return story_id if (data or "").startswith(OTHER_DATA) and STORY_ID_RE.match(story_id) else None


def names_story(state: BotState, choice: Choice) -> bool:
    """A reply names its story when the reader did not choose it and there is a choice."""
    return state.desk is not None and choice.how != "given" and not state.desk.single


# --------------------------------------------------------------------------- handlers


async def on_stories(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stories: the newest stories, with a button each."""
    state = bot_state(context)
    if state.desk is None:  # no newsroom: the one story the bot answers from (the embedded one, or the files)
        infos = [StoryInfo.of_article(a.name, a) for a in state.articles]
        await reply_html(context, update.effective_message, list_text(ANSWERS_FROM, infos))
        return
    await send_list(context, update.effective_message, LIST_HEAD)


async def on_story_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /stories button: open that story in the chat."""
    query = update.callback_query
    story_id = (query.data or "").removeprefix(STORY_DATA)
    message = query.message
    if bot_state(context).desk is None or not STORY_ID_RE.match(story_id) or not isinstance(message, Message):
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    await query.answer()
    await open_story(context, message, story_id)


async def on_story_paragraph_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"الفقرة كاملة" under a reply of a newsroom: the whole paragraph of that story."""
    query = update.callback_query
    state = bot_state(context)
    ref = parse_paragraph(query.data)
    message = query.message
    if ref is None or state.desk is None or state.desk.newsroom.info(ref[0]) is None or not isinstance(message, Message):
        await query.answer(texts.PARAGRAPH_GONE)
        return
    article = state.desk.newsroom.story(ref[0]).primary
    paragraph = next((p for p in article.paragraphs if p.number == ref[1]), None)
    if paragraph is None:
        await query.answer(texts.PARAGRAPH_GONE)
        return
    await query.answer()
    chunks = tr.render_paragraph(paragraph.number, paragraph.heading, paragraph.text, article.disclaimer)
    await send_html(context, message.chat_id, chunks, reply_to=message.message_id)
