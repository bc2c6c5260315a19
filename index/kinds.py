"""What each kind of question needs from a sentence: one table, one row per kind.

Like h11's _state.py, everything that varies by the kind asked lives here. A row says how
surely a sentence holds what the kind asks for (`holds`, read from the sentence's text),
how much that lifts the sentence at retrieval (`search_lift`), what the answer must hold
for the decision to quote it (`needs`), how many words after the question word name the
subject the answer must also hold (`subject_words`), the words after which a noun names what
the answer must use (`names_after`), and an optional finer test of the decision with its
lift (`answer_test`, `answer_lift`). Adding a kind is one row and one
small function; the question words that ask it are rows of lexicon/question_words.tsv.

Beside it, ATTRIBUTES: the attributes an article may tell without their word (an age by a
number before a unit, a nationality by a nisba beside the name), one row each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable

from index.analysis import LEXICON_DIR, normalize, tokenize
from index.questions import (
    DEFINITION, DURATION, MANNER, NUMBER, OTHER, PERSON, PLACE, PRICE, REASON, TIME, YESNO, QuestionType,
)
from index.wordtables import read_rows

# What the answer must hold (the decision reads these).
VALUE = "value"  # a number, a date or a span of time the question did not give
HELD = "held"  # what the kind's `holds` finds in a sentence (a cause or purpose for "why")
NAME = "name"  # someone the question does not name (when the article's names are known)
ANYTHING = "anything"

WEAK = 0.3  # measured: 1.0 (old bool) 0.7227, 0.5 0.7235, 0.3 0.7252, 0.0 0.7261 (XQuAD-ar sentence_hit@1)


@dataclass(frozen=True)
class Fit:
    """What the decision knows of one candidate sentence, for a row's answer test."""

    text: str  # the sentence as written
    matched: frozenset[str]  # the question's index terms it holds
    focus: str | None  # index term of the question's focus word
    analyze: Callable[[str], list[str]]  # the article's analyser
    names: frozenset[str]  # index terms naming people, organisations, products of the article
    vocabulary: frozenset[str]  # the article's index terms
    subject: frozenset[str] = frozenset()  # index terms of what a price is asked of (سعر السهم → سهم)
    counted: bool = False  # "how many" things (كم عدد الأعضاء، كم دولة), not a measure or a sum
    measure: str = ""  # the quantity asked (كم وزن الطائرة → وزن), normalised; "" for none
    measure_terms: frozenset[str] = frozenset()  # its index terms and the words of its root
    role: frozenset[str] = frozenset()  # the role asked after "who" (مين *رئيس* المعهد), its index term
    asked: frozenset[str] = frozenset()  # the first word asked about (ليش *اختاروا* …), with its root's words
    whole: bool = False  # the sentence covers the whole question
    counted_terms: frozenset[str] = frozenset()  # the counted noun's index terms and its root's words
    within: frozenset[str] = frozenset()  # the place a "which place" question asks within (مدينة *نمساوية*)
    two: bool = False  # the sentence holds the dual of the counted noun (حالتان: a count of two)
    # Whether an index term singles something out in the article (found in few paragraphs: a
    # place, a person), and the words after which a preposition links, not places (في ظل).
    singles_out: Callable[[str], bool] = lambda term: False
    connectives: frozenset[str] = frozenset()  # normalised
    unit_words: tuple[str, ...] = ()  # "كم طن": the units of the unit asked's roles (weight: طن، كيلو …)
    grain: str = ""  # the time a "which" question asks (في أي *ساعة*، أي *يوم*), normalised: TIME_GRAINS

    @cached_property
    def asked_at(self) -> tuple[int, ...]:
        """Where the words asked about stand among the sentence's bare words (_bare_written),
        found once a candidate for told_as_sequel, which reads them word by word."""
        return tuple(i for i, w in enumerate(_bare_written(self.text)) if self.asked.intersection(self.analyze(w)))


@dataclass(frozen=True)
class KindRow:
    holds: Callable[[str, frozenset[str]], float]  # (normalised sentence, numbers given) -> 0..1
    search_lift: float  # share of Params.type_bonus that `holds` adds at retrieval
    needs: str  # VALUE, NAME or ANYTHING
    subject_words: int = 0  # words after the question word the answer must hold too (0: none)
    answer_lift: float = 0.0  # decision's lift for a sentence passing answer_test
    answer_test: Callable[[Fit], bool] | None = None
    answer_must: Callable[[Fit], bool] | None = None  # a test the quoted sentence must pass
    must_misfit: str = ""  # the decision's name for a sentence failing answer_must
    # A role of lexicon/decision_words.tsv whose words, right after the question word, put
    # before a noun that the answer itself must use (من هو *رئيس* النادي، هل يوجد *لقاح*):
    # an article that never uses the noun cannot answer. "": none.
    names_after: str = ""
    # The word right after the question word names a role the answer must hold (مين *رئيس*
    # المعهد، مين *حارس* الاتحاد): an article that never uses it names no one in it.
    role_after: bool = False


# --- what a sentence holds ---------------------------------------------------------------
# Number and time words are matched as whole words (after و/ب/ل/ال), with a few endings:
# a substring search would find الف in بالفعل and عام in عامل. The words are matched against
# normalize's text, so they are listed as it writes them. A word that opens with a hamza'd alif
# before ل is the one hamza it keeps, so "thousand" is listed as normalize writes it (ألف,
# آلاف → ألاف) and as a reader who types no hamza does (الف, الاف): named once, for every list
# that holds it.
_THOUSAND = ("الف", "ألف")
_THOUSANDS = ("الاف", "ألاف")
_NUMBER_STEMS = (
    "مليار", "مليون", "ملايين", *_THOUSAND, *_THOUSANDS, "مايه", "عشر", "عشرات", "نصف",
    "ربع", "ثلث", "ضعف", "اضعاف", "عقد", "عده", "بضع", "واحد", "اثن", "ثلاث", "اربع", "خمس",
    "سته", "ست", "سبع", "ثمان", "تسع", "عشرين", "ثلاثين", "اربعين", "خمسين",
)
_TIME_STEMS = (
    "سنه", "سنوات", "سنين", "اعوام", "شهر", "اشهر", "شهور", "اسبوع", "اسابيع", "يوم", "ايام",
    "امس", "غدا", "قرن", "عقد", "عصر", "صباح", "ساعه", "فتره", "منذ", "اواخر",
    "مطلع", "منتصف", "موعد", "تاريخ",
)
UNITS_FILE = LEXICON_DIR / "units.tsv"
DECISION_WORDS_FILE = LEXICON_DIR / "decision_words.tsv"


