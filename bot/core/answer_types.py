"""The records an answer is made of. Renderers (console, Telegram) only turn these into text."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

OPEN_QUOTE = "«"
CLOSE_QUOTE = "»"


# A title or source line is shown whole up to this many characters (the longest title of the
# development and fresh articles has 113): a longer one (a body pasted into a batch's title
# field) is cut, so that every message naming it still fits (Telegram refuses over 4,096).
TITLE_SHOWN = 300


def shown_title(title: str) -> str:
    """A story's title (or source line) as lists and heads show it: whole, or cut at
    TITLE_SHOWN characters with an ellipsis."""
    return title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1].rstrip() + "…"


def quoted_title(title: str) -> str:
    """A story's title between « », once. A title that already opens with « or closes with »
    (one that quotes a name or a saying at either end: «سابك» تربح …) is shown as written: a
    second pair would read ««…»», and the title is never altered inside (only cut when over
    TITLE_SHOWN)."""
    title = shown_title(title)
    if title.startswith(OPEN_QUOTE) or title.endswith(CLOSE_QUOTE):
        return title
    return f"{OPEN_QUOTE}{title}{CLOSE_QUOTE}"


class Kind(str, Enum):
    """What sort of reply this is; the value is the public `kind` string of the JSON output."""

    ANSWER = "answer"  # quotes that answer the question
    SUMMARY = "summary"  # title and lead sentences
    META = "meta"  # about the article itself: title, source, disclaimer
    NOT_FOUND = "not_found"  # the article does not say; no quote
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"  # help, who-are-you, and empty/emoji/punctuation-only input


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim: article.text[start:end]
    article: str  # the article's name
    paragraph: int  # 1-based body paragraph; 0 for the title or the disclaimer
    heading: str | None  # the section heading over the paragraph, if any
    start: int
    end: int
    score: float
    place: str = "body"  # "body", "title", "disclaimer" or "source" (the source line)


@dataclass(frozen=True)
class Answer:
    question: str
    kind: Kind
    lead: str  # one Arabic line that opens the reply
    quotes: tuple[Quote, ...] = ()  # what answers the question
    disclaimer: str | None = None  # the article's disclaimer, verbatim, whenever quotes are given
    reason: str | None = None  # why nothing is quoted (Arabic, shown to the reader)
    hints: tuple[str, ...] = ()  # what the article covers, or example questions
    article_title: str | None = None
    # For a not_found reply about a subject the article names: what it does say about it
    # (never an answer; the disclaimer comes with them).
    related: tuple[Quote, ...] = ()
    subject: str = field(default="", compare=False)  # analysed subject kept for follow-ups
    story: str = field(default="", compare=False)  # id of the story answered from (its article's name)
