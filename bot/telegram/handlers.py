"""The Telegram handlers, and the plain functions that do their work.

Handlers are short; the work is in plain functions (addressing, sending the answer), the
conversation logic (memory, rate limit, record-before-send) in `bot.conversation`, the fixed
texts in `bot.conversation.texts` and their Telegram form in `bot.telegram.render`.
`add_handlers` routes updates to them as the module docstring of `bot.telegram.app` describes.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.conversation import texts
from bot.conversation.session import Turn
from bot.core.answer_types import Answer
from bot.newsroom import UnknownStory
from bot.store.database import VOTE_FAILED, VOTE_STORED, VOTE_UNKNOWN, ForgetHeld
from bot.store.schema import EMBEDDED_STORY_ID
from bot.telegram import render as tr
from bot.telegram import stories
from bot.telegram.delivery import Typing, reply_html, send_html
from bot.telegram.state import BotState, bot_state

LOGGER = logging.getLogger("storybot.telegram")

# The answer to a 👍 / 👎 press, by what became of the vote: thanks only for one recorded.
VOTE_REPLIES = {VOTE_STORED: texts.FEEDBACK_THANKS, VOTE_UNKNOWN: texts.FEEDBACK_NOT_KEPT,
                VOTE_FAILED: texts.FEEDBACK_FAILED}


# --------------------------------------------------------------------------- answering


def paragraph_ref(state: BotState, answer: Answer) -> tr.ParagraphRef | None:
    """The first quoted body paragraph, as a button target."""
    first = next((q for q in answer.quotes if q.place == "body" and q.paragraph > 0), None)
    if first is None:
        return None
    for index, article in enumerate(state.articles):
        if article.name == first.article:
            return tr.ParagraphRef(index, first.paragraph)
    return None


def message_key(message: Message) -> str:
    """What names one question: the chat, the message, and the edit (an edit is a new question)."""
    edited = int(message.edit_date.timestamp()) if message.edit_date else 0
    return f"{message.chat_id}:{message.message_id}:{edited}"


def reply_markup(state: BotState, turn: Turn) -> InlineKeyboardMarkup | None:
    assert turn.answer is not None
    answer_id = turn.answer_id if tr.wants_feedback(turn.answer) else None
    return tr.answer_keyboard(answer_id, paragraph_ref(state, turn.answer))


async def told_refused(context: ContextTypes.DEFAULT_TYPE, message: Message, turn: Turn) -> bool:
    """True when the rate limit refused the turn; its reader told so unless told a moment ago (Turn.silent)."""
    if turn.answer is not None:
        return False
    if not turn.silent:
        await reply_html(context, message, tr.esc(texts.RATE_LIMITED))
    return True


async def answer_question(context: ContextTypes.DEFAULT_TYPE, message: Message, question: str) -> None:
    """The whole reply to one question: typing, the turn (answer, rate limit, record), send."""
    state = bot_state(context)
    chat_id = message.chat_id
    user_id = message.from_user.id if message.from_user else chat_id
    typing = Typing(context, chat_id, state.tuning.typing_delay_s)
    try:
        if state.desk is not None and not state.desk.single:
            await answer_from_newsroom(context, state, message, question, user_id, typing)
            return
        # The turn is recorded before it returns: a reply that goes out below is stored.
        turn = await state.conversations.ask(chat_id, user_id, question, key=message_key(message))
        await typing.settle(state.tuning.typing_grace_s)
        if await told_refused(context, message, turn):
            return
        chunks = tr.render_answer(turn.answer, with_article=state.with_article)
        await send_html(context, chat_id, chunks, reply_to=message.message_id, markup=reply_markup(state, turn))
    finally:
        typing.cancel()


async def answer_from_newsroom(context: ContextTypes.DEFAULT_TYPE, state: BotState, message: Message, question: str,
                               user_id: int, typing: Typing, *, key: str | None = None, name: bool = False) -> None:
    """answer_question for a newsroom: the chat's story (or the best match, named in the reply;
    name=True names the chat's story too). `key` names the turn (default: the message's)."""
    turn = await state.conversations.ask(message.chat_id, user_id, question, key=key or message_key(message),
                                         desk=state.desk)
    await typing.settle(state.tuning.typing_grace_s)
    if await told_refused(context, message, turn):
        return
    choice = turn.choice
    assert choice is not None  # asked with the desk
    named = stories.names_story(state, choice)
    head = stories.story_line(choice) if named or name else ""
    chunks = tr.render_answer(turn.answer, limit=tr.MAX_MESSAGE - len(head) - 2)
    if head:
        chunks[0] = f"{head}\n\n{chunks[0]}"
    first = next((q for q in turn.answer.quotes if q.place == "body" and q.paragraph > 0), None)
    markup = stories.paragraph_keyboard(choice.id, first.paragraph if first else None,
                                        turn.answer_id if tr.wants_feedback(turn.answer) else None, offer_story=named,
                                        others=choice.others)
    await send_html(context, message.chat_id, chunks, reply_to=message.message_id, markup=markup)


async def on_other_story_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"أو: <title>" under a best match: the reader meant that story. It becomes the chat's,
    and the question the reply answered (the message it replies to) is answered from it, the
    reply naming it; without that message (too old for Telegram to send), the story opens as
    from /stories."""
    query = update.callback_query
    state = bot_state(context)
    story_id = stories.other_story_id(query.data)
    message = query.message
    if state.desk is None or story_id is None or not isinstance(message, Message):
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    await query.answer()
    asked = message.reply_to_message
    question = asked_question(asked.text or "", context.bot.username) if asked is not None else ""
    if not question:
        await stories.open_story(context, message, story_id)
        return
    try:
        await state.desk.choose(message.chat_id, story_id)
    except UnknownStory:
        await stories.send_list(context, message, stories.UNKNOWN_STORY)
        return
    user_id = query.from_user.id if query.from_user else message.chat_id
    typing = Typing(context, message.chat_id, state.tuning.typing_delay_s)
    try:
        await answer_from_newsroom(context, state, asked, question, user_id, typing,
                                   key=f"{message_key(asked)}:{story_id}", name=True)
    finally:
        typing.cancel()


