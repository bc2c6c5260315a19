"""What a question asks for (a number, a time, a person, a place, a reason), in any register.

The question words are read from normalised text, so أين / اين and formal / dialect forms
meet; the type then tells the sentence ranker what an answering sentence must contain.
Besides the bare question words (كم، متى، من …), the common formal Arabic phrasings that
ask for the same thing are read too: "في أي عام" and "ما السنة" ask for a time, "ما عدد" and
"ما نسبة" for a number, "في أي مدينة" for a place, "ما سبب" for a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from index.analysis import LEXICON_DIR, normalize, read_question_words, tokenize

NUMBER, TIME, PERSON, PLACE, REASON, MANNER, YESNO, OTHER = (
    "number", "time", "person", "place", "reason", "manner", "yesno", "other",
)

QUESTION_WORDS_FILE = LEXICON_DIR / "question_words.tsv"


@dataclass(frozen=True)
class QuestionLexicon:
    """The question-word table (lexicon/question_words.tsv), by role."""

    asks: dict[str, str]  # word -> kind it asks for
    heads: dict[str, str]  # noun after an introducing word -> kind it names
    introduces: frozenset[str]
    fillers: frozenset[str]
    prepositions: frozenset[str]
    what_words: frozenset[str]
    which_words: frozenset[str]
    auxiliaries: frozenset[str]
    follow_up: frozenset[str]
    name_words: frozenset[str]
    text_words: frozenset[str]
    start_words: frozenset[str]
    end_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> QuestionLexicon:
    by_role: dict[str, dict[str, str]] = {}
    for word, kind, role in read_question_words(QUESTION_WORDS_FILE):
        by_role.setdefault(role, {})[word] = kind
    words = lambda role: frozenset(by_role.get(role, {}))  # noqa: E731
    return QuestionLexicon(
        asks=by_role.get("asks", {}),
        heads=by_role.get("head", {}),
        introduces=words("introduces"),
        fillers=words("filler"),
        prepositions=words("preposition"),
        what_words=words("what"),
        which_words=words("which"),
        auxiliaries=words("auxiliary"),
        follow_up=words("follow_up"),
        name_words=words("name"),
        text_words=words("article"),
        start_words=words("start"),
        end_words=words("end"),
    )


# Number and time words are matched as whole words (after و/ب/ل/ال), with a few endings:
# a substring search would find الف in بالفعل and عام in عامل.
_NUMBER_STEMS = (
    "مليار", "مليون", "ملايين", "الف", "الاف", "مئه", "مايه", "مئات", "عشر", "عشرات", "نصف",
    "ربع", "ثلث", "ضعف", "اضعاف", "عقد", "عده", "بضع", "واحد", "اثن", "ثلاث", "اربع", "خمس",
    "سته", "ست", "سبع", "ثمان", "تسع", "عشرين", "ثلاثين", "اربعين", "خمسين", "مئوي", "بالمئه",
)
_TIME_STEMS = (
    "سنه", "سنوات", "سنين", "اعوام", "شهر", "اشهر", "شهور", "اسبوع", "اسابيع", "يوم", "ايام",
    "امس", "غدا", "قرن", "عقد", "عصر", "صباح", "مساء", "ساعه", "فتره", "منذ", "اواخر", "اوائل",
    "مطلع", "منتصف", "موعد", "تاريخ",
)
_WORD_ENDINGS = ("", "ه", "ات", "ين", "ون", "ا", "ي", "ها")
_WORD_PREFIXES = ("وبال", "وال", "بال", "لل", "ال", "و", "ب", "ل", "ف")
_NEXT_YEAR = ("المقبل", "الماضي", "القادم", "الحالي", "الجاري")


def _bare_words(text: str) -> list[str]:
    words = []
    for word in tokenize(text):
        for prefix in _WORD_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                break
        words.append(word)
    return words


def _has_word(words: list[str], stems: tuple[str, ...]) -> bool:
    return any(w[: len(w) - len(e)] in stems for w in words for e in _WORD_ENDINGS if w.endswith(e))


def _has_number_word(text: str) -> bool:
    return "%" in text or "$" in text or _has_word(_bare_words(text), _NUMBER_STEMS)


def _has_time_word(text: str) -> bool:
    """A time noun; عام only as "year" (عام 2013, العام المقبل), not as "general"."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens):
        if token in ("عام", "وعام") or (token in ("العام", "والعام") and tokens[i + 1 : i + 2] and tokens[i + 1] in _NEXT_YEAR):
            return True
    return _has_word(_bare_words(text), _TIME_STEMS)


_DIGIT = re.compile(r"\d")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b")
_MONTHS = re.compile(
    r"يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|\bاب\b|ايلول|تشرين"
)
WEAK = 0.3  # measured: 1.0 (old bool) 0.7227, 0.5 0.7235, 0.3 0.7252, 0.0 0.7261
_REASON_WORDS = re.compile(r"لان|بسبب|لذا|لكي|كي |من اجل|نتيجه|بعد ان|عندما|حتي|(?:^| )ل[يت]\S{2,}|سبب|ادي|ادت|بهدف|بغيه")


