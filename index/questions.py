"""What a question asks for (a number, a time, a person, a place, a reason), in any register.

The question words are read from normalised text, so أين / اين and formal / dialect forms
meet; the type then tells the sentence ranker what an answering sentence must contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.analysis import normalize, tokenize

NUMBER, TIME, PERSON, PLACE, REASON, MANNER, YESNO, OTHER = (
    "number", "time", "person", "place", "reason", "manner", "yesno", "other",
)

# Question words after normalisation (أ→ا, ة→ه, ى→ي), formal, dialects, English, Arabizi.
_WORDS: dict[str, str] = {}
for kind, words in {
    NUMBER: "كم بكم كام بكام قديش قداش شكد اديش addeh adesh kam kaam bkam",
    TIME: "متي امتي امتا ايمتي وقتاش emta imta when",
    PERSON: "مين منو شكون منهو who whom meen min",
    PLACE: "اين وين فين وينه منين لوين where fein fen feen wein wen",
    REASON: "لماذا ليش ليه لويش علاش ليشن why leh leish lesh 3alash",
    MANNER: "كيف ازاي كيفاش شلون how ezay izay keef kif",
    YESNO: "هل is are does did was were",
}.items():
    for word in words.split():
        _WORDS[word] = kind

_NUMBER_WORDS = re.compile(
    r"مليار|مليون|الف|ألف|آلاف|الاف|عشر|مئ|مائ|ملايين|مليارات|نصف|ربع|ثلث|ضعف|عقد|بالمئه|بالمائه|%|\$"
)
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TIME_WORDS = re.compile(
    r"يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|"
    r"عام|سنه|شهر|اسبوع|يوم|امس|غدا|العام المقبل|منذ|اواخر|اوائل|قرن|عقد"
)
_REASON_WORDS = re.compile(r"لان|بسبب|لذا|لكي|كي |من اجل|نتيجه|بعد ان|عندما|حتي|ل[يت]")


@dataclass(frozen=True)
class QuestionType:
    kind: str

    @property
    def wants_type(self) -> bool:
        return self.kind in (NUMBER, TIME, REASON)

    def satisfied_by(self, sentence: str) -> bool:
        text = normalize(sentence)
        if self.kind == NUMBER:
            return bool(_DIGIT.search(text) or _NUMBER_WORDS.search(text))
        if self.kind == TIME:
            return bool(_YEAR.search(text) or _TIME_WORDS.search(text))
        if self.kind == REASON:
            return bool(_REASON_WORDS.search(text))
        return True


def classify(question: str) -> QuestionType:
    """The question's type, from the first question word found (whatever its position)."""
    tokens = tokenize(normalize(question))
    for i, token in enumerate(tokens):
        bare = token[1:] if token.startswith("و") and token[1:] in _WORDS else token
        kind = _WORDS.get(bare)
        if kind is None:
            # "من" is a question word only when it opens the question ("ومن" too).
            if bare == "من" and i == 0:
                return QuestionType(PERSON)
            if token in ("ما", "ماذا", "what", "which") and i == 0:
                return QuestionType(OTHER)
            continue
        if kind == YESNO and i > 0:
            continue
        return QuestionType(kind)
    return QuestionType(OTHER)