# --------------------------------------------------------------------------- addressing


def group_question(text: str, bot_username: str | None, replying_to_bot: bool) -> str | None:
    """The question in a group message if it is addressed to the bot, else None."""
    if bot_username:
        mention = re.compile(rf"(?<![\w@])@{re.escape(bot_username)}\b", re.IGNORECASE)
        if mention.search(text):
            return " ".join(mention.sub(" ", text).split())
    return text if replying_to_bot else None


def asked_question(text: str, bot_username: str | None) -> str:
    """The question a reader's message asked: `/ask`'s argument, no other command, the text
    without the bot's mention ("" when there is none)."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first.split("@", 1)[0] == "/ask":
        return command_argument(text)
    return "" if first.startswith("/") else group_question(text, bot_username, True) or ""


def command_target(text: str) -> str | None:
    """The bot a command names (`/cmd@name` -> "name"), or None for a bare `/cmd`."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.split("@", 1)[1] if "@" in first else None


def command_argument(text: str) -> str:
    """What follows the command word: '/ask  what?' -> 'what?' (line breaks kept)."""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _is_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


def _replying_to_bot(message: Message, bot_id: int) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == bot_id)


# --------------------------------------------------------------------------- handlers


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: what the bot does, the article's title, example questions; /start <story-id>
    (a deep link) opens that story."""
    state, message = bot_state(context), update.effective_message
    if context.args and state.desk is not None:
        await stories.open_story(context, message, context.args[0])
        return
    card = await stories.current_card(state, message.chat_id)
    await reply_html(context, message, tr.welcome(card, context.bot.username))


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, what the article covers."""
    card = await stories.current_card(bot_state(context), update.effective_message.chat_id)
    await reply_html(context, update.effective_message, tr.help_text(card, context.bot.username))