# "How" is answered by a means or a way: عن طريق، من خلال، بواسطة، باستخدام …
_MANNER_WORDS = re.compile(r"عن طريق|من خلال|بواسطه|باستخدام|بفضل|بطريقه|بشكل|وذلك ب|عبر|كانه")


@dataclass(frozen=True)
class QuestionType:
    kind: str
    # Numbers the question itself names: a sentence repeating them has not answered it.
    given: frozenset[str] = frozenset()

    @property
    def wants_type(self) -> bool:
        return self.kind in (NUMBER, TIME, REASON, MANNER)

    def satisfied_by(self, sentence: str) -> bool:
        return self.strength(sentence) > 0

    def strength(self, sentence: str) -> float:
        """How surely the sentence holds what is asked: 1.0 for a new number or year (or a
        month name), WEAK for a number word or a time noun (عام، يوم also mean "general",
        "day" in passing), 0.0 for nothing; 1.0 for a question that asks for no type."""
        return _strength(self, sentence)


@lru_cache(maxsize=16384)
def _strength(qtype: QuestionType, sentence: str) -> float:
    """QuestionType.strength, cached: every question of one kind weighs the same sentences."""
    text = normalize(sentence)
    if qtype.kind == NUMBER:
        # A year (في عام 2013) dates something; it does not count it.
        if _has_new_number(_DATED_YEAR.sub(" ", text), qtype.given):
            return 1.0
        return WEAK if _has_number_word(text) else 0.0
    if qtype.kind == TIME:
        if _has_new_number(text, qtype.given, _YEAR) or _MONTHS.search(text):
            return 1.0
        return WEAK if _has_time_word(text) else 0.0
    if qtype.kind == REASON:
        return 1.0 if _REASON_WORDS.search(text) else 0.0
    if qtype.kind == MANNER:
        return 1.0 if _MANNER_WORDS.search(text) else 0.0
    return 1.0


_DATED_YEAR = re.compile(r"(?:عام|سنه|العام|السنه)\s+(?:1[89]\d\d|20\d\d)\b")


def _has_new_number(text: str, given: frozenset[str], pattern: re.Pattern[str] = _NUMBER_TOKEN) -> bool:
    """Does the text hold a number (or year) other than those the question gave?"""
    return any(m.group() not in given for m in pattern.finditer(text))


def bare_question_word(token: str) -> str:
    """The token without a leading و when that makes it a question word (ومتى → متى)."""
    if token.startswith("و") and token[1:] in lexicon().asks:
        return token[1:]
    return token


def is_question_word(token: str) -> bool:
    """كم، متى، مين، where … (after normalisation; a leading و is allowed)."""
    return bare_question_word(token) in lexicon().asks


def _head_noun_kind(tokens: Sequence[str], i: int) -> str | None:
    """The kind asked by "أي/ما X" at position i ("في أي عام" → time), if any."""
    words = lexicon()
    if tokens[i] not in words.introduces:
        return None
    for token in tokens[i + 1 : i + 3]:
        noun = token[2:] if token.startswith("ال") else token
        kind = words.heads.get(noun)
        if kind is not None:
            return kind
        if token not in words.fillers:
            return None
    return None


def classify(question: str) -> QuestionType:
    """The question's type, from the first question word found (whatever its position)."""
    return classify_tokens(tuple(tokenize(normalize(question))))


_HOW_MUCH = ("many", "much")  # "how" followed by these asks a number


@lru_cache(maxsize=4096)
def classify_tokens(tokens: tuple[str, ...]) -> QuestionType:
    """classify() over normalised tokens (the reader's)."""
    words = lexicon()
    given = frozenset(t for t in tokens if t[0].isdigit())
    for i, token in enumerate(tokens):
        if i < 4:
            head_kind = _head_noun_kind(tokens, i)
            if head_kind is not None:
                return QuestionType(head_kind, given)
        bare = bare_question_word(token)
        if bare == "ايه" and i > 0 and tokens[i - 1] == "قد":
            return QuestionType(NUMBER, given)  # Egyptian "قد ايه": how much
        kind = words.asks.get(bare)
        if kind is None:
            # "من" is a question word only when it opens the question ("ومن" too).
            if bare in ("من", "ومن") and (i == 0 or (i == 1 and tokens[0] in words.prepositions)):
                # "مع من يتنافس", "ضد من": who, after a preposition too.
                # "من أي …" asks "from which …", not "who".
                after = tokens[i + 1] if i + 1 < len(tokens) else ""
                if after in ("اي", "ايه", "اجل") or is_question_word(after):
                    continue  # من متى / من وين: the next word says what is asked
                return QuestionType(PERSON, given)
            continue
        if kind == YESNO and i > 0:
            continue
        if kind == MANNER and i + 1 < len(tokens) and tokens[i + 1] in _HOW_MUCH:
            return QuestionType(NUMBER, given)  # "how many", "how much"
        return QuestionType(kind, given)
    return QuestionType(OTHER, given)
