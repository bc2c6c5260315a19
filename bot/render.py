"""Plain-text and JSON renderings of an `Answer`, for the console and for scripts.

The renderer decides layout only, never content: every word shown comes from the Answer
except a few fixed Arabic labels (kept as module constants so the Telegram renderer can reuse
them). Quotes are written exactly as they stand in the article, so each quote is a substring
of the reply and a reader can copy it back out.

No bidi control characters are added. Terminals that lay out right-to-left text pick each
line's direction from its first strong letter, and every line written here starts with an
Arabic letter or with neutral punctuation followed by Arabic, so they already show Arabic
lines right-to-left; terminals that do not do bidi would print the controls as junk, and
scripts reading the JSON `reply` would have to strip them.

Pure: no I/O, and no telegram or asyncio imports.
"""

from __future__ import annotations

import math
from typing import Any

from bot.core.answer_types import CLOSE_QUOTE, OPEN_QUOTE, Answer, Kind, Quote, quoted_title
PLACE_SEPARATOR = " — "
DISCLAIMER_LABEL = "تنبيه من المصدر:"
PLACE_TITLE = "عنوان المقال"
PLACE_DISCLAIMER = "تنبيه الموقع"
PLACE_SOURCE = "سطر المصدر"
COVERS_LABEL = "يتناول المقال:"
EXAMPLES_LABEL = "أمثلة على أسئلة يمكنك طرحها:"
BULLET = "• "
SCORE_DIGITS = 4  # enough to order quotes; more digits are noise from float arithmetic

# Kinds whose hints are example questions (the others' hints say what the article covers).
_EXAMPLE_KINDS = frozenset({Kind.HELP, Kind.GREETING, Kind.THANKS})


def guillemets(text: str) -> str:
    """`text` between Arabic quotation marks, untouched inside."""
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


def paragraph_place(number: int, heading: str | None) -> str:
    """'الفقرة 3، قسم «…»', or 'الفقرة 3' for a paragraph before any heading."""
    place = f"الفقرة {number}"
    if heading:
        place += f"، قسم {guillemets(heading)}"
    return place


def quote_place(quote: Quote, *, with_article: bool = False) -> str:
    """Where a quote stands in its article, in Arabic."""
    if quote.place == "title":
        place = PLACE_TITLE
    elif quote.place == "disclaimer":
        place = PLACE_DISCLAIMER
    elif quote.place == "source":
        place = PLACE_SOURCE
    else:
        place = paragraph_place(quote.paragraph, quote.heading)
    if with_article:
        # Only useful when several articles are loaded; the file name tells them apart.
        place += f"، من مقال {guillemets(quote.article)}"
    return place


def quote_line(quote: Quote, number: int | None = None, *, with_article: bool = False) -> str:
    """One quote on one line: optional number, the verbatim text in « », then its place."""
    prefix = f"{number}. " if number is not None else ""
    return f"{prefix}{guillemets(quote.text)}{PLACE_SEPARATOR}{quote_place(quote, with_article=with_article)}"


def quote_lines(quotes: tuple[Quote, ...], *, with_article: bool = False) -> list[str]:
    """Quotes numbered from 1 when there is more than one, unnumbered when alone."""
    if len(quotes) == 1:
        return [quote_line(quotes[0], with_article=with_article)]
    return [quote_line(q, i, with_article=with_article) for i, q in enumerate(quotes, start=1)]


def hint_lines(answer: Answer) -> list[str]:
    """The hints as a bulleted list under a label that says what they are."""
    if not answer.hints:
        return []
    if answer.kind in _EXAMPLE_KINDS:
        label = EXAMPLES_LABEL
    elif answer.kind is Kind.NOT_FOUND:
        label = COVERS_LABEL
    else:
        label = None
    lines = [label] if label else []
    lines.extend(BULLET + hint for hint in answer.hints)
    return lines


def disclaimer_lines(answer: Answer) -> list[str]:
    """The source's disclaimer, verbatim, whenever something is quoted and it has one."""
    if not (answer.quotes or answer.related) or not answer.disclaimer:
        return []
    return [DISCLAIMER_LABEL, answer.disclaimer]


def render_plain(answer: Answer, *, with_article: bool = False) -> str:
    """The full plain-text reply: lead, quotes with places, reason, hints, disclaimer.

    Blocks are separated by a blank line so the quotes stand apart from the lead and the
    disclaimer. `with_article` names each quote's article (for several loaded articles).
    """
    blocks: list[list[str]] = []
    if answer.lead:
        blocks.append([answer.lead])
    if answer.quotes:
        blocks.append(quote_lines(answer.quotes, with_article=with_article))
    if answer.reason:
        blocks.append([answer.reason])
    if answer.related:
        blocks.append(quote_lines(answer.related, with_article=with_article))
    blocks.append(hint_lines(answer))
    blocks.append(disclaimer_lines(answer))
    return "\n\n".join("\n".join(block) for block in blocks if block)


def json_score(score: float) -> float:
    """A score fit for JSON: rounded, and 0.0 for NaN or infinity, which JSON cannot hold."""
    value = float(score)  # also turns a numpy float into a plain one
    return round(value, SCORE_DIGITS) if math.isfinite(value) else 0.0


def quote_to_json(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "article": quote.article,
        "paragraph": quote.paragraph,
        "heading": quote.heading,
        "score": json_score(quote.score),
    }


def answer_to_json(answer: Answer, *, with_article: bool = False) -> dict[str, Any]:
    """The public JSON record of an answer; scripts rely on exactly these keys."""
    return {
        "question": answer.question,
        "kind": answer.kind.value,
        "quotes": [quote_to_json(q) for q in answer.quotes],
        "related": [quote_to_json(q) for q in answer.related],
        "reply": render_plain(answer, with_article=with_article),
    }