@lru_cache(maxsize=1)
def decision_words() -> dict[str, tuple[str, ...]]:
    """lexicon/decision_words.tsv by role: the words the decision reads a question with."""
    roles: dict[str, list[str]] = {}
    for word, role in read_rows(DECISION_WORDS_FILE, 2):
        roles.setdefault(role, []).append(word)
    return {role: tuple(words) for role, words in roles.items()}


def words_of(role: str) -> tuple[str, ...]:
    return decision_words().get(role, ())


@lru_cache(maxsize=1)
def units() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """lexicon/units.tsv: the units of each role (money, duration, length …) and, for each
    quantity a question may ask (وزن، مساحه), the roles of the units that tell it."""
    by_role: dict[str, list[str]] = {}
    quantities: dict[str, tuple[str, ...]] = {}
    for word, what, roles in read_rows(UNITS_FILE, 3):
        word = normalize(word)  # matched in normalised text: المئة is written الميه there
        if what == "quantity":
            quantities[word] = tuple(roles.split(","))
            continue
        for role in roles.split(","):
            by_role.setdefault(role, []).append(word)
    return {role: tuple(words) for role, words in by_role.items()}, quantities


def _units(*roles: str) -> tuple[str, ...]:
    """The units of any of the roles, each once."""
    return tuple(dict.fromkeys(w for role in roles for w in units()[0].get(role, ())))


# Units a span of time is counted in (عام is left out: it also means "general").
_DURATION_UNITS = _units("duration")
_YEARS_WORD = "عام"
_WORD_ENDINGS = ("", "ه", "ات", "ين", "ون", "ا", "ي", "ها")
_WORD_PREFIXES = ("وبال", "وال", "بال", "لل", "ال", "و", "ب", "ل", "ف")
_NEXT_YEAR = ("المقبل", "الماضي", "القادم", "الحالي", "الجاري")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)(?:\b|(?=[مه]\b))")  # 2014، 2014م، 1436ه (Gregorian, Hijri)


# A year that dates what a text tells: a Gregorian year as written (1990, 2014), or another
# four-digit number written as a year (1436ه, عام 1436), not a count (1500 موظف).
_DATING_YEAR = re.compile(
    r"(?<![\d.,])(?:(19\d\d|20\d\d)|(1[0-9]\d\d)(?=[مه]\b))(?![\d]|[.,]\d)|(?:عام|سنه|العام|السنه)\s+(1[3-9]\d\d)\b"
)  # after و/ب/ف written on (و2015، فـ2013), not inside a number (2,014، 3.2015)


def dating_years(text: str) -> frozenset[str]:
    """The years that date normalised text (see _DATING_YEAR)."""
    return frozenset(next(g for g in m.groups() if g) for m in _DATING_YEAR.finditer(text))


def dated_as_asked(asked: frozenset[str], contexts: tuple[str, ...]) -> bool:
    """A sentence tells a value of a year asked when the nearest of its contexts that dates
    anything (the sentence, then its paragraph, its section heading, the article's headline;
    normalised) writes a year asked: a sentence on 2015 does not answer for 2014, nor one
    in a paragraph on 2015, while a sentence that writes no year is dated by its paragraph
    or its headline («سابك تحقق 1.6 مليار في الربع الثاني من 2015»). One dated by none says
    nothing of the year asked."""
    for text in contexts:
        years = dating_years(text)
        if years:
            return bool(years & asked)
    return False


_DATED_YEAR = re.compile(r"(?:عام|سنه|العام|السنه)\s+(?:1[3-9]\d\d|20\d\d)(?:\b|[مه]\b)")
TIME_WORDS_FILE = LEXICON_DIR / "time_words.tsv"


@lru_cache(maxsize=1)
def time_words() -> dict[str, tuple[str, ...]]:
    """lexicon/time_words.tsv by role (month, weekday, day, clock, ordinal), normalised."""
    roles: dict[str, list[str]] = {}
    for word, role in read_rows(TIME_WORDS_FILE, 2):
        words = roles.setdefault(role, [])
        key = normalize(word)
        if key not in words:
            words.append(key)
    return {role: tuple(words) for role, words in roles.items()}


