"""The story the bot answers about: its articles, their index, and what the composer needs
to know about their words (names, protagonists, attributes, the disclaimer's own words)."""

from __future__ import annotations

import inspect
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Hashable, Sequence, TypeVar

from index.analysis import CLITICS, normalize, proclitic_rests, tokenize
from index.article import Article, Paragraph
from index.library import Library, build_library, load_libraries
from index.memo import UNKEPT, remembered
from index.kinds import words_of

if TYPE_CHECKING:
    from bot.core.answer_types import Answer
    from bot.core.shelf import Shelf

SPECIFIC_SHARE = 0.3  # a word in at most this share of an article's paragraphs names a subject
SPEAKER_WORDS = 12  # words after a verb of saying that may name the speaker, titles between
DEFAULT_EXAMPLES = ("ما موضوع المقال؟", "لخص لي المقال")


@dataclass(frozen=True)
class Story:
    """One article the bot answers about, with its index and what is known of its words;
    several articles are several stories on a shelf (bot.core.shelf)."""

    library: Library
    # Recent replies by (message, previous question, where its reply quoted): answer() is pure, and readers ask the
    # same few questions again and again.
    _recent: "OrderedDict[tuple[str, str, object], Answer]" = field(default_factory=OrderedDict, compare=False, repr=False)
    # Coverage weights of question words, by term (see bot.core.verdict).
    term_weights: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    # Results of pure functions of the story and a word or a question (story_cached).
    _memo: dict[tuple[object, ...], object] = field(default_factory=dict, compare=False, repr=False)
    # Index terms of the fixed word lists the composer reads questions with.
    _list_terms: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def terms_of(self, words: tuple[str, ...]) -> frozenset[str]:
        """The index terms of a fixed word list, analysed once."""
        terms = self._list_terms.get(words)
        if terms is None:
            analyze = self.library.index.analyze
            terms = self._list_terms[words] = frozenset(t for word in words for t in analyze(word))
        return terms

    def knows(self, word: str) -> bool:
        """The article uses the word: one of its index terms is the article's."""
        index = self.library.index
        return any(t in index.vocabulary for t in index.analyze(word))

    @property
    def attribute_terms(self) -> frozenset[str]:
        return self.terms_of(words_of("attribute"))

    @cached_property
    def _focus_kinds(self) -> dict[str, frozenset[str]]:
        """Focus words that ask for a name ("ما اسم", "أي شركة", "من هم المنافسون"), with the
        names that can answer them."""
        library = self.library
        kinds = dict.fromkeys(self.terms_of(words_of("name")), library.entity_terms)
        kinds.update(dict.fromkeys(self.terms_of(words_of("organisation")), library.org_terms or library.entity_terms))
        return kinds

    @cached_property
    def quoted_people(self) -> frozenset[str]:
        """People the article quotes or reports an opinion of: named within two words of a
        verb of saying ("يقول ليكون نفسه"); where its names are not known, anywhere in the
        few words after the verb, where a news sentence puts the speaker after a title
        ("أوضح رئيس لجنة الأوراق المالية … محمد النفيعي")."""
        index = self.library.index
        speech = self.terms_of(words_of("speech"))
        after = 3 if self.library.person_terms else SPEAKER_WORDS
        quoted = set()
        for article in self.articles:
            for sentence in article.sentences:
                terms = index.analyze(sentence.text)
                for i, term in enumerate(terms):
                    if term in speech:
                        quoted.update(t for t in terms[max(0, i - 2) : i + after] if t in self.people_terms)
        return frozenset(quoted)

    @cached_property
    def people_terms(self) -> frozenset[str]:
        """The terms that may name a person: the alias table's people; in an article whose
        names are not known, its specific words (in few paragraphs), which a name is."""
        if self.library.person_terms:
            return self.library.person_terms
        index = self.library.index
        most = max(1, int(len(index.passages) * SPECIFIC_SHARE))
        counts: dict[str, int] = {}
        for terms in index.paragraph_term_sets:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        common = self.unit_terms | self.attribute_terms | self.terms_of(words_of("speech")) | self.terms_of(words_of("reaction"))
        return frozenset(t for t, n in counts.items() if n <= most and not t.isdigit()) - common

    @property
    def unit_terms(self) -> frozenset[str]:
        """Words that measure rather than name what is asked (كم سنة، كم مرة، what year)."""
        return self.terms_of(words_of("unit"))

    @property
    def light_terms(self) -> frozenset[str]:
        """Verbs that only link a value to its subject (كم بلغت، كم أصبح)."""
        return self.terms_of(words_of("light"))

    @cached_property
    def unspecific_terms(self) -> frozenset[str]:
        """The words that single nothing out however few paragraphs use them: the
        protagonists, units, attributes and linking verbs (verdict.specific_terms takes them
        off each question's words: one set, not four, built once)."""
        return self.protagonists | self.unit_terms | self.attribute_terms | self.light_terms

    @cached_property
    def paragraph_counts(self) -> dict[str, int]:
        """In how many of the articles' paragraphs each index term stands (headings included)."""
        counts: dict[str, int] = {}
        for terms in self.library.index.paragraph_term_sets:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        return counts

    @cached_property
    def protagonists(self) -> frozenset[str]:
        index = self.library.index
        half = len(index.passages) / 2
        return frozenset(
            t for t in self.library.entity_terms if sum(t in terms for terms in index.paragraph_term_sets) > half
        )

    def named_in(self, terms: Sequence[str]) -> frozenset[str]:
        """The particular people and organisations a question names (not the protagonists,
        nor a name only the disclaimer uses)."""
        return frozenset(
            t for t in terms if t in self.library.entity_terms and t in self.library.index.vocabulary
        ) - self.protagonists

    def wanted_names(self, focus_term: str, next_term: str | None = None) -> frozenset[str] | None:
        """The names that can answer a question about focus_term; for "اسم X" the kind of
        X decides ("اسم الشركة" wants an organisation)."""
        wanted = self._focus_kinds.get(focus_term)
        if wanted is not None and focus_term in self.terms_of(words_of("name")) and next_term is not None:
            return self._focus_kinds.get(next_term, wanted)
        return wanted

    @cached_property
    def _headlines(self) -> dict[str, frozenset[str]]:
        """The analysed terms of each article's headline, by article name; none for an article
        without a title line (titled by its file's name)."""
        analyze = self.library.index.analyze
        return {a.name: frozenset(analyze(a.title)) if a.title_span else frozenset() for a in self.articles}

    def headline_terms(self, article_name: str) -> frozenset[str]:
        """The terms of an article's headline: its subject, stated once, which the sentences of
        its body need not repeat (a report on a company gives its figures as "the company's")."""
        return self._headlines.get(article_name, frozenset())

    @cached_property
    def clitic_terms(self) -> frozenset[str]:
        """The terms of the articles' words read with a proclitic off (بجدة → جدة, كمرحلة →
        مرحلة, ولجدة → جدة): the light stemmer keeps a lone ب ك ل و ف on a word without the
        article (بجدة is بجد), so a question's bare word misses the word the article writes.
        The rest is analysed as a word of its own, so a word it only begins (بمصرف: مصرف, not
        مصر) is no form of it. A remnant keeps three letters (index.analysis.CLITICS)."""
        index = self.library.index
        words = {w for p in index.passages for w in tokenize(normalize(p.text))}
        return frozenset(
            t for w in words for rest in proclitic_rests(w, CLITICS) for t in index.analyze(rest)
        )

    @cached_property
    def normalized_text(self) -> str:
        """The articles' text as the analyser normalises it, to find a stem inside a word."""
        return " ".join(normalize(article.text) for article in self.articles)

    @cached_property
    def disclaimer_terms(self) -> frozenset[str]:
        """Words only the disclaimer uses (Gate, نصيحة مالية …): a question about them is a
        question about the page, answered by quoting the disclaimer."""
        analyze = self.library.index.analyze
        body = set(self.library.index.vocabulary)
        for article in self.articles:
            body.update(analyze(article.title))
        return frozenset(
            t for article in self.articles if article.disclaimer for t in analyze(article.disclaimer) if t not in body
        )

    @property
    def examples(self) -> tuple[str, ...]:
        """Two example questions: the article's own (NAME.examples.txt), or general ones."""
        return (self.library.examples + DEFAULT_EXAMPLES)[:2]

    @property
    def id(self) -> str:
        """The story's id: its article's name (the file's stem; 'lecun-meta' for the embedded one)."""
        return self.library.primary.name

    @property
    def primary(self) -> Article:
        """The story's one article."""
        return self.library.primary

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.library.articles

    def paragraph(self, article_name: str, number: int) -> Paragraph:
        article = self.library.article(article_name)
        if not 1 <= number <= len(article.paragraphs):
            raise KeyError(f"{article_name} has no paragraph {number}")
        return article.paragraphs[number - 1]


