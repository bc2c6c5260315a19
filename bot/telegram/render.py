"""Telegram renderings: an `Answer` (and the bot's fixed texts) as Telegram-HTML messages.

Pure functions over plain data: no I/O, no asyncio. Telegram's own types appear only as
plain data records (keyboards, inline results).

Rules every function here keeps:

* every piece of article text and of user text goes through `esc` (html.escape), so a `<`
  or `&` in the article can never break the message or inject markup;
* quotes go in ``<blockquote>``, the source's disclaimer in ``<blockquote expandable>``;
* a message never exceeds Telegram's 4096 characters, counted as Telegram counts them: after
  entity parsing, in UTF-16 code units. Long replies are split between blocks (a quote is
  never cut unless it alone is too long, and then only at a space);
* callback data stays within Telegram's 64 bytes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.conversation import texts
from bot.core.answer_types import Answer, Kind, Quote, shown_title
from bot.render import (
    BULLET,
    DISCLAIMER_LABEL,
    quoted_title,
    hint_lines,
    paragraph_place,
    quote_place,
)

MAX_MESSAGE = 4096  # Telegram: characters after entity parsing
MAX_CALLBACK_DATA = 64  # Telegram: bytes
MAX_INLINE_RESULTS = 5
PARAGRAPH_BUTTON = "الفقرة كاملة"
VOTE_UP = "👍"
VOTE_DOWN = "👎"

# Commands registered with setMyCommands (Telegram: 1-32 chars a-z0-9_, description 1-256).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "بدء الاستخدام: ماذا أفعل وأمثلة على الأسئلة"),
    ("help", "كيف تسألني"),
    ("about", "عنوان المقال ومصدره وتنبيه الموقع"),
    ("stories", "أحدث الأخبار: اختر خبرًا لتسأل عنه"),
    ("ask", "اطرح سؤالًا عن المقال: /ask سؤالك"),
    ("privacy", "ما الذي أحفظه ولكم من الوقت"),
    ("forget", "احذف كل ما حفظته عنك"),
)

DEFAULT_EXAMPLES = ("ما ملخص المقال؟", "ما مصدر المقال؟")


def esc(text: str) -> str:
    """Escape text for Telegram HTML (<, > and &; quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


_TAG = re.compile(r"<[^>]*>")


def visible_length(fragment: str) -> int:
    """Length of an HTML fragment as Telegram counts it: tags removed, entities decoded, UTF-16."""
    text = html.unescape(_TAG.sub("", fragment))
    return len(text.encode("utf-16-le")) // 2


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ------------------------------------------------------------------ blocks and chunking


@dataclass(frozen=True)
class Block:
    """One unit of a reply: an HTML label line and a plain body wrapped in a tag.

    Chunks are cut between blocks. A body too long for one message is split at spaces,
    each piece in its own tag, the label kept on the first piece only.
    """

    body: str = ""  # plain text; escaped when rendered
    label: str = ""  # HTML, already escaped
    tag: str | None = None  # "blockquote", "blockquote expandable", "b", "i" or None

    def html(self, body: str | None = None, *, with_label: bool = True) -> str:
        body = self.body if body is None else body
        inner = esc(body)
        if self.tag and body:
            name = self.tag.split()[0]
            inner = f"<{self.tag}>{inner}</{name}>"
        parts = [p for p in (self.label if with_label else "", inner) if p]
        return "\n".join(parts)


def split_text(text: str, limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` UTF-16 units, at spaces where possible."""
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        cut = _prefix_fitting(rest, limit)
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            cut = space
        piece, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if piece:
            pieces.append(piece)
    if rest:
        pieces.append(rest)
    return pieces


def _prefix_fitting(text: str, limit: int) -> int:
    """The longest prefix length (in code points) whose UTF-16 length is within `limit`."""
    count = 0
    for i, ch in enumerate(text):
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > limit:
            return max(i, 1)
    return len(text)


# A block too long for one message starts in the message before it when that one has this
# much room left (UTF-16 units, a few lines on a phone): else that message would hold only
# what came before, e.g. the lead line ("هذا ما يقوله المقال:") alone over a quote.
MIN_FIRST_PIECE = 200


def _block_pieces(block: Block, limit: int, first: int | None = None) -> list[str]:
    """The block as one HTML piece, or several when it alone exceeds `limit`; `first` is the
    room for the first of several (a message already begun), `limit` when None or too small."""
    whole = block.html()
    if visible_length(whole) <= limit:
        return [whole]
    label_len = visible_length(block.label) + 1 if block.label else 0
    room = max(limit - label_len, 1)
    texts = split_text(block.body, room)
    if first is not None and first - label_len >= MIN_FIRST_PIECE:
        head = split_text(block.body, first - label_len)[0]
        texts = [head, *split_text(block.body[len(head):].lstrip(), room)]
    return [block.html(t, with_label=(i == 0)) for i, t in enumerate(texts)]


def pack(blocks: Iterable[Block], limit: int = MAX_MESSAGE, separator: str = "\n\n") -> list[str]:
    """Blocks joined by blank lines into as few messages as fit `limit` each."""
    chunks: list[str] = []
    current = ""
    for block in blocks:
        room = limit - visible_length(current) - utf16_len(separator) if current else None
        for piece in _block_pieces(block, limit, room):
            candidate = f"{current}{separator}{piece}" if current else piece
            if visible_length(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


# ------------------------------------------------------------------ answers


def quote_blocks(quotes: Sequence[Quote], *, with_article: bool = False) -> list[Block]:
    numbered = len(quotes) > 1
    blocks = []
    for i, q in enumerate(quotes, start=1):
        place = quote_place(q, with_article=with_article)
        label = f"<i>{i}. {esc(place)}</i>" if numbered else f"<i>{esc(place)}</i>"
        blocks.append(Block(body=q.text, label=label, tag="blockquote"))
    return blocks


def disclaimer_block(disclaimer: str | None) -> list[Block]:
    if not disclaimer:
        return []
    return [Block(body=disclaimer, label=f"<b>{esc(DISCLAIMER_LABEL)}</b>", tag="blockquote expandable")]


def answer_blocks(answer: Answer, *, with_article: bool = False) -> list[Block]:
    """Lead, quotes, reason, hints, then the disclaimer (whenever something is quoted)."""
    blocks: list[Block] = []
    if answer.lead:
        blocks.append(Block(body=answer.lead, tag="b"))
    blocks.extend(quote_blocks(answer.quotes, with_article=with_article))
    if answer.reason:
        blocks.append(Block(body=answer.reason))
    hints = hint_lines(answer)
    if hints:
        blocks.append(Block(body="\n".join(hints)))
    if answer.quotes:
        blocks.extend(disclaimer_block(answer.disclaimer))
    return blocks


def render_answer(answer: Answer, *, with_article: bool = False, limit: int = MAX_MESSAGE) -> list[str]:
    """The answer as Telegram-HTML messages, each within `limit`; never empty."""
    chunks = pack(answer_blocks(answer, with_article=with_article), limit)
    return chunks or [esc(texts.NOTHING_FOUND_TITLE)]


def render_paragraph(
    number: int, heading: str | None, text: str, disclaimer: str | None, *, limit: int = MAX_MESSAGE
) -> list[str]:
    """A whole paragraph (the "الفقرة كاملة" button), with its place and the disclaimer."""
    blocks = [Block(body=text, label=f"<b>{esc(paragraph_place(number, heading))}</b>", tag="blockquote")]
    return pack(blocks + disclaimer_block(disclaimer), limit)


def wants_feedback(answer: Answer) -> bool:
    """Votes make sense on replies about the article, not on greetings or help."""
    return answer.kind in (Kind.ANSWER, Kind.SUMMARY, Kind.META, Kind.NOT_FOUND)


# ------------------------------------------------------------------ buttons


@dataclass(frozen=True)
class Vote:
    answer_id: str
    vote: int  # +1 or -1


@dataclass(frozen=True)
class ParagraphRef:
    article_index: int
    paragraph: int


def vote_data(answer_id: str, vote: int) -> str:
    return f"fb:{'up' if vote > 0 else 'down'}:{answer_id}"


def paragraph_data(ref: ParagraphRef) -> str:
    return f"para:{ref.article_index}:{ref.paragraph}"


# A number in callback data we made: ASCII digits ("²" and "٣" pass str.isdigit, and int("²")
# raises), no more than a paragraph number needs.
NUMBER = re.compile(r"[0-9]{1,9}")


def parse_callback(data: str | None) -> Vote | ParagraphRef | None:
    """The action behind a button's callback data, or None for data we did not make."""
    parts = (data or "").split(":")
    if len(parts) == 3 and parts[0] == "fb" and parts[1] in ("up", "down") and re.fullmatch(r"[0-9a-f]{1,40}", parts[2]):
        return Vote(parts[2], 1 if parts[1] == "up" else -1)
    if len(parts) == 3 and parts[0] == "para" and all(NUMBER.fullmatch(part) for part in parts[1:]):
        return ParagraphRef(int(parts[1]), int(parts[2]))
    return None


def answer_keyboard(answer_id: str | None, paragraph: ParagraphRef | None) -> InlineKeyboardMarkup | None:
    """"الفقرة كاملة" (when a body paragraph is quoted) over 👍 / 👎 (when votes make sense)."""
    rows: list[list[InlineKeyboardButton]] = []
    if paragraph is not None:
        rows.append([InlineKeyboardButton(PARAGRAPH_BUTTON, callback_data=paragraph_data(paragraph))])
    if answer_id:
        rows.append(
            [
                InlineKeyboardButton(VOTE_UP, callback_data=vote_data(answer_id, +1)),
                InlineKeyboardButton(VOTE_DOWN, callback_data=vote_data(answer_id, -1)),
            ]
        )
    for row in rows:
        for button in row:
            assert 1 <= len(str(button.callback_data).encode()) <= MAX_CALLBACK_DATA
    return InlineKeyboardMarkup(rows) if rows else None


# ------------------------------------------------------------------ inline mode


def _single_message(main: Block, tail: list[Block], limit: int = MAX_MESSAGE) -> str:
    """`main` then `tail` (the disclaimer) in one message: `main` is cut short if need be."""
    tail_html = "\n\n".join(b.html() for b in tail)
    room = limit - (visible_length(tail_html) + 2 if tail_html else 0)
    pieces = _block_pieces(main, max(room - 2, 200))
    head = pieces[0] if len(pieces) == 1 else pieces[0] + "\n…"
    return f"{head}\n\n{tail_html}" if tail_html else head


def inline_results(
    answer: Answer, *, with_article: bool = False, limit: int = MAX_INLINE_RESULTS
) -> list[InlineQueryResultArticle]:
    """The top quotes, one result each, each message with the disclaimer.

    When nothing is quoted, one result carries the engine's own reply (e.g. "the article
    does not say"), so the reader sees why there is nothing to share.
    """
    results: list[InlineQueryResultArticle] = []
    disclaimer = disclaimer_block(answer.disclaimer)
    for i, q in enumerate(answer.quotes[:limit]):
        place = quote_place(q, with_article=with_article)
        text = _single_message(Block(body=q.text, label=f"<i>{esc(place)}</i>", tag="blockquote"), disclaimer)
        results.append(
            InlineQueryResultArticle(
                id=f"q{i}-{q.paragraph}-{q.start}",
                title=place,
                description=q.text[:200],
                input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
            )
        )
    if not results:
        text = render_answer(answer, with_article=with_article)[0]  # one message: the first chunk
        results.append(
            InlineQueryResultArticle(
                id="reply",
                title=answer.lead or texts.NOTHING_FOUND_TITLE,
                description=(answer.reason or "")[:200] or None,
                input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
            )
        )
    return results


def inline_notice(text: str) -> InlineQueryResultArticle:
    """One inline result that only says something (e.g. the rate limit's notice)."""
    return InlineQueryResultArticle(
        id="notice", title=text[:100], description=None,
        input_message_content=InputTextMessageContent(esc(text), parse_mode=ParseMode.HTML),
    )


# ------------------------------------------------------------------ fixed replies


@dataclass(frozen=True)
class StoryCard:
    """What the fixed texts say about the story: taken once from the Story at start-up."""

    title: str
    source: str | None
    disclaimer: str | None
    headings: tuple[str, ...]
    examples: tuple[str, ...]
    paragraphs: int


def welcome(card: StoryCard, bot_username: str | None) -> str:
    """/start: what the bot does, the article's title, example questions, how to ask in groups."""
    mention = f"@{bot_username}" if bot_username else "اسمي"
    lines = [
        "<b>مرحبًا!</b> أجيب عن أسئلتك حول مقال إخباري واحد، باقتباس جمله كما وردت فيه حرفيًّا.",
        "",
        f"<b>المقال:</b> {esc(quoted_title(card.title))}",
        "",
        esc("أمثلة على أسئلة يمكنك طرحها:"),
        *(esc(BULLET + e) for e in card.examples[:2]),
        "",
        esc(f"اكتب سؤالك هنا مباشرة. في المجموعات: اذكرني ({mention}) أو ردّ على رسالتي أو استخدم /ask."),
        esc("/help للمساعدة، /about عن المقال، /privacy عن بياناتك."),
    ]
    return _fit("\n".join(lines))


def help_text(card: StoryCard, bot_username: str | None) -> str:
    """/help: how to ask, what the article covers, examples, commands."""
    mention = f"@{bot_username}" if bot_username else ""
    lines = [
        "<b>كيف تسألني</b>",
        esc("اكتب سؤالًا عن المقال بالعربية، وسأجيب باقتباس الجمل التي تجيب عنه من المقال نفسه."),
        esc("إن لم يذكر المقال الجواب فسأقول ذلك صراحة. يمكنك متابعة السؤال بسؤال قصير يعتمد على السابق."),
        "",
    ]
    if card.headings:
        lines += [esc("يتناول المقال:"), *(esc(BULLET + h) for h in card.headings[:8]), ""]
    lines += [esc("أمثلة:"), *(esc(BULLET + e) for e in card.examples[:2]), ""]
    if bot_username:
        lines += [
            esc(f"في المجموعات: اذكرني ({mention}) في رسالتك، أو ردّ على إحدى رسائلي، أو اكتب /ask ثم سؤالك."),
            esc(f"وفي أي محادثة: اكتب {mention} ثم سؤالك لتختار اقتباسًا وترسله."),
            "",
        ]
    lines.append(esc("الأوامر: /start /help /about /stories /ask /privacy /forget"))
    return _fit("\n".join(lines))


def about(card: StoryCard) -> str:
    """/about: title, source and the disclaimer (verbatim, expandable)."""
    lines = [
        f"<b>العنوان:</b> {esc(shown_title(card.title))}",
        f"<b>المصدر:</b> {esc(shown_title(card.source) if card.source else texts.SOURCE_IN_DISCLAIMER if card.disclaimer else texts.SOURCE_UNKNOWN)}",
        f"<b>عدد الفقرات:</b> {card.paragraphs}",
    ]
    head = "\n".join(lines)
    if not card.disclaimer:
        return _fit(head + "\n" + esc("لا يحمل المقال تنبيهًا من مصدره."))
    return pack([Block(label=head), *disclaimer_block(card.disclaimer)], separator="\n\n")[0]


def privacy(retention_days: int, *, stored: bool) -> str:
    """/privacy: what is kept, for how long, and how to delete it."""
    if not stored:
        return esc(texts.PRIVACY_NOT_STORED)
    lines = [
        "<b>ما الذي أحفظه</b>",
        *(esc(BULLET + line) for line in texts.privacy_lines(retention_days)),
        "",
        esc(f"تُحذف هذه البيانات تلقائيًّا بعد {retention_days} يومًا. لا أحفظ اسمك ولا رسائل لم توجَّه إليّ."),
        esc("يستخدمها محررو المقال لمعرفة ما يسأل عنه القراء وأين أخفقتُ في الإجابة."),
        esc("لحذف كل ما حفظته عنك الآن: /forget"),
    ]
    return "\n".join(lines)


def forgotten(count: int) -> str:
    return esc(texts.forgotten(count))


def stats(data: Mapping[str, Any]) -> str:
    """/stats for editors: counts, share answered, votes, most frequent unanswered questions."""
    questions = int(data.get("questions", 0) or 0)
    answered = int(data.get("answered", 0) or 0)
    unanswered = int(data.get("unanswered", 0) or 0)
    judged = answered + unanswered
    share = f"{round(100 * answered / judged)}%" if judged else "—"
    lines = [
        "<b>إحصاءات الأسئلة</b>",
        esc(f"اليوم: {data.get('questions_today', 0)} — آخر 7 أيام: {data.get('questions_7d', 0)} — المجموع: {questions}"),
        esc(f"أُجيب: {answered} — لم يُجب: {unanswered} — نسبة الإجابة: {share}"),
        esc(f"👍 {data.get('feedback_up', 0)} — 👎 {data.get('feedback_down', 0)} — القراء: {data.get('users', 0)}"),
    ]
    top = list(data.get("top_unanswered") or [])[:10]
    if top:
        lines += ["", "<b>أكثر الأسئلة التي لم يُجب عنها:</b>"]
        lines += [esc(f"{BULLET}{q} ({n})") for q, n in top]
    return _fit("\n".join(lines))


def _fit(fragment: str) -> str:
    """Cut a line-based fragment at a line boundary so it fits one message."""
    if visible_length(fragment) <= MAX_MESSAGE:
        return fragment
    lines = fragment.split("\n")
    while lines and visible_length("\n".join(lines)) > MAX_MESSAGE - 1:
        lines.pop()
    return "\n".join(lines) + "\n…"


def card_from_story(story: Any, examples: Sequence[str] = ()) -> StoryCard:
    """The story facts the fixed texts need (duck-typed: `story.primary` is an Article)."""
    article = story.primary
    return StoryCard(
        title=article.title,
        source=article.source,
        disclaimer=article.disclaimer,
        headings=tuple(article.headings),
        examples=tuple(examples[:2]) or DEFAULT_EXAMPLES,
        paragraphs=len(article.paragraphs),
    )
