"""The question against one story: a follow-up's context, the focus and the words asked
about as the story's index sees them, where in the article it points, and the questions
the story cannot answer whatever matches (a named person's reaction, a price)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.answer_types import Answer, Kind
from bot.core.story import Story, story_cached
from index.analysis import CLITICS, PRONOUN_SUFFIXES, proclitic_forms, stopwords
from index.dialect import bare_verbs, formal_spellings, formal_words
from index.kinds import VALUE, row_of, words_of
from index.language import expand
from index.language.lexicon import lexicon_of
from index.questions import is_question_word
from index.reading import Reading, is_content_word, question_part, read

__all__ = ["Conversation", "QuotedAt", "question_part", "read"]


@dataclass(frozen=True)
class QuotedAt:
    """Where the previous reply's first quote stands: a follow-up ("وليش؟", "ومن قال ذلك؟")
    most often asks about the sentence just quoted, or its paragraph."""

    article: str
    paragraph: int
    start: int


@dataclass(frozen=True)
class Conversation:
    """What a follow-up question may lean on: the previous question that was searched, where
    the reply to it quoted, and the story last answered from; and the story a front end says
    the conversation is about (a deep link, --story), inside which a shelf then answers every
    question."""

    previous_question: str = ""
    story: str = ""  # set by the front end: answer inside this story
    last_story: str = ""  # the story of the last reply (follow-ups, and ties)
    quoted: QuotedAt | None = None  # the previous reply's first quote (None when it quoted nothing)

    def after(self, answer: Answer) -> "Conversation":
        """The conversation once this reply is given: a reply about the article moves it on,
        small talk leaves the subject as it was."""
        last = answer.story or self.last_story
        if answer.kind in (Kind.ANSWER, Kind.NOT_FOUND) and answer.subject:
            first = answer.quotes[0] if answer.kind is Kind.ANSWER and answer.quotes else None
            quoted = QuotedAt(first.article, first.paragraph, first.start) if first is not None else None
            return Conversation(answer.subject, self.story, last, quoted)
        return replace(self, last_story=last) if last != self.last_story else self


def without_linking_verbs(story: Story, reading: Reading) -> Reading:
    """A number or date question's linking verb (كم بلغت، كم أصبح) ties the value to its
    subject and says nothing of which value is asked: searched for, it lifts any sentence
    that links some value with it («بلغ حجم الانخفاض» for «كم بلغت الإيرادات»)."""
    if row_of(reading.kind).needs != VALUE:
        return reading
    light = story.light_terms
    analyze = story.library.index.analyze

    def linking(token: str) -> bool:
        terms = analyze(token)
        return bool(terms) and set(terms) <= light

    kept = tuple(t for t in reading.tokens if not linking(t))
    return reading.keeping(kept) if kept and len(kept) < len(reading.tokens) else reading


def in_article_words(story: Story, reading: Reading) -> Reading:
    """The reading with each dialect word the article never uses read as the formal word the
    dialect table gives for it, when the article uses that word or one of its root (يروح →
    يذهب, met by ذهب; يبي → يريد): in place, so the question word and the focus keep their
    positions. So is a past verb written for the other gender than the article's (قالت →
    قال: _article_form). Words the article knows stay as they are (a dialect homograph of a
    formal word keeps the formal sense)."""
    tokens = _formal(story, reading.tokens)
    own = _formal(story, reading.own)
    if tokens == reading.tokens and own == reading.own:
        return reading
    return replace(reading, tokens=tokens, own=own)


def _formal(story: Story, tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_formal_word(story, t) if is_content_word(t) and not is_question_word(t) else t for t in tokens)


@story_cached
def _formal_word(story: Story, token: str) -> str:
    if token.isascii() or story.knows(token):
        return token
    written = _article_form(story, token)
    if written is not None:
        return written
    candidates = (form for word in formal_words(token) for form in _persons(word))
    found = next((form for form in candidates if _uses(story, form)), None)
    if found is not None:
        return found
    # A verb the table lacks, as the article would write it, when the article uses that word.
    bare = next((form for bare in bare_verbs(token) for form in _persons(bare) if _uses(story, form)), None)
    if bare is not None:
        return bare
    # A word spelt as the dialect says it (التالتة, كتير), when the article writes its formal
    # spelling (الثالثة, كثير): the word itself, not one of its root.
    return next((form for form in formal_spellings(token) if story.knows(form)), token)


def _article_form(story: Story, token: str) -> str | None:
    """The article's own form of a past verb the question writes for the other gender: the
    feminine ت off (استقالت → استقال, قالت → قال) or on (أعلن → أعلنت), when the article
    writes that form and not the question's (a company is هي to one writer, هو to another).
    A plural's ات is no verb ending (بيانات is not بيانا), nor a function word a verb (بدأ
    is not بدأت, أنهت not إنه: both forms are content words, neither a particle with a
    pronoun)."""
    words = story.library.index.query_analyzer.words
    if _writes(words, token):
        return None
    if len(token) >= 4 and token.endswith("ت") and not token.endswith("ات") and _writes(words, token[:-1]):
        form = token[:-1]
    elif len(token) >= 3 and _writes(words, token + "ت"):
        form = token + "ت"
    else:
        return None
    analyze = story.library.index.analyze
    if not analyze(token) or not story.knows(form) or _particle_with_pronoun(form):
        return None
    return form


def _writes(words: frozenset[str], word: str) -> bool:
    """The article writes the word, alone or after a one-letter proclitic (وقال, فأعلنت, ولقاء)."""
    return word in words or any(form in words for form in proclitic_forms(word, CLITICS))


def _particle_with_pronoun(word: str) -> bool:
    """إنه، لأنها، عليهم: a stopword with a pronoun suffix, which the stemmer keeps whole."""
    return any(word.endswith(p) and word[: -len(p)] in stopwords() for p in PRONOUN_SUFFIXES)


def _persons(word: str) -> tuple[str, ...]:
    """The formal word, and for a present verb its other persons (يريد: تريد، نريد، اريد):
    the table gives one person, the article says another ("الشركة تريد")."""
    if len(word) < 4 or word[0] not in _PERSON_PREFIXES:
        return (word,)
    return (word,) + tuple(p + word[1:] for p in _PERSON_PREFIXES if p != word[0])


_PERSON_PREFIXES = "يتنا"


def _uses(story: Story, word: str) -> bool:
    """The article uses the word, or (with the language resources) a word of its root."""
    if story.knows(word):
        return True
    index = story.library.index
    return bool(index.params.language) and any(lexicon_of(index).same_root(t) for t in index.analyze(word))


def focus_of(story: Story, reading: Reading) -> tuple[str, str] | None:
    """The word the question asks about, right after its question word (كم عمر → عمر),
    as (normalised word, index term)."""
    index = story.library.index
    for word in reading.focus_window:
        terms = index.analyze(word)
        if terms:
            return word, terms[0]
    return None


def word_after(story: Story, reading: Reading, focus: tuple[str, str]) -> str | None:
    """The first content word after the focus word ("اسم الشركة" → شركة)."""
    return story.library.index.term_of(reading.words_after(focus[0]))


def place_asked(reading: Reading, story: Story) -> int | None:
    """"في نهاية المقال" / "at the start of the article": the paragraph number meant."""
    if reading.place == "end":
        return len(story.primary.paragraphs)
    if reading.place == "start":
        return 1
    return None




def _beside_verb(firsts: list[str], tokens: list[str], i: int) -> list[str]:
    """The words that name who does the verb at i: Arabic puts the person right after it
    (ردّ زوكربيرغ، رد فعل زوك), English right before it (how did Zuckerberg react)."""
    return firsts[max(0, i - 2) : i] if tokens[i].isascii() else firsts[i + 1 : i + 3]


def asks_reaction_of(story: Story, reading: Reading) -> bool:
    """"كيف ردّ زوكربيرغ على …", "how did Zuckerberg react": a named person's reaction or
    comment, which the story reports for no one ("تعليق الكاتب" asks for the writer's own
    words, which the article has; "how did the stock react" asks about the market). An
    opinion ("ما رأي زوكربيرغ") counts too, unless the article quotes that person."""
    analyze = story.library.index.analyze
    tokens = reading.tokens
    # Each word analysed once (terms: the walrus keeps its terms for the test and the use).
    firsts = [stand_in(story, terms[0], reading.asking) if (terms := analyze(token)) else "" for token in tokens]
    people = story.people_terms
    reaction = story.terms_of(words_of("reaction"))
    speech = story.terms_of(words_of("speech"))
    # What someone *said about an event* ("what did Zuckerberg say about LeCun leaving") is
    # a reaction too; what someone said about a subject (LeCun on LLMs) the article reports.
    if story.terms_of(words_of("event")).intersection(firsts):
        reaction = reaction | speech
    for i, term in enumerate(firsts):
        if term in reaction and people.intersection(_beside_verb(firsts, tokens, i)):
            return True
        if term in speech and people.intersection(_beside_verb(firsts, tokens, i)) - story.quoted_people:
            return True
    return False


def asked_about(story: Story, reading: Reading, after_words: int = 1) -> list[str]:
    """The content words right before and right after the question word (كم صرفت → spend;
    "meta dafa3et kam" → spend), as index terms."""
    index = story.library.index

    def analyze(token: str) -> list[str]:
        return [stand_in(story, t, reading.asking) for t in index.analyze(token)]

    # The first content words after it ("كم دفع زوك مكافآت" → spend, Zuck).
    # Each word analysed and stood in for once (terms: kept by the walrus for the test and the use).
    after = [terms[0] for t in reading.after_question_word(after_words) if (terms := analyze(t))][:after_words]
    before = next((terms[0] for t in reversed(reading.before_question_word) if (terms := analyze(t))), None)
    return after + ([before] if before else [])


def stand_in(story: Story, term: str, question: str = "") -> str:
    """The term as the article says it: itself, or the sure stand-in the search puts for it
    (a translation of an English word, another spelling of a name: index.language; the
    question's text tells which Latin words it writes with a capital, as names)."""
    index = story.library.index
    if term in index.vocabulary or not index.params.language:
        return term  # most words of a question: no look-up, and no entry kept per message
    return _expanded(story, term, question)


@story_cached
def _expanded(story: Story, term: str, question: str) -> str:
    return expand((term,), story.library.index, question).terms[0]