STORY_MEMO = 16384  # results a story keeps for story_cached functions (a few MB at most); all dropped when full

_T = TypeVar("_T")


def story_cached(function: Callable[..., _T]) -> Callable[..., _T]:
    """Decorator: the results of a pure function of a story and hashable arguments, kept by
    the story (so they go when it goes, as a newsroom evicts it). The decision asks the same
    of a question's words for every candidate sentence, and the next questions ask the same
    words again.

    The key is every argument in the function's own order, defaults filled in, so that for
    `def f(story, term, question="")` the calls `f(story, t)`, `f(story, t, "")` and
    `f(story, t, question="")` are one entry; the usual call (every argument, by position) is
    keyed as it comes."""
    signature = inspect.signature(function)
    if any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in signature.parameters.values()):
        raise TypeError(f"story_cached keys plain parameters only; {function.__name__}{signature} has others")
    arity = len(signature.parameters) - 1  # the arguments after the story

    @wraps(function)
    def cached(story: Story, *args: Hashable, **kwargs: Hashable) -> _T:
        if kwargs or len(args) != arity:
            bound = signature.bind(story, *args, **kwargs)  # a TypeError names a wrong argument
            bound.apply_defaults()
            args = bound.args[1:]
        # One look-up on a hit, without a further call: the decision calls these some 50
        # times a question.
        key = (function, *args)
        value = story._memo.get(key, UNKEPT)
        if value is UNKEPT:
            value = remembered(story._memo, STORY_MEMO, key, function, story, *args)
        return value  # type: ignore[return-value]

    return cached


def load_story(paths: Sequence[str | Path] = ()) -> "Story | Shelf":
    """The embedded story, or the story of the given article file; given several files, a
    shelf of their stories (bot.core.shelf), which answer() takes as well. Raises
    index.article.ArticleError."""
    if len(paths) > 1:
        from bot.core.shelf import load_shelf

        return load_shelf(paths)
    return Story(load_libraries(paths)[0])


def story_of(article: Article) -> Story:
    """A story of one already-parsed article (a catalogue's entry, say), with no alias table."""
    return Story(build_library([article], []))