def _whole_words(words: tuple[str, ...], then: str = "") -> re.Pattern[str]:
    """The words as whole words of normalised text, after و/ف and ب/ل (لـ+ال is لل), and
    followed by `then` when given: a month inside a word (يمارس) is no month."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        alternatives.append(re.escape(word))
        if word.startswith("ال"):
            alternatives.append("ل" + re.escape(word[1:]))  # لليوم، للشوط
    return re.compile(r"(?:^|(?<=[\s\"«(\-]))[وف]?[بلك]?(?:" + "|".join(alternatives) + r")(?=$|[\s.,،؛:!?؟\"»)\-])" + then)


@lru_cache(maxsize=1)
def _dating() -> re.Pattern[str]:
    """A month, a weekday, a day told from today or a time told from now (قريبا، الموسم
    المقبل): a sentence holding one dates something."""
    table = time_words()
    return _whole_words(
        table.get("month", ()) + table.get("weekday", ()) + table.get("day", ()) + table.get("relative", ())
    )


@lru_cache(maxsize=1)
def _clock() -> re.Pattern[str]:
    """A clock or match unit with its number or ordinal (في الدقيقة 35، الساعة العاشرة، الشوط الثاني)."""
    table = time_words()
    ordinals = "|".join(re.escape(w) for w in sorted(table.get("ordinal", ()), key=len, reverse=True))
    return _whole_words(table.get("clock", ()), then=r"\s+(?:\d|(?:" + ordinals + r")(?=$|[\s.,،؛:!?؟\"»)]))")
_PURPOSE = r"ل[يت]\S{2,}"  # لـ before a verb (ليقوم، لتعزيز): a purpose, or as often what followed
# Causal connectors of written Arabic (بسبب، لأن، نظرا لـ، جراء، على خلفية، يعود إلى، كونه …) and
# purpose (لكي، بهدف، لـ before a verb), matched as whole words after و/ف: inside a word,
# ادي is in اقتصادية, لان in إعلان, سبب in مسبب-less words like تسببت only as a stem.
_REASON_WORDS = re.compile(
    r"(?:^| )[وف]?(?:"
    r"لان|لانه|لانها|لانهم|بسبب|لذا|لذلك|لكي|كي|نتيجه|لنتيجه|عندما|حتي|ادي|ادت|يودي|تودي|بهدف|بغيه|جرا"
    r"|بدافع|بحكم|بفضل|اثر|(?:ال|ب|لل|ت|ي)?سبب\S*|(?:ال|لل)?اسباب\S*|" + _PURPOSE +
    r"|من اجل|بعد ان|ذلك بعد|نظرا? ل\S*|علي خلفيه|بما ان|ناتج عن|ناجم عن"
    r"|(?:يعود|تعود|يرجع|ترجع|عزا|عزت|يعزو|تعزو|ارجع|ارجعت|مرجعه|مرجعا)(?: \S+){0,8} (?:[اأ]لي|ل\S+)"
    # كونه، كونها، لكونه، لكون "for being, since it is": «كونها الأقرب إلى …»، «لكون المشروع يحتاج …»
    r"|ل?كون(?:ه|ها|هم|هما)|لكون"
    r")(?= |$)"
)
# "How" is answered by a means or a way: عن طريق، من خلال، بواسطة، باستخدام …
_MANNER_WORDS = re.compile(r"عن طريق|من خلال|بواسطه|باستخدام|بفضل|بطريقه|بشكل|وذلك ب|عبر|كانه")
# A span of time: since, for, throughout (منذ أشهر، لمدة عامين، طوال عقد، على مدى سنوات, for years).
_SPAN_WORDS = re.compile(r"(?:^| )(?:منذ|مذ|لمده|طوال|طيله|علي مدي|علي مدار|since|for the past)(?: |$)")


def _bare_words(text: str) -> list[str]:
    words = []
    for word in tokenize(text):
        for prefix in _WORD_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                break
        words.append(word)
    return words


def _is_word(word: str, stems: tuple[str, ...]) -> bool:
    return any(word[: len(word) - len(e)] in stems for e in _WORD_ENDINGS if word.endswith(e))


def _has_word(words: list[str], stems: tuple[str, ...]) -> bool:
    return any(_is_word(w, stems) for w in words)


# أثناء ("during") loses its hamza to normalisation and reads as اثنا ("two", of اثنا عشر):
# it is that number only before عشر.
_DURING = "اثنا"


def _has_number_word(text: str) -> bool:
    words = _bare_words(text)
    words = [w for i, w in enumerate(words) if w != _DURING or words[i + 1 : i + 2] in (["عشر"], ["عشره"])]
    return "%" in text or "$" in text or _has_word(words, _NUMBER_STEMS)


def _has_time_word(text: str) -> bool:
    """A time noun; عام only as "year" (عام 2013, العام المقبل), not as "general"."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens):
        if token in ("عام", "وعام") or (token in ("العام", "والعام") and tokens[i + 1 : i + 2] and tokens[i + 1] in _NEXT_YEAR):
            return True
    return _has_word(_bare_words(text), _TIME_STEMS)


def _has_new_number(text: str, given: frozenset[str], pattern: re.Pattern[str] = _NUMBER_TOKEN) -> bool:
    """Does the text hold a number (or year) other than those the question gave?"""
    return any(m.group() not in given for m in pattern.finditer(text))


def holds_number(text: str, given: frozenset[str]) -> float:
    # A year (في عام 2013) dates something; it does not count it.
    if _has_new_number(_DATED_YEAR.sub(" ", text), given):
        return 1.0
    return WEAK if _has_number_word(text) else 0.0


@lru_cache(maxsize=8192)
def holds_time(text: str, given: frozenset[str]) -> float:
    # Cached: the decision asks it again of each candidate sentence (dates_the_asked), and of
    # the words after each place preposition (names_a_place).
    if _has_new_number(text, given, _YEAR) or _dating().search(text) or _clock().search(text):
        return 1.0
    return WEAK if _has_time_word(text) else 0.0


def holds_duration(text: str, given: frozenset[str]) -> float:
    """A span: منذ / لمدة / طوال …, or a count of units (ثلاث سنوات، 12 عاما، عقدا); a unit
    alone (سنوات، أشهر) may be one, weakly."""
    if _SPAN_WORDS.search(text):
        return 1.0
    words = _bare_words(text)
    for count, unit in zip(words, words[1:]):
        if (count[0].isdigit() and count not in given or _is_word(count, _NUMBER_STEMS)) and _is_word(unit, _DURATION_UNITS):
            return 1.0
        # "30 عاماً": its tanween alif gone, عاما reads عام, which the units leave out (عام is also
        # "general"); after a count that is no year it is a span of years.
        if count[0].isdigit() and count not in given and unit == _YEARS_WORD and not _YEAR.fullmatch(count):
            return 1.0
    return WEAK if _has_word(words, _DURATION_UNITS) else 0.0


def holds_reason(text: str, given: frozenset[str]) -> float:
    return 1.0 if _REASON_WORDS.search(text) else 0.0


_CAUSE_ONLY = re.compile(_REASON_WORDS.pattern.replace("|" + _PURPOSE, ""))


@lru_cache(maxsize=8192)
def holds_cause(text: str) -> bool:
    """A cause connector of the normalised text, not a bare لـ before a verb (… ليستقر سعرها
    عند …), which tells what followed as often as why."""
    return bool(_CAUSE_ONLY.search(text))


def holds_manner(text: str, given: frozenset[str]) -> float:
    return 1.0 if _MANNER_WORDS.search(text) else 0.0


# A sum of money: a currency sign or word next to a number (14.3 مليار دولار، $100، 69 دولارا).
_CURRENCY = _units("money")
_MONEY = frozenset(_CURRENCY)
_SIGNS = re.compile(r"[$€£]\s?\d|\d\s?[$€£]")
_AMOUNT_WINDOW = 3  # words between a number and its currency word (14.3 مليار دولار)
_PRICE_DISTANCE = 5  # words between the sum and what it is the price of


def _money_at(words: list[str]) -> list[int]:
    """Positions of words that state a sum of money."""
    at = []
    for i, word in enumerate(words):
        if _SIGNS.search(word):
            at.append(i)
        elif _is_word(word, _CURRENCY) and any(w[:1].isdigit() or _is_word(w, _NUMBER_STEMS) for w in words[max(0, i - _AMOUNT_WINDOW) : i]):
            at.append(i)
    return at


