"""What a question asks for (a number, a time, a person, a place, a reason), in any register.

The question words are read from normalised text, so أين / اين and formal / dialect forms
meet; the type then tells the sentence ranker what an answering sentence must contain.
Besides the bare question words (كم، متى، من …), the common formal Arabic phrasings that
ask for the same thing are read too: "في أي عام" and "ما السنة" ask for a time, "ما عدد" and
"ما نسبة" for a number, "في أي مدينة" for a place, "ما سبب" for a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from index.arabizi import looks_arabizi, to_arabic
from index.analysis import LEXICON_DIR, normalize, read_question_words, tokenize

NUMBER, PRICE, TIME, DURATION, PERSON, PLACE, REASON, MANNER, YESNO, DEFINITION, OTHER = (
    "number", "price", "time", "duration", "person", "place", "reason", "manner", "yesno", "definition", "other",
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
    joins: frozenset[str]  # "and" opening a follow-up (and, w, طيب)
    about: frozenset[str]  # "about" after a question word: "what about X" names X (عن، about)
    after_number: dict[str, str]  # word after a number question word -> kind it turns it into
    ones: frozenset[str]  # "one" after a number question word: how many people (كم واحد)
    after_manner: dict[str, str]
    how_measure: dict[str, str]  # adjective after "how" -> the noun of the quantity it asks (old → عمر)
    before_time: dict[str, str]
    price_words: frozenset[str]
    price_verbs: frozenset[str]  # "cost" as a verb (كلف، يكلف): a price only in a number question
    not_price: tuple[str, ...]  # beginnings of words
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
        joins=words("joins"),
        about=words("about"),
        after_number=by_role.get("after_number", {}),
        ones=words("one"),
        after_manner=by_role.get("after_manner", {}),
        how_measure=by_role.get("how_measure", {}),
        before_time=by_role.get("before_time", {}),
        price_words=words("price") | words("price_verb"),
        price_verbs=words("price_verb"),
        not_price=tuple(by_role.get("not_price", {})),
        name_words=words("name"),
        text_words=words("article"),
        start_words=words("start"),
        end_words=words("end"),
    )


@dataclass(frozen=True)
class QuestionType:
    kind: str
    # Numbers the question itself names: a sentence repeating them has not answered it.
    given: frozenset[str] = frozenset()

    @property
    def wants_type(self) -> bool:
        """Whether retrieval lifts the sentences that hold what the kind asks for."""
        from index.kinds import row_of

        return row_of(self.kind).search_lift > 0

    def satisfied_by(self, sentence: str) -> bool:
        return self.strength(sentence) > 0

    def strength(self, sentence: str) -> float:
        """How surely the sentence holds what is asked (index.kinds: the kind's row)."""
        from index.kinds import strength

        return strength(self, sentence)


def bare_question_word(token: str) -> str:
    """The token without a leading و when that makes it a question word (ومتى → متى)."""
    if token.startswith("و") and token[1:] in lexicon().asks:
        return token[1:]
    return token


def is_question_word(token: str) -> bool:
    """كم، متى، مين، where … (after normalisation; a leading و is allowed). bare_question_word
    written out (reading a question tests each word so some 25 times)."""
    asks = lexicon().asks
    return token in asks or (token[:1] == "و" and token[1:] in asks)


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


LENGTH_OF = ("is", "are")  # "how long is/are X" asks a length, not a span of time


def _refined(tokens: Sequence[str], i: int, kind: str) -> str:
    """The kind a question word asks, as the words beside it refine it (lexicon roles
    after_manner, after_number, before_time): how many, كم سنة, قديش صرلو, منذ متى."""
    words = lexicon()
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if kind == MANNER and after in words.after_manner:
        kind = words.after_manner[after]
        if kind == DURATION and tokens[i + 2 : i + 3] and tokens[i + 2] in LENGTH_OF:
            return NUMBER
        i += 1
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if kind == NUMBER and after == "من" and i + 2 < len(tokens):
        after = tokens[i + 2]  # كم من الوقت، شحال من نهار: "how many of" the unit
    if kind == NUMBER and words.after_number.get(after.removeprefix("ال")) == DURATION:
        return DURATION
    if kind == TIME and i > 0 and words.before_time.get(tokens[i - 1]) == DURATION:
        return DURATION
    if kind == PRICE and any(t.removeprefix("و").startswith(words.not_price) for t in tokens[i + 1 : i + 4]):
        return NUMBER  # بكم بالمئة، بكم انخفضت: by how much
    found = price_word(tuple(tokens))
    if found is not None and (kind == NUMBER or (kind == OTHER and found[1] not in words.price_verbs)):
        # كم سعر السهم، what is the stock price, كم كلف المشروع; not "ما الذي كلف به الوزير"
        # (كلّف: assigned), where "what" and the verb ask no price.
        return PRICE
    return kind


_TOPIC_MARKERS = ("عن", "حول", "about", "on")  # "what did he say about prices": prices are a topic


def price_word_at(tokens: Sequence[str]) -> int | None:
    """Where a price word (سعر، لسعر، price) stands in the question, asked for, not a topic."""
    found = price_word(tuple(tokens))
    return None if found is None else found[0]


@lru_cache(maxsize=4096)
def price_word(tokens: tuple[str, ...]) -> tuple[int, str] | None:
    """The first price word asked for: its position and the word of the table it is (one of
    `lexicon().price_verbs` for the verb "cost", كلف، يكلف)."""
    # Cached: the type of a question asks it, then the decision's price window, more than once.
    words = lexicon().price_words
    for i, token in enumerate(tokens):
        if i > 0 and tokens[i - 1] in _TOPIC_MARKERS:
            continue
        if token.isascii() and token not in words and looks_arabizi(list(tokens)):
            token = to_arabic(token)  # "w kam se3r el tathkara?": se3r is سعر
        for prefix in ("", "ال", "و", "ب", "ل", "لل", "بال", "وال"):
            if token.startswith(prefix) and token[len(prefix) :] in words:
                return i, token[len(prefix) :]
    return None


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
        if i > 0 and tokens[i - 1] == "b" and "b" + bare in words.asks:
            bare = "b" + bare  # "b kam": بكم typed in two
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
        return QuestionType(_refined(tokens, i, kind), given)
    return QuestionType(_refined(tokens, len(tokens), OTHER), given)