async def on_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/about: the current story's title, source, disclaimer."""
    card = await stories.current_card(bot_state(context), update.effective_message.chat_id)
    await reply_html(context, update.effective_message, tr.about(card))


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question>, in any chat."""
    message = update.effective_message
    question = command_argument(message.text or "")
    if not question:
        await reply_html(context, message, tr.esc(texts.ASK_USAGE))
        return
    await answer_question(context, message, question)


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats: every text (also an edited one) is a question."""
    message = update.effective_message
    await answer_question(context, message, message.text or "")


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups: answer only when mentioned or replied to."""
    message = update.effective_message
    question = group_question(message.text or "", context.bot.username, _replying_to_bot(message, context.bot.id))
    if question is not None:
        await answer_question(context, message, question)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats: stickers, photos, voice... get a short hint."""
    await reply_html(context, update.effective_message, tr.esc(texts.NON_TEXT_HINT))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Unknown commands: a hint in private, or in groups when the command names this bot."""
    await reply_unknown_command(context, update.effective_message)


async def reply_unknown_command(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    target = command_target(message.text or "")
    addressed = target is not None and context.bot.username and target.lower() == context.bot.username.lower()
    if _is_private(message) or addressed:
        await reply_html(context, message, tr.esc(texts.UNKNOWN_COMMAND))


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/privacy: what is stored and for how long."""
    state = bot_state(context)
    text = tr.privacy(state.settings.retention_days, stored=state.store is not None)
    await reply_html(context, update.effective_message, text)


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: delete everything stored about the sender."""
    state = bot_state(context)
    message = update.effective_message
    if state.desk is not None:  # the private chat's story (its id is the user's), as the store's row
        state.desk.forget(update.effective_user.id)
    if state.store is None:
        state.conversations.memory.forget(update.effective_user.id)
        await reply_html(context, message, tr.esc(texts.FORGET_NO_STORE))
        return
    try:
        count = await state.conversations.forget(update.effective_user.id)
    except ForgetHeld:  # the file is damaged: held for the replay, not failed
        await reply_html(context, message, tr.esc(texts.FORGET_HELD))
        return
    except Exception:
        LOGGER.exception("forget failed")
        await reply_html(context, message, tr.esc(texts.FORGET_FAILED))
        return
    await reply_html(context, message, tr.forgotten(count))


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats for admins; everyone else gets the unknown-command reply."""
    state = bot_state(context)
    message = update.effective_message
    if update.effective_user is None or update.effective_user.id not in state.settings.admin_ids:
        await reply_unknown_command(context, message)
        return
    if state.store is None:
        await reply_html(context, message, tr.esc(texts.STATS_NO_STORE))
        return
    try:
        data = await state.store.stats()
    except Exception:
        LOGGER.exception("stats failed")
        await reply_html(context, message, tr.esc(texts.STATS_FAILED))
        return
    await reply_html(context, message, tr.stats(data))


async def on_vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎: store the vote; thank only for a vote that was stored."""
    query = update.callback_query
    vote = tr.parse_callback(query.data)
    if not isinstance(vote, tr.Vote):
        await query.answer(texts.BUTTON_UNKNOWN)
        return
    outcome = await bot_state(context).conversations.vote(vote.answer_id, query.from_user.id, vote.vote)
    await query.answer(VOTE_REPLIES.get(outcome, texts.FEEDBACK_FAILED))


async def on_unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Callback data this bot never made: stop the client's spinner with a short notice."""
    await update.callback_query.answer(texts.BUTTON_UNKNOWN)