@lru_cache(maxsize=4096)
def _money_in(text: str) -> tuple[int, ...]:
    """Where the sums of money stand among the words of the text, normalised (_money_at).
    Cached: a pure function of the sentence, which prices_subject reads for each price question
    it is a candidate of (a regex search or two a word)."""
    return tuple(_money_at(_bare_words_keep_signs(normalize(text))))


def holds_price(text: str, given: frozenset[str]) -> float:
    return 1.0 if _money_at(_bare_words_keep_signs(text)) else 0.0


# What clings to a written word. The tests strip it from normalised text, where the quotes
# (« » “ ”) are already ", so one list serves them all (and the decision, bot.core.verdict).
PUNCTUATION = ".,،؛;:!?؟«»\"'()[]“”"


def _bare_words_keep_signs(text: str) -> list[str]:
    """Words without ب/ال and the punctuation that clings to them (ريال، → ريال), signs kept
    ($100); ال stays where it is the word (الف, a thousand)."""
    words = []
    for word in text.split():
        if not _SIGNS.search(word):
            word = word.strip(PUNCTUATION).removeprefix("ب")
            if word.startswith("ال") and len(word) > 4:
                word = word[2:]
        words.append(word)
    return words


def prices_subject(fit: Fit) -> bool:
    """A price must be of the thing asked about: the sum stands near a word naming it; a
    sentence that holds the whole question holds the thing too, however long the list between
    it and the sum (…، بتكلفة 800 مليون ريال). A sum that a price word names the thing of
    («سعر الدقيق عند 22 ريالا») is the price of that thing: when every sum of the sentence is
    named so, and none of the thing asked, the sentence prices something else, even if it
    holds the whole question ("كم سعر الخبز؟" of «سعر الدقيق عند 22 ريالا …، موضحاً أن الخبز …»)."""
    if not fit.subject:
        return True
    words = normalize(fit.text).split()
    money = _money_in(fit.text)
    priced = [_priced_by(words, i, fit) for i in money]
    if priced and all(p is False for p in priced):
        return False
    if fit.whole or any(priced):
        return True
    named = [i for i, w in enumerate(words) if fit.subject.intersection(fit.analyze(w))]
    return any(abs(i - j) <= _PRICE_DISTANCE for i in money for j in named)


# The price words a sum is named by, normalised: in the construct state, without ال and before
# a definite noun, the word names what is priced («سعر الدقيق عند 22 ريالا»); «بتكلفة إجمالية
# قدرت بـ …» and «التكلفة الإجمالية» name nothing (an adjective follows), nor does «كلفته» (a pronoun).
_PRICE_NOUNS = ("سعر", "اسعار", "ثمن", "اثمان", "تكلفه", "كلفه", "تكاليف", "رسوم", "اجره")
_CONSTRUCT_PREFIXES = ("و", "ب", "ل", "ف", "وب", "ول", "فب")


def _priced_by(words: list[str], at: int, fit: Fit) -> bool | None:
    """Whether the sum at `at` is the price of the thing asked, by a price word in the construct
    state before it within _PRICE_DISTANCE words: True when the definite noun it is joined to
    names the thing, False when it names something else the article uses, None when no price
    word names the sum's thing."""
    for p in range(at - 1, max(-1, at - 1 - _PRICE_DISTANCE), -1):
        bare = words[p].strip(PUNCTUATION)
        if p + 1 < at and (bare in _PRICE_NOUNS or any(bare.startswith(c) and bare[len(c) :] in _PRICE_NOUNS for c in _CONSTRUCT_PREFIXES)):
            owner = words[p + 1].strip(PUNCTUATION)
            if not owner.startswith(("ال", "لل")):
                return None
            terms = fit.analyze(owner)
            if fit.subject.intersection(terms):
                return True
            return False if any(t in fit.vocabulary for t in terms) else None
        if words[p].endswith(tuple(",،؛;:")):
            return None  # a clause closes between them
    return None


# A count is told in things (22 لاعبا، 46 بوابة، خمس حزم), not in money, shares, measures or
# time: a number such a unit follows (ثلاثة ملايين برميل، 89%، 25 سنة، بـ20 ريالا) counts nothing.
_MEASURE_ROLES = ("money", "duration", "length", "weight", "measure")
_MEASURE_UNITS = _units(*_MEASURE_ROLES)
_GROUP = (*_THOUSAND, *_THOUSANDS, "مليون", "ملايين", "مليار", "مليارات", "نحو", "حوالي")  # words of one number (3 ملايين)


def counts_things(fit: Fit) -> bool:
    """"How many (things)": the sentence holds a number that may count them, one that no
    unit of money, share, measure or time follows, or the counted noun's dual (حالتان). A year
    (عام 2014، 2014م) dates, it counts nothing; a number word with the article (العشرات من
    المواقع، الأيام الأربعة) is a rank or a period."""
    if not fit.counted:
        return True
    bare, numbers = _countable(fit.text)
    if not numbers:
        return fit.two
    words = list(bare)
    for i in numbers:
        if "%" in words[i] or _either(re.sub(r"[\d.,]+", "", words[i]), _MEASURE_UNITS):
            continue  # 89%، 2كم، 110.000م2
        j = i + 1
        while j < len(words) and (_either(words[j], _GROUP) or _NUMBER_TOKEN.fullmatch(words[j])):
            j += 1
        following = words[j] if j < len(words) else ""
        if _YEAR.fullmatch(words[i]) and not (following and fit.analyze(following)):
            continue  # بعد 2008: a year, not a count (2000 سيارة is one)
        share = following == "في" and j + 1 < len(words) and _either(words[j + 1], _SHARE)
        if not (share or following == "%" or _either(following, _MEASURE_UNITS)) and _counts_the_noun(fit, words, i, j):
            return True
    return False


