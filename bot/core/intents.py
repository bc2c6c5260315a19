"""What a message is before it is a search: a greeting, thanks, a request for help, for a
summary, or a question about the article itself. Read from normalised text, any register."""

from __future__ import annotations

import re
from enum import Enum

from index.analysis import LEXICON_DIR, normalize, tokenize
from index.reading import Reading, read


class Intent(str, Enum):
    EMPTY = "empty"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    SUMMARY = "summary"
    TITLE = "title"
    SOURCE = "source"  # source, author, site, disclaimer, "is this advice?"
    PUBLISHER = "publisher"  # who published it, which agency or paper (a SOURCE the source line answers)
    TASK = "task"  # a request that asks nothing about the article (write, imagine, a joke)
    OPINION = "opinion"  # the bot's own opinion or view ("شو رأيك في …؟", "what do you think of …"): it only reports
    QUESTION = "question"


INTENTS_DIR = LEXICON_DIR / "intents"


def _phrases(name: str) -> re.Pattern[str]:
    """The phrases of lexicon/intents/NAME.txt as one whole-word pattern over normalised text."""
    lines = (line.strip() for line in (INTENTS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    phrases = {" ".join(tokenize(normalize(p))) for p in lines if p and not p.startswith("#")}
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in ordered if p) + r")(?= |$)")


def phrase_words(*names: str) -> frozenset[str]:
    """Every word of the phrases of lexicon/intents/NAME.txt, normalised."""
    words: set[str] = set()
    for name in names:
        for line in (INTENTS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.update(tokenize(normalize(line)))
    return frozenset(words)


_GREETING = _phrases("greeting")
_THANKS = _phrases("thanks")
_HELP = _phrases("help")
_SUMMARY = _phrases("summary")
_TITLE = _phrases("title")
_SOURCE = _phrases("source")
_PUBLISHER = _phrases("publisher")
# "Is this (investment) advice?": a yes/no question about advice is about the page itself.
_ADVICE_QUESTION = re.compile(
    r"(?:^| )(?:هل|is|are|does|can|should)(?= ).*(?:^| )[كبل]?(?:نصيحه|نصايح|توصيه|توصيات|advice|recommendation)"
)
# Requests to do something else than answer from the article; with no question in them.
_TASK = _phrases("task")
_OPINION = _phrases("opinion")
_ASKS = re.compile(r"[?؟]")
# "what is this article about", "what's the story about", "what this piece about"
_ABOUT_WHAT = re.compile(r"(?:^| )what(?: is| s)?(?: this| the| that)? (?:article|story|piece|news|text|it) (?:is )?about")
_AT_THE_END = re.compile(r"(?:^| )(?:ال|في|بال)?(?:اخر|نهايه|ختام|خاتمه)(?: |$)|(?:^| )(?:end|ending|conclusion)(?: |$)")
_COMMAND = re.compile(r"^/[A-Za-z_]+(?:@\w+)?$")
_HAS_CONTENT = re.compile(r"[\u0621-\u064aa-z0-9]")


def asks_for_advice(reading: Reading) -> bool:
    """"Is this (investment) advice?": a question about the page itself, whatever it names."""
    return bool(_ADVICE_QUESTION.search(reading.normalized))


# Kinds that ask a fact whoever is asked to give it: "رأيك الشخصي: كم عاملا فصلت ميتا؟" is a question.
_FACT_KINDS = frozenset({"number", "price", "time", "duration", "person", "place", "reason", "manner"})


def asks_an_opinion(reading: Reading) -> bool:
    """The message asks the bot's own view ("ايش رايك في X؟", "what do you think of X", "هل
    تعتقد أن …"), and no fact besides: quoting cannot answer it."""
    if not _OPINION.search(reading.normalized):
        return False
    rest = opinion_subject(reading)
    return not rest or read(rest).kind not in _FACT_KINDS


def opinion_subject(reading: Reading) -> str:
    """The message without its opinion phrase: what the view is asked of ("ميتا" of "ايش
    رايك في ميتا؟"), so that "think" or "رأي" does not find the article's verbs of saying."""
    return " ".join(_OPINION.sub(" ", reading.normalized).split())


def classify_intent(reading: Reading) -> Intent:
    """Pure: the intent of one message. Chit-chat only counts when the message is short,
    so a real question that opens with "مرحبا" is still a question."""
    text = reading.asking
    norm = reading.normalized
    if not _HAS_CONTENT.search(norm):
        return Intent.EMPTY
    if _COMMAND.match(text.strip()):
        return Intent.HELP  # "/start" typed where commands are not read (a pipe, a group)
    words = norm.split()
    short = len(words) <= 6
    if _PUBLISHER.search(norm) and not _ADVICE_QUESTION.search(norm) and len(words) <= 14:
        return Intent.PUBLISHER
    if (_SOURCE.search(norm) or _ADVICE_QUESTION.search(norm)) and len(words) <= 14:
        return Intent.SOURCE
    if _TITLE.search(norm) and len(words) <= 10:
        return Intent.TITLE
    # "the writer's conclusion at the end" asks about the last paragraph, not for a summary.
    if (_SUMMARY.search(norm) or _ABOUT_WHAT.search(norm)) and len(words) <= 14 and not _AT_THE_END.search(norm):
        return Intent.SUMMARY
    # A question word asks, as a question mark does: «هل يجب … النقر على رابط» asks what the
    # article tells, the link is no request for one.
    if _TASK.search(norm) and not _ASKS.search(text) and reading.qword is None:
        return Intent.TASK
    if asks_an_opinion(reading):
        return Intent.OPINION
    if short and _HELP.search(norm):
        return Intent.HELP
    if short and _THANKS.search(norm):
        return Intent.THANKS
    if (short and _GREETING.search(norm) and len(words) <= 4) or _only_small_talk(norm, words):
        return Intent.GREETING
    return Intent.QUESTION


# Greetings and "how are you" may come with a word or two that ask nothing ("السلام عليكم،
# كيف حالك اليوم؟", "hi bot"): a message that is small talk but for at most that is small talk.
_SMALL_TALK_SPARE_WORDS = 1


def _only_small_talk(norm: str, words: list[str]) -> bool:
    if len(words) > 8 or not _GREETING.search(norm):
        return False
    rest = _GREETING.sub(" ", norm).split()
    return len(rest) <= _SMALL_TALK_SPARE_WORDS
