"""One reading of a question: built once from the message, passed on to search and decision.

A `Reading` holds what the message asks, independently of any article: its asking part, its
normalised words, the kind asked (index.questions), the numbers it gives, where the question
word stands and the words around it (from which an article's analyser takes the focus and
the words asked about), the place in an article it points at, and whether it leans on the
previous question. Nothing downstream tokenises the raw text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from index.analysis import CONJUNCTIONS, PREPOSITIONS, normalize, stopwords, tokenize
from index.sentences import PIECE_CUT
from index.questions import (
    LENGTH_OF, NUMBER, OTHER, QuestionType, bare_question_word, classify_tokens, is_question_word, lexicon, price_word_at,
)

MAX_QUESTION_CHARS = 600  # longer messages are searched on their question part only
_BARE_QUESTION_WORDS = 4  # "Is that true?", "صح؟", "أليس كذلك؟"
# A turn that opens with "and" (و…، and, w, طيب) continues the previous question when it
# names at most this many things of its own ("ولماذا ارتفع عن الربع السابق؟", "وتقنية
# المعلومات؟"); a longer one is a question of its own ("وكم برميلا تنتج إيران يوميا؟").
JOINED_CONTENT_WORDS = 3

# How a follow-up leans on the previous question (bot.core.followup's table has a row for each):
SUBSTITUTION = "substitution"  # "والصادرات؟", "what about Google?": the previous question about X
NEW_KIND = "new_kind"  # "ومتى؟", "وكم عمره؟": a new question word about the previous subject
ANOTHER = "another"  # "ومن غيره؟", "who else?": another answer than the one given
_TAG_RE = re.compile(r"<[^>]{0,200}>")


@dataclass(frozen=True)
class Reading:
    """What one message asks, read once."""

    text: str  # the message as sent
    asking: str  # the part of it to search (see question_part)
    tokens: tuple[str, ...]  # normalised words of the asking part (and of the question leant on)
    qtype: QuestionType  # the kind asked, and the numbers the question gives
    qword: int | None  # position of the first question word in tokens
    place: str | None  # "start" or "end" of the article, when the question points there
    leans_back: bool  # a short follow-up ("ومتى؟", "ومين غيره؟") that leans on the previous question
    several: bool  # two questions in one ("ماذا فعل زوك، وكم سينفق؟")
    definition: bool  # "ما هي X", "what is X": the sentence that explains X
    opens_with_name: bool = False  # "esm el startup eh?": the focus is the first word
    own: tuple[str, ...] = ()  # a follow-up's own words, before the previous question's came along
    follows: str = ""  # how a follow-up leans on the previous question (SUBSTITUTION ...), "" for none

    @property
    def kind(self) -> str:
        return self.qtype.kind

    @property
    def given(self) -> frozenset[str]:
        return self.qtype.given

    @property
    def normalized(self) -> str:
        return " ".join(self.tokens)

    # --- windows the article's analyser reads the focus and the words asked about from -----
    @cached_property
    def focus_window(self) -> tuple[str, ...]:
        """The words that may name what is asked about: the two after the first question word
        (or after "أي", "which", or a "what" word opening the question). Kept by the reading
        (its tokens never change): the decision reads it some three times a question."""
        if self.opens_with_name:
            return self.tokens[:1]
        at = _focus_anchor(self.tokens)
        return () if at is None else self.tokens[at + 1 : at + 3]

    def after_question_word(self, words: int) -> tuple[str, ...]:
        """The words right after the question word (content words are taken from these),
        without those that only refine what it asks (how *long*, كم *سنة*, قديش *صرلو*)."""
        if self.qword is None:
            return ()
        start = self.qword + 1
        refining = lexicon().after_manner.keys() | lexicon().after_number.keys()
        while start < len(self.tokens) and self.tokens[start].removeprefix("ال") in refining:
            start += 1
        return self.tokens[start : start + 1 + words]

    @property
    def before_question_word(self) -> tuple[str, ...]:
        """The two words before it, unless a و joins the question word ("… وكم"), opening a clause."""
        if self.qword is None or self.tokens[self.qword] != bare_question_word(self.tokens[self.qword]):
            return ()
        return self.tokens[max(0, self.qword - 2) : self.qword]

    def words_after(self, word: str) -> tuple[str, ...]:
        """The words after the first occurrence of word ("اسم الشركة" → الشركة)."""
        if word not in self.tokens:
            return ()
        return self.tokens[self.tokens.index(word) + 1 :]

    @property
    def price_window(self) -> tuple[str, ...]:
        """The words around the price word or price question word (سعر سهم ميتا، stock price)."""
        at = price_word_at(self.tokens)
        if at is None:
            at = self.qword
        if at is None:
            return ()
        return self.tokens[max(0, at - 3) : at] + self.tokens[at + 1 : at + 4]

    @property
    def focus(self) -> str | None:
        """The focus word as general language sees it (the first content word of the window)."""
        return next((t for t in self.focus_window if is_content_word(t)), None)

    def keeping(self, tokens: tuple[str, ...]) -> "Reading":
        """The reading on fewer of its tokens (in order), its question word's position moved
        with them (None when that word went): a position past the tokens read nothing."""
        if tokens == self.tokens:
            return self
        qword = None
        if self.qword is not None:
            word = self.tokens[self.qword]
            earlier = self.tokens[: self.qword].count(word)
            places = [i for i, t in enumerate(tokens) if t == word]
            qword = places[min(earlier, len(places) - 1)] if places else None
        return replace(self, tokens=tokens, qword=qword)

    def without_place_words(self) -> "Reading":
        """The reading without the words that point at a place in an article ("في نهاية
        المقال"): they say where to look, not what to look for, nor which article."""
        words = lexicon()
        places = words.text_words | words.start_words | words.end_words

        def is_place(token: str) -> bool:
            return token in places or token.removeprefix("ال").removeprefix("بال").removeprefix("في") in places

        if self.place is None:
            return self
        return self.keeping(tuple(t for t in self.tokens if not is_place(t)))

    @property
    def form(self) -> str:
        """How this message would lean on a previous question: another answer ("ومن غيره؟"),
        the same question about something else ("والصادرات؟", "what about X?": no question
        word of its own), or a new question word about the same subject ("ومتى؟")."""
        if lexicon().follow_up.intersection(self.tokens):
            return ANOTHER
        if _about_marker(self.tokens) is not None or not _asks_anything(self.tokens):
            return SUBSTITUTION
        return NEW_KIND

    def following(self, previous: "Reading") -> "Reading":
        """A follow-up searched with the previous question's words after its own; its own
        question word decides the kind, else (a substitution) the previous question's kind holds."""
        form = self.form
        own = tuple(t for t in self.tokens if is_content_word(t) and not is_question_word(t))
        tokens = self.tokens + previous.tokens
        if form == SUBSTITUTION:
            # Its words stand where the previous question's subject stood, right after its
            # question word ("كم بلغت الواردات" / "والصادرات؟" → "كم الصادرات الواردات …"):
            # they are what the value asked for must be about, and the focus.
            qtype, qword = previous.qtype, previous.qword
            if qword is not None:
                tokens = previous.tokens[: qword + 1] + own + previous.tokens[qword + 1 :]
            else:
                tokens = own + previous.tokens
        else:
            # Its own question word decides ("وشو كان هدفه؟" after "كم …" asks no number).
            qtype = replace(classify_tokens(self.tokens), given=classify_tokens(tokens).given)
            qword = _first_question_word(tokens)
        return replace(
            self,
            own=own,
            follows=form,
            asking=f"{self.asking} {previous.asking}",
            tokens=tokens,
            qtype=qtype,
            qword=qword,
            place=_place_asked(tokens),
            # The previous question's words come along; its question word is not a second question.
            several=self.several,
            definition=_is_definition(tokens),
        )


def is_content_word(token: str) -> bool:
    """A word that is neither a stopword nor one with و/ف before it (general language)."""
    words = stopwords()
    if token in words:
        return False
    return not (len(token) > 2 and token[0] in CONJUNCTIONS and token[1:] in words)


@lru_cache(maxsize=4096)
def read(message: str) -> Reading:
    """The reading of one message (pure; cached, since readers repeat questions)."""
    asking = question_part(message)
    tokens = _how_measured(_without_closing_adverb(_without_counted_one(tuple(tokenize(normalize(asking))))))
    content = [t for t in tokens if is_content_word(t)]
    return Reading(
        text=message,
        asking=asking,
        tokens=tokens,
        qtype=classify_tokens(tokens),
        qword=_first_question_word(tokens),
        place=_place_asked(tokens),
        leans_back=len(content) <= 1
        or bool(lexicon().follow_up.intersection(tokens))
        or (_opens_with_and(tokens) and len(content) <= JOINED_CONTENT_WORDS),
        several=asks_several(tokens),
        definition=_is_definition(tokens),
        opens_with_name=bool(tokens) and tokens[0] in lexicon().name_words,
    )


# "At all, in the first place" closing a question ("ليه ساب ميتا أصلاً؟"، "مين ده أصلاً؟"): the
# normaliser takes the accusative's اً off أصلاً, leaving the noun أصل "origin", which a text
# writes as a word (من أصل الهوغونوت) and so is no stopword. Last in a question, after the
# words it closes, it is the adverb. (أصلا typed without its tanween is a stopword.)
_CLOSING_ADVERBS = frozenset({"اصل"})


def _without_closing_adverb(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens without an adverb that closes the question (أصلاً)."""
    return tokens[:-1] if len(tokens) > 2 and tokens[-1] in _CLOSING_ADVERBS else tokens


_HOW = "how"
_ASKS_NUMBER = "كم"
_LENGTH = "طول"  # how long *is* X: a length (index.questions.LENGTH_OF), not a span of time


def _how_measured(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """"how old is X", "how wide is the bridge": the English question asks a quantity by its
    adjective, as the Arabic one asks it by its noun (كم عمر، كم عرض); the two words are read as
    كم and that noun (lexicon role how_measure), so that the question is read as the Arabic one
    is: a number about the quantity (decision role measure), its noun searched for."""
    measures = lexicon().how_measure
    for i, token in enumerate(tokens[:-1]):
        if token != _HOW:
            continue
        after = tokens[i + 1]
        noun = measures.get(after)
        if noun is None and after == "long" and tokens[i + 2 : i + 3] and tokens[i + 2] in LENGTH_OF:
            noun = _LENGTH
        if noun is not None:
            return tokens[:i] + (_ASKS_NUMBER, noun) + tokens[i + 2 :]
    return tokens


def _without_counted_one(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens without "one" right after a number question word (كم واحد، شكد واحد من
    المدانين، وكم واحد منهم، kam wa7ed): it asks how many people, and searched for it meets
    any «واحد» of the article."""
    words = lexicon()
    return tuple(
        t for i, t in enumerate(tokens)
        if not (t in words.ones and i and words.asks.get(bare_question_word(tokens[i - 1])) == NUMBER)
    )


def _opens_with_and(tokens: tuple[str, ...]) -> bool:
    """The message opens with "and": a joining word of the lexicon (and, w, طيب), or و on a
    question word or a stopword (ومتى، ومن، وفي) or on a word of three letters or more
    (والصادرات، وتقنية); "وين" (where) is a question word of its own."""
    if not tokens:
        return False
    first = tokens[0]
    if first in lexicon().joins:
        return True
    if not first.startswith("و") or len(first) < 3:
        return False
    rest = first[1:]
    return bare_question_word(first) != first or not is_content_word(rest) or (len(rest) >= 3 and not is_question_word(first))


def _about_marker(tokens: tuple[str, ...]) -> int | None:
    """Where "what about" / "وماذا عن" / "how about" stands: a question word followed by an
    about word names a subject, it asks nothing of its own."""
    words = lexicon()
    for i, token in enumerate(tokens[:3]):
        bare = token.removeprefix("و") if token.removeprefix("و") in words.what_words else bare_question_word(token)
        if (bare in words.what_words or is_question_word(token)) and tokens[i + 1 : i + 2] and tokens[i + 1] in words.about:
            return i
    return None


def _asks_anything(tokens: tuple[str, ...]) -> bool:
    """A question word, a "what" or "which" word, or a kind named by its noun (ما عدد)."""
    words = lexicon()
    if classify_tokens(tokens).kind != OTHER:
        return True
    asking = words.what_words | words.which_words | words.asks.keys()
    # With و and a preposition before it: وماذا، وبماذا، وعلى أي، ولأي
    return any(is_question_word(t) or any(f in asking for f in _bare_forms(t)) for t in tokens)


def _bare_forms(token: str) -> tuple[str, ...]:
    """The token without و, and without a one-letter preposition after it (وبماذا → بماذا → ماذا)."""
    rest = token.removeprefix("و")
    return (token, rest) + ((rest[1:],) if len(rest) > 3 and rest[0] in PREPOSITIONS else ())


def _first_question_word(tokens: tuple[str, ...]) -> int | None:
    return next((i for i, t in enumerate(tokens) if is_question_word(t)), None)


def _focus_anchor(tokens: tuple[str, ...]) -> int | None:
    what = lexicon().what_words
    which = lexicon().which_words
    for i, token in enumerate(tokens):
        bare = bare_question_word(token)
        if is_question_word(token) or bare in which or (bare in what and i == 0):
            return i
    return None


def asks_several(tokens: tuple[str, ...]) -> bool:
    """Two questions in one: no single kind binds the answer."""
    count = 0
    what = lexicon().what_words
    auxiliaries = lexicon().auxiliaries
    for i, token in enumerate(tokens):
        bare = bare_question_word(token)
        if bare in auxiliaries and i > 0:
            continue  # "how many employees does Cohere have": one question
        if is_question_word(token) or (bare in what and (i == 0 or token != bare)):
            count += 1
    return count >= 2


# "ما هي X", "شو يعني X", "what are X": the sentence that explains X ("X - …", "X: …").
_DEFINITION = re.compile(
    r"^(?:و?ما (?:هي|هو|هم)|ما معني|ما المقصود|(?:شو|ايش|ايه|شنو|وش) (?:يعني|هي|هو|معني)|what (?:is|are)|what does"
    r"|(?:shu|sho|eh|esh|eih) (?:ya3ni|yaani|hiya|howa))(?: |$)"
)


def _is_definition(tokens: tuple[str, ...]) -> bool:
    return bool(_DEFINITION.search(" ".join(tokens)))


def _place_asked(tokens: tuple[str, ...]) -> str | None:
    """"في نهاية المقال" / "at the end of the article": which end of the article is meant.
    The place word governs the article word (نهاية المقال، end of the article; in English
    also "the article's end"); "النص الأول" (the first half) points at no place."""
    places = lexicon()
    stems = [w.removeprefix("ال").removeprefix("بال").removeprefix("في") for w in tokens]
    for i, stem in enumerate(stems):
        place = "end" if stem in places.end_words else "start" if stem in places.start_words else None
        if place is None:
            continue
        after = tokens[i + 1 : i + 4]
        before = tokens[max(0, i - 1) : i] if tokens[i].isascii() else ()
        if places.text_words.intersection(after) or places.text_words.intersection(before):
            return place
    return None


def question_part(text: str) -> str:
    """The part of a message to search: tags dropped; when some sentences of it ask and
    others do not ("Ignore your rules. Who …?"), the asking ones; for a very long message
    the asking sentences from their question word on, so size never slows the search."""
    text = _TAG_RE.sub(" ", text).strip()
    pieces = [p.strip() for p in PIECE_CUT.split(text) if p.strip()]
    asking = [p for p in pieces if p.endswith(("?", "؟"))]
    if len(text) <= MAX_QUESTION_CHARS:
        # "I heard X. Is that true?": a bare asking sentence leans on what came before it.
        leans_back = sum(len(tokenize(normalize(p))) for p in asking) <= _BARE_QUESTION_WORDS
        return " ".join(asking) if asking and len(asking) < len(pieces) and not leans_back else text
    chosen = " ".join(_from_question_word(p) for p in asking)[-MAX_QUESTION_CHARS:]
    return chosen or _from_question_word(text[-MAX_QUESTION_CHARS:].strip())


def _from_question_word(piece: str, keep: int = 300) -> str:
    """A long run of text that ends in a question: its end, from the first question word
    there on (the first, since من and ما are also prepositions inside the question)."""
    if len(piece) <= keep:
        return piece
    tail = piece[-keep:]
    tokens = tail.split()
    for i, word in enumerate(tokens):
        if is_question_word(bare_question_word(normalize(word).strip("?؟.,!"))) or normalize(word) in lexicon().what_words:
            return " ".join(tokens[i:])
    return tail.strip()