@lru_cache(maxsize=4096)
def _countable(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words of the text without their punctuation (years dated taken out), and where a
    number stands among them that may count something (_may_count). Cached: a pure function of
    the sentence, which counts_things reads for each "how many" question it is a candidate of."""
    written = [w for w in _DATED_YEAR.sub(" ", normalize(text)).split() if w.strip(PUNCTUATION)]
    words = [w.strip(PUNCTUATION) for w in written]
    return tuple(words), tuple(i for i in range(len(words)) if _may_count(words, written, i))


def _may_count(words: list[str], written: list[str], i: int) -> bool:
    """words[i] is a number that may count something: digits (not a year, 2014م, nor the end of
    a quoted name, «بوينغ 737») or a number word, not with the article (a period or a rank:
    الربع الثاني، العشرات), not a share, not "several" (عدة، بضع), nor a plural magnitude with
    no number before it (ملايين المسافرين: "many")."""
    w = words[i]
    if _NUMBER_TOKEN.search(w):
        return not _YEAR_WRITTEN.search(w) and not written[i].rstrip(".,،؛;:!?؟").endswith(_CLOSING_QUOTES)
    return (
        _either(w, _NUMBER_STEMS) and not w.startswith(("ال", "وال", "بال", "لل")) and w not in _SHARE
        and w != _DURING and not _either(w, _SOME) and not (_either(w, _MAGNITUDES) and not _counted_before(words, i))
    )


# Plural magnitudes (ملايين المسافرين، آلاف الزوار) without a number before them are "many", no count.
_MAGNITUDES = ("ملايين", *_THOUSANDS, "عشرات", "مليارات")


def _counted_before(words: list[str], i: int) -> bool:
    """A number (digits or a number word) right before words[i] (ثلاثة ملايين، 3 آلاف)."""
    return i > 0 and _is_number(words[i - 1])


def _is_number(word: str) -> bool:
    """Digits or a number word (ثلاثة، ملايين), as written or behind a clitic."""
    return bool(_NUMBER_TOKEN.search(word)) or _either(word, _NUMBER_STEMS)


_CLOSING_QUOTES = ("»", "”", '"')
_SOME = ("عده", "بضع", "بضعه")  # "several", "a few" (عدة ثغرات): no count of them


COUNT_REACH = 4  # words from a count to the noun it counts (بلغ عدد الزوار 5000، 22 لاعبا)


def _counts_the_noun(fit: Fit, words: list[str], start: int, end: int) -> bool:
    """The number (words start..end) stands by the noun counted, or a word of its root."""
    if not fit.counted_terms:
        return True
    near = words[max(0, start - COUNT_REACH) : end + 1 + COUNT_REACH]
    if any(fit.counted_terms.intersection(fit.analyze(w)) for w in near):
        return True
    # "عدد الانتصارات"، "يصل عدد الدلالين … إلى 75 موظفا": the sentence tells the noun's count.
    return any(
        _either(w, _count_words()) and fit.counted_terms.intersection(fit.analyze(following))
        for w, following in zip(words, words[1:])
    )


@lru_cache(maxsize=1)
def _count_words() -> tuple[str, ...]:
    """The count row of lexicon/decision_words.tsv ("the number of": عدد), normalised."""
    return tuple(normalize(w) for w in words_of("count"))


_SHARE = _units("share")  # في المئة، في المائة (without ال)


def share_at(words: list[str]) -> frozenset[int]:
    """The positions of the written words that tell a share (2.75%، 89 %، بنسبة 2 في المائة,
    the number and its sign or في المئة), not a count, a sum or a measure."""
    bare = [normalize(w).strip(PUNCTUATION) for w in words]
    at: set[int] = set()
    for i, word in enumerate(bare):
        if not _NUMBER_TOKEN.search(word):
            continue
        if "%" in word:
            at.add(i)
        elif bare[i + 1 : i + 2] == ["%"]:
            at.update((i, i + 1))
        elif bare[i + 1 : i + 2] == ["في"] and i + 2 < len(bare) and _either(bare[i + 2], _SHARE):
            at.update((i, i + 1, i + 2))
    return frozenset(at)


def is_measure_unit(word: str) -> bool:
    """A unit of money, time, length, weight or another measure (متر، مترا، ريال، سنوات)."""
    return _either(normalize(word), _MEASURE_UNITS)

# A quantity asked (كم وزن، كم مساحة) is told by its own word (بمساحة 12000 متر مربع، وزنها)
# or by a number in one of its units (يمتد 5 كم); the quantities without units here must be named.
# A word the article never uses is asked all the same: its units still tell it.
MEASURE_UNITS: dict[str, tuple[str, ...]] = {quantity: _units(*roles) for quantity, roles in units()[1].items()}


def measures_it(fit: Fit) -> bool:
    """"كم وزن الطائرة": the sentence names the quantity asked (any word of its root: وزنها،
    بمساحة) or gives a number in one of its units; a number of something else (بوينغ 737) is
    no weight."""
    if not fit.measure:
        return True
    words = [w for w in _bare_written(fit.text) if w]
    # The quantity's word tells it with its value beside it (بمساحة 12000 متر مربع، يبلغ طوله 33
    # كلم); without one it only mentions it («وتوفير مساحة كافية للحقل»).
    if any(fit.measure_terms.intersection(fit.analyze(w)) and _number_near(words, i) for i, w in enumerate(words)):
        return True
    return _in_units_of(fit.text, fit.measure)


@lru_cache(maxsize=4096)
def _in_units_of(text: str, measure: str) -> bool:
    """The text gives a number in one of the measure's units (measures_it). Cached: a pure
    function of the sentence and the quantity, asked of each candidate of each question that
    asks the quantity (two regex searches a word)."""
    words = [w for w in _bare_written(text) if w]
    units = MEASURE_UNITS.get(measure, ())
    for i, word in enumerate(words):
        if _SIGNS.search(word) and _MONEY.intersection(units):
            return True  # $100، 14.3$: a sum in a unit of money, as holds_price reads it
        if _NUMBER_TOKEN.search(word):
            rest = re.sub(r"[\d.,]+", "", word)
            if rest and _either(rest, units) or any(_either(w, units) for w in words[i + 1 : i + 3]):
                return True
    return False


# Words from a quantity's word back to a value before it (33 كلم طولا) and on to its value after
# it, past the phrase of what it measures (حجم القمح المستورد منذ بداية العام حتى الآن، بلغ نحو مليوني طن).
MEASURE_BEFORE = 4
MEASURE_AFTER = 12


def _number_near(words: list[str], at: int) -> bool:
    """A number (digits or a number word) near words[at]: MEASURE_BEFORE words before it or
    MEASURE_AFTER after it."""
    near = words[max(0, at - MEASURE_BEFORE) : at + MEASURE_AFTER + 1]
    return any(_is_number(w) for w in near)


def answers_how_many(fit: Fit) -> bool:
    """A number question's answer: a count of things for "how many" things, the quantity
    asked for "how much" of a measure, a number in the unit asked for "how many tons"."""
    return counts_things(fit) and measures_it(fit) and gives_the_unit(fit)


# The roles of units a "كم + unit" question asks a number in (كم طن، كم متر، كم كيلو): the
# quantity the unit measures. Not time (a duration's own row), money (a price's) or counts.
UNIT_ASKED_ROLES = ("weight", "length", "area")


@lru_cache(maxsize=4096)
def unit_asked_words(word: str) -> tuple[str, ...]:
    """The units sharing a role of UNIT_ASKED_ROLES with the word after "how many" (طن, طناً,
    مترا), normalised; () when it is no such unit. Cached: a pure function of one word, which
    tests it against every unit of three roles (some 120 µs), asked again of each message that
    asks "how many" with it."""
    by_role = units()[0]
    bare = normalize(word).strip(PUNCTUATION)
    roles = [r for r in UNIT_ASKED_ROLES if any(_is_word(bare, (u,)) for u in by_role.get(r, ()))]
    return _units(*roles) if roles else ()


def gives_the_unit(fit: Fit) -> bool:
    """"كم طن سمك تصدر جازان": the sentence gives a number in a unit of the quantity asked
    (نحو مليوني طن، 505 آلاف طن، 33 كلم); prices and counts of other things do not answer."""
    if not fit.unit_words:
        return True
    words = [w for w in _bare_written(fit.text) if w]
    for i, word in enumerate(words):
        if not _is_number(word):
            continue
        rest = re.sub(r"[\d.,]+", "", word) if _NUMBER_TOKEN.search(word) else ""
        j = i + 1
        while j < len(words) and (_either(words[j], _GROUP) or _NUMBER_TOKEN.fullmatch(words[j])):
            j += 1
        if rest and _either(rest, fit.unit_words) or any(_either(w, fit.unit_words) for w in words[j : j + 2]):
            return True
    return False


@lru_cache(maxsize=65536)
def _either(word: str, stems: tuple[str, ...]) -> bool:
    """The word, as written or without the clitics before it (وبال، و، ب، ل), is one of the stems:
    برميل is no ب + رميل, بعشرين is ب + عشرين. Cached: the decision reads every word of each
    candidate sentence so, for each of its tests."""
    return _is_word(word, stems) or any(
        word.startswith(p) and len(word) - len(p) >= 2 and _is_word(word[len(p) :], stems) for p in _WORD_PREFIXES
    )


_YEAR_WRITTEN = re.compile(r"^\D{0,3}(?:1[3-9]\d\d|20\d\d)(?:م|ه|هـ)$")  # 2014م، 1436هـ


def holds_anything(text: str, given: frozenset[str]) -> float:
    return 1.0


def holds_the_role(fit: Fit) -> bool:
    """"مين رئيس معهد البحوث": a sentence without the role word (or one of its root) names no
    one in the role, whoever else it names."""
    if not fit.role:
        return True
    words = fit.text.split()
    return any(fit.role.intersection(fit.analyze(w)) and not governed_by_deputy(words, i) for i, w in enumerate(words))


def governed_by_deputy(words: list[str], at: int) -> bool:
    """The role word at `at` is the second term of a construct whose head is a deputy noun
    (decision role `deputy`: مساعد الرئيس التنفيذي، ونائب رئيس المجلس): the phrase names the
    deputy, so the name beside it is not the role's holder."""
    before = normalize(words[at - 1]).strip(PUNCTUATION) if at > 0 else ""
    return before in _deputies() or before[:1] in "وف" and before[1:] in _deputies()


@lru_cache(maxsize=1)
def _deputies() -> frozenset[str]:
    return frozenset(normalize(w) for w in words_of("deputy"))


def explains_the_asked(fit: Fit) -> bool:
    """"ليش اختاروا الأفلاج": a cause connector (لأن، بسبب، يعود إلى) answers where it stands; a
    bare لـ before a verb (لتشغيل، لتفعيل) tells the purpose of the sentence's own deed, which
    answers only when that deed is the one asked about (its word or one of its root). Not a
    sentence telling the deed only as what something followed (told_as_sequel)."""
    if not fit.asked:
        return True
    if told_as_sequel(fit):
        return False
    return holds_cause(normalize(fit.text)) or bool(fit.asked & _terms_of(fit))


def dates_the_asked(fit: Fit) -> bool:
    """"متى تبدأ الامتحانات": a date (a year, a month, a weekday, a time from now) answers; a
    time word alone (الأيام الأولى، سنوات) only in a sentence telling the deed asked (its word
    or one of its root). Not a sentence telling the deed only as what something followed
    (told_as_sequel): its date is the later event's."""
    if fit.grain in TIME_GRAINS and not TIME_GRAINS[fit.grain](normalize(fit.text)):
        return False  # a coarser time than asked (الأسبوع المقبل for "أي يوم", هذا العام for "أي ساعة")
    if not fit.asked:
        return True
    if told_as_sequel(fit):
        return False
    held = bool(fit.asked & (_terms_of(fit) | fit.matched))
    if not held and fit.asked & fit.vocabulary:
        return False  # the article tells the deed by a word of its root: a date without one is another deed's
    return holds_time(normalize(fit.text), frozenset()) >= 1.0 or held


_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")  # 10:30، 9.00
_DAY_DATE = re.compile(r"\b\d{1,2}\s*[/\-]\s*\d{1,2}\s*[/\-]\s*\d{2,4}\b")  # 25 / 10 / 1436


def _tells_hour(text: str) -> bool:
    """A clock time: a clock unit with its number or ordinal (الساعة العاشرة، في الدقيقة 35) or 10:30."""
    return bool(_clock().search(text) or _CLOCK_TIME.search(text))


@lru_cache(maxsize=1)
def _day_of_month() -> re.Pattern[str]:
    """A day's number before a month (5 يوليو، 9 من سبتمبر)."""
    months = "|".join(re.escape(w) for w in sorted(time_words().get("month", ()), key=len, reverse=True))
    return re.compile(r"\d{1,2}\s+(?:من\s+)?(?:شهر\s+)?[بل]?(?:" + months + r")")


def _tells_day(text: str) -> bool:
    """A day: a weekday, a day told from today (أمس، غدا، اليوم), a day of a month, a full date,
    or a clock time."""
    table = time_words()
    days = _whole_words(table.get("weekday", ()) + table.get("day", ()))
    return bool(days.search(text) or _day_of_month().search(text) or _DAY_DATE.search(text)) or _tells_hour(text)


def _tells_month(text: str) -> bool:
    """A month's name, or a finer time."""
    return bool(_whole_words(time_words().get("month", ())).search(text)) or _tells_day(text)


# The grain of time a "which" question asks (في أي ساعة، أي يوم، في أي شهر), normalised, and
# the test of a sentence telling a time that fine: a coarser one does not answer it. A year is
# left to the kind's own test (a month told alone may be this year's).
TIME_GRAINS: dict[str, Callable[[str], bool]] = {
    "ساعه": _tells_hour, "hour": _tells_hour,
    "يوم": _tells_day, "تاريخ": _tells_day, "day": _tells_day, "date": _tells_day,
    "شهر": _tells_month, "month": _tells_month,
}


# Words that place an event before or after another (بعد توقيع الاتفاق، قبل لقاء السوبر،
# عقب المباراة), normalised (not إثر: normalised it is أثر, "effect"); and how many words after
# them the other event's word may stand (بعد قيامه بطعن …).
_SEQUENCE_WORDS = ("بعد", "قبل", "عقب")
SEQUENCE_REACH = 2


def told_as_sequel(fit: Fit) -> bool:
    """The sentence holds the deed asked (its word or one of its root) only right after a
    word of sequence before a verbal noun (… أعلن أمس … بعد توقيع اتفاق تاريخي، ارتفعت الأسعار
    بعد توقف الواردات):
    it tells what happened after or before the deed, so its date and its causes are that
    other event's, not the deed's."""
    words = list(_bare_written(fit.text))  # a list: its slices are compared with lists
    at = fit.asked_at
    if not at:
        return False
    sequence = {p + w for w in _SEQUENCE_WORDS for p in ("", "و", "ف")}
    # Before أن (بعد أن انخفضت الأسهم … في أواخر أكتوبر) it opens a clause of its own, which
    # may date or explain its deed; before a verbal noun (بعد توقيع اتفاق) it tells no more of it.
    return all(
        any(w in sequence and words[j + 1 : j + 2] != ["ان"] for j, w in enumerate(words[: i]) if j >= i - SEQUENCE_REACH)
        for i in at
    )


@lru_cache(maxsize=4096)
def _bare_written(text: str) -> tuple[str, ...]:
    """The words of the normalised text as written, without the punctuation that clings to
    them (cached: the decision's tests read each candidate sentence again)."""
    return tuple(w.strip(PUNCTUATION) for w in normalize(text).split())


def _terms_of(fit: Fit) -> set[str]:
    return {t for w in fit.text.split() for t in fit.analyze(w)}


# --- finer tests of the decision ------------------------------------------------------
_CAUSE_WORDS = frozenset({"لان", "لانه", "لانها", "بسبب", "لذا", "لذلك", "لكي", "كي", "بهدف", "نتيجه"})
_APPOSITION = re.compile(r"\S\s+[-–—:]\s+\S")


def gives_reason(fit: Fit) -> bool:
    """A cause (لأن، بسبب، لذا) or a purpose: لـ before a verb or verbal noun the article
    uses (ليقوم، لبناء، لملاحقة), not before a name (ليكون، لميتا)."""
    for word in tokenize(normalize(fit.text)):
        if word in _CAUSE_WORDS:
            return True
        if len(word) >= 4 and word[0] == "ل" and word[1] != "ل":
            terms = fit.analyze(word[1:])
            if terms and terms[0] not in fit.names and terms[0] in fit.vocabulary:
                return True
    return False


# As the other rows' lifts (all sets: 0.1 no change, 0.3 and 0.5 one follow-up more, 1.0 one
# dev-article answer fewer).
PLACE_LIFT = 0.3
PLACE_PREPOSITIONS = frozenset({"في", "ألي", "الي", "داخل", "نحو", "عند"})  # normalised (إلى → ألي; الى → الي)


def names_a_place(fit: Fit) -> bool:
    """"ووين كان؟": a place preposition before a word that names somewhere, not asked: a name
    of the article, or a word found in few of its paragraphs (في موسكو، إلى كوهير), not a
    common word of the report ("في أسعار النفط"), a time (في الدقيقة 71، في الشوط الثاني) or a
    connective (في ظل، إلى جانب). The place's name may follow a head noun (في جامعة راش)."""
    words = tokenize(normalize(fit.text))
    for i, word in enumerate(words):
        if word not in PLACE_PREPOSITIONS:
            continue
        following = words[i + 1 : i + 1 + PLACE_WORDS]
        if holds_time(" ".join(following), frozenset()) or following[:1] and following[0] in fit.connectives:
            continue
        for after in following:
            terms = fit.analyze(after)
            if not terms or terms[0] in fit.matched:
                break  # a function word (إلى أن …) or the thing asked (إلى المباراة النهائية): no place
            if terms[0] in fit.names or fit.singles_out(terms[0]):
                return True
    return False


PLACE_WORDS = 2  # words after a place preposition that may name the place


def names_a_finer_place(fit: Fit) -> bool:
    """"في أي مدينة نمساوية"، "بأي ولاية أمريكية": a question naming the place it asks within
    is not answered by a sentence that names only that place (في النمسا، بالولايات المتحدة):
    it must name somewhere else too (names_a_place), the finer place asked."""
    return not fit.within or names_a_place(fit)


def explains_focus(fit: Fit) -> bool:
    """"X - …", "X: …": the sentence sets the focus word off to explain it."""
    return fit.focus is not None and fit.focus in fit.matched and bool(_APPOSITION.search(fit.text))


# --- the table ------------------------------------------------------------------------
KINDS: dict[str, KindRow] = {
    # "How many" things is not answered by a sum, a share or a measure (89% of jobs is no count of
    # staff), nor "how heavy" by another number (بوينغ 737).
    NUMBER: KindRow(holds_number, search_lift=1.0, needs=VALUE, subject_words=3, answer_must=answers_how_many, must_misfit="value_of_other"),
    # A price needs a sum of money near the thing priced (a share's 12.6% fall is no price).
    PRICE: KindRow(holds_price, search_lift=1.0, needs=VALUE, answer_must=prices_subject, must_misfit="price_of_other"),
    TIME: KindRow(holds_time, search_lift=1.0, needs=VALUE, subject_words=3, answer_must=dates_the_asked, must_misfit="undated"),
    DURATION: KindRow(holds_duration, search_lift=1.0, needs=VALUE, subject_words=3),
    PERSON: KindRow(
        holds_anything, search_lift=0.0, needs=NAME, names_after="pronoun", role_after=True,
        answer_must=holds_the_role, must_misfit="role_missing",
    ),
    # Places are not told apart from other names yet: any name, or none, may answer.
    # A place asked within another the question names (أي مدينة نمساوية) must be a finer one.
    PLACE: KindRow(
        holds_anything, search_lift=0.0, needs=ANYTHING, answer_lift=PLACE_LIFT, answer_test=names_a_place,
        answer_must=names_a_finer_place, must_misfit="place_not_finer",
    ),
    # A purpose (لـ before a verb) answers "why" of its own deed only: ليش نقص الإنتاج is not
    # answered by «… تنفيذ المهرجانات لتفعيل هذا الحدث».
    REASON: KindRow(
        holds_reason, search_lift=1.0, needs=HELD, answer_lift=0.3, answer_test=gives_reason,
        answer_must=explains_the_asked, must_misfit="purpose_of_other",
    ),
    MANNER: KindRow(holds_manner, search_lift=1.0, needs=ANYTHING),
    YESNO: KindRow(holds_anything, search_lift=0.0, needs=ANYTHING, subject_words=1, names_after="exists"),
    # "What is X" is a form more than a kind: its row applies beside the kind asked.
    DEFINITION: KindRow(holds_anything, search_lift=0.0, needs=ANYTHING, answer_lift=0.3, answer_test=explains_focus),
    OTHER: KindRow(holds_anything, search_lift=0.0, needs=ANYTHING),
}


def row_of(kind: str) -> KindRow:
    return KINDS.get(kind, KINDS[OTHER])


@lru_cache(maxsize=16384)
def strength(qtype: QuestionType, sentence: str) -> float:
    """How surely the sentence holds what the kind asks for; cached: every question of one
    kind weighs the same sentences."""
    return row_of(qtype.kind).holds(normalize(sentence), qtype.given)


# --- attributes told without their word -------------------------------------------------
# News style tells some attributes (lexicon/decision_words.tsv, role attribute) beside the name
# of the one they are of, without their word: an age as a number before a unit of age («دانييل
# كفيات (21 عاما)»), a nationality by a nisba («السائق الألماني سيباستيان فيتيل»). A row says how
# a sentence holding the name tells its attribute; the decision (bot.core.verdict) reads the
# table where an article never uses the attribute's word.
NISBA_BESIDE_NAME = 2  # words between a name and the nisba that tells its nationality
AGE_AFTER_NAME = 4  # words between the name and the number of an age told after it
_NUMBER_WORD = re.compile(r"\(?[0-9٠-٩]+")
_GLUED_NUMBER = re.compile(r"(?<=[^\s(0-9٠-٩])([0-9٠-٩]+)")  # أمضى30 عاماً


@dataclass(frozen=True)
class AttributeRow:
    # (the sentence as written, whether a normalised written word is one of the name's) ->
    # the sentence tells the attribute of the one so named
    tells: Callable[[str, Callable[[str], bool]], bool]
    answers: bool = False  # a sentence so telling it is the answer, quoted first
    glossed: bool = False  # an English word FreeDict glosses with the attribute's word asks it too


@lru_cache(maxsize=1)
def _age_units() -> tuple[frozenset[str], frozenset[str]]:
    """The units units.tsv gives عمر, and the units of a span of time (tells_age)."""
    unit_words = frozenset(_units(*units()[1].get("عمر", ())))
    # Normalising drops the accusative's ا with its tanween (عاماً → عام): a span's unit so written too.
    spans = frozenset(w for u in _DURATION_UNITS for w in (u, u.removesuffix("ا")))
    return unit_words, spans


def tells_age(text: str, of_name: Callable[[str], bool]) -> bool:
    """A number before a unit units.tsv gives عمر (عاما، سنة، ربيعا) within AGE_AFTER_NAME words
    after the name: «فونييني (28 عاما)»، «المروج ذي الـ70 ربيعا». A unit that also counts a span
    of time (أمضى 30 عاماً في المهنة) tells an age only in the aside after a name; one of age
    alone (ربيعا) anywhere after it."""
    unit_words, spans = _age_units()
    written = _GLUED_NUMBER.sub(r" \1", normalize(text)).split()
    for i, (a, b) in enumerate(zip(written, written[1:])):
        unit = b.strip(PUNCTUATION)
        if not any(of_name(w) for w in written[max(0, i - AGE_AFTER_NAME) : i]):
            continue
        if not _NUMBER_WORD.fullmatch(a.strip(PUNCTUATION)) or unit not in unit_words:
            continue
        if unit not in spans or (a.startswith("(") and b.endswith(")")):
            return True
    return False


def tells_nationality(text: str, of_name: Callable[[str], bool]) -> bool:
    """A nisba of the table (index/language/data/ar_nisba.tsv) within NISBA_BESIDE_NAME words
    of the name: «السائق الألماني سيباستيان فيتيل»، «فيتيل الألماني». A word of the name
    itself is no nisba of it (غاني، تركي are names too)."""
    from index.language.nisba import is_nisba  # index.language reads this module's tables

    written = _bare_written(text)
    at_name = [i for i, w in enumerate(written) if of_name(w)]
    return any(
        is_nisba(written[j])
        for i in at_name
        for j in range(max(0, i - NISBA_BESIDE_NAME), min(len(written), i + NISBA_BESIDE_NAME + 1))
        if j not in at_name
    )


# The attribute's word (as decision_words.tsv writes it) -> its row. The nationality's sentence
# is the answer itself (the article never says جنسية); an age told so only keeps the question
# from being declined, the kind's own rows then choose among the sentences.
ATTRIBUTES: dict[str, AttributeRow] = {
    "عمر": AttributeRow(tells_age),
    "جنسية": AttributeRow(tells_nationality, answers=True, glossed=True),
}