async def on_paragraph_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"الفقرة كاملة": send the whole paragraph of the first quote."""
    query = update.callback_query
    chunks = paragraph_chunks(bot_state(context), tr.parse_callback(query.data))
    if chunks is None:
        await query.answer(texts.PARAGRAPH_GONE)
        return
    await query.answer()
    message = query.message
    if isinstance(message, Message):
        await send_html(context, message.chat_id, chunks, reply_to=message.message_id)


def paragraph_chunks(state: BotState, ref: tr.Vote | tr.ParagraphRef | None) -> list[str] | None:
    if not isinstance(ref, tr.ParagraphRef) or not 0 <= ref.article_index < len(state.articles):
        return None
    article = state.articles[ref.article_index]
    paragraph = next((p for p in article.paragraphs if p.number == ref.paragraph), None)
    if paragraph is None:
        return None
    return tr.render_paragraph(paragraph.number, paragraph.heading, paragraph.text, article.disclaimer)


def inline_text(query: str) -> str:
    """An inline query's question: "" when it holds nothing but white space and invisible
    format characters (U+200B, the direction marks U+200E / U+200F, U+FEFF: a keyboard or a
    paste leaves them), which Telegram sends like any query; else the query, stripped."""
    text = query.strip()
    return text if any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text) else ""


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: the top quotes as results, each with the disclaimer; counted and stored like a question."""
    state = bot_state(context)
    query = update.inline_query
    text = inline_text(query.query)
    story, story_id = state.story, EMBEDDED_STORY_ID
    # Results drawn from the user's own story are theirs alone: Telegram hands results cached
    # for a query to anyone sending the same query unless is_personal is set.
    personal = state.desk is not None and not state.desk.single
    if personal:  # the user's current story (their private chat's)
        choice = await state.desk.for_inline(query.from_user.id, text)
        story, story_id = stories.story_for(state, choice), choice.id
    if not text:  # what Telegram sends as soon as "@bot " is typed: the summary, neither counted nor stored
        turn = state.conversations.preview(texts.EMPTY_INLINE_QUERY, story=story)
    else:
        turn = await state.conversations.ask(0, query.from_user.id, text, key=f"inline:{query.id}", via="inline",
                                             follow_up=False, story=story, story_id=story_id)
    if turn.answer is None:
        await query.answer([tr.inline_notice(texts.RATE_LIMITED)], cache_time=0, is_personal=True)
        return
    results = tr.inline_results(turn.answer, with_article=state.with_article)
    await query.answer(results, cache_time=state.tuning.inline_cache_s, is_personal=personal)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first; then a short fixed apology where a reader is waiting (never the exception text)."""
    LOGGER.error("an update failed", exc_info=context.error)
    if isinstance(context.error, NetworkError) and not isinstance(context.error, BadRequest):
        # A call that failed on the network after it was written may well have arrived (and
        # one that could not be written was already resent): an apology under it would confuse.
        return
    if isinstance(update, Update) and update.callback_query is not None:
        try:  # stop the button's spinner; the apology shows as a short notice
            await update.callback_query.answer(texts.APOLOGY[:200])
        except TelegramError:
            pass  # already answered, or the query expired
        return
    message = update.effective_message if isinstance(update, Update) else None
    chat = message.chat if message is not None else None
    if message is None or chat is None or chat.type == ChatType.CHANNEL:
        return
    try:
        await send_html(context, chat.id, [tr.esc(texts.APOLOGY)], reply_to=message.message_id)
    except TelegramError as exc:
        LOGGER.warning("could not send the apology either: %s", type(exc).__name__)


# --------------------------------------------------------------------------- routing


def add_handlers(app: Application) -> None:
    """Route each kind of update to its handler; everything else is ignored."""
    new = filters.UpdateType.MESSAGE  # new messages only; edits are routed explicitly below
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    text = filters.TEXT & ~filters.COMMAND
    for name, callback in (
        ("start", on_start), ("help", on_help), ("about", on_about), ("ask", on_ask),
        ("privacy", on_privacy), ("forget", on_forget), ("stats", on_stats), ("stories", stories.on_stories),
    ):
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(new & private & text, on_private_text))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & private & text, on_private_text))
    app.add_handler(MessageHandler(new & groups & text, on_group_text))
    app.add_handler(MessageHandler(new & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(new & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_non_text))
    app.add_handler(CallbackQueryHandler(on_vote_button, pattern=r"^fb:"))
    app.add_handler(CallbackQueryHandler(on_paragraph_button, pattern=r"^para:"))
    app.add_handler(CallbackQueryHandler(stories.on_story_button, pattern=rf"^{stories.STORY_DATA}"))
    app.add_handler(CallbackQueryHandler(on_other_story_button, pattern=rf"^{stories.OTHER_DATA}"))
    app.add_handler(CallbackQueryHandler(stories.on_story_paragraph_button, pattern=rf"^{stories.PARAGRAPH_DATA}"))
    app.add_handler(CallbackQueryHandler(on_unknown_button))
    app.add_handler(InlineQueryHandler(on_inline_query))
    app.add_error_handler(on_error)
