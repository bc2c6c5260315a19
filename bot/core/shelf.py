"""A shelf of stories: several articles, each its own Story (its own index, names and facts),
and the choice of the one a question is about.

Articles never share an index, so adding one never changes the answers about another. The
story a question is about is the one the front end names (a deep link, --story), else the
one whose words the question uses most (weighed by how few articles of the shelf use
them), else the one the conversation was last about, else the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Sequence

from bot.core.matching import Concept, StoryWords, idf, match_score
from bot.core.story import Story
from index.article import Article
from index.library import load_libraries
from index.reading import Reading, read
from index.search import Query


class UnknownStory(KeyError):
    """A story id the shelf does not hold; str() lists the ids it does."""

    def __init__(self, story_id: str, ids: Sequence[str]):
        super().__init__(story_id)
        self.story_id = story_id
        self.ids = tuple(ids)

    def __str__(self) -> str:
        return f"no story {self.story_id!r}; the stories are: {', '.join(self.ids)}"


@dataclass(frozen=True)
class Shelf:
    """Stories by id (each article's name), in the order they were given."""

    stories: tuple[Story, ...]
    _title_terms: dict[str, StoryWords] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.stories:
            raise ValueError("a shelf needs at least one story")

    @cached_property
    def _by_id(self) -> dict[str, Story]:
        return {story.id: story for story in self.stories}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(story.id for story in self.stories)

    def story(self, story_id: str) -> Story:
        """The story of that id; raises UnknownStory (which lists the ids) when there is none."""
        try:
            return self._by_id[story_id]
        except KeyError:
            raise UnknownStory(story_id, self.ids) from None

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._by_id

    # What front ends read of "the story" (the console's welcome, Telegram's fixed texts).
    @property
    def primary(self) -> Article:
        return self.stories[0].primary

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(story.primary for story in self.stories)

    @property
    def examples(self) -> tuple[str, ...]:
        return self.stories[0].examples

    # --- which story a question is about ------------------------------------------------
    def _words_of(self, story: Story) -> frozenset[str]:
        index = story.library.index
        return index.vocabulary | frozenset(index.analyze(story.primary.title))

    def _story_words(self, story: Story) -> StoryWords:
        words = self._title_terms.get(story.id)
        if words is None:
            index = story.library.index
            words = self._title_terms[story.id] = StoryWords(
                self._words_of(story), frozenset(index.analyze(story.primary.title)), index.paragraph_term_sets
            )
        return words

    def scores(self, question: Reading | str) -> dict[str, float]:
        """How much of the question each story's words hold, by the scoring the catalogue uses
        too (bot.core.matching.match_score): every question term the story uses, weighed by
        log(1 + stories / stories using it), plus the same sum over the one paragraph that
        holds most of them (an article about the question holds its words together, one that
        merely uses them scatters them), plus half of it over the title. Each story reads the
        question with its own analyser and names. With the six development articles and the
        story on a shelf, 152 of their 180 questions go to their own article (151 without the
        title's share) and 925 of the story's 971 questions of tests/data and shared/eval to
        the story (923)."""
        reading = (read(question) if isinstance(question, str) else question).without_place_words()
        count = len(self.stories)
        using: dict[str, int] = {}

        def weight(term: str) -> float:
            if term not in using:
                using[term] = sum(term in self._story_words(story).terms for story in self.stories)
            return idf(using[term], count)

        def score(story: Story) -> float:
            sure = _term_weights(story.library.index.parse_query(reading))
            concepts = [Concept(term, ((term, certainty),)) for term, certainty in sorted(sure.items())]
            return match_score(concepts, self._story_words(story), weight)

        return {story.id: score(story) for story in self.stories}

    def best_for(self, question: Reading | str, default: str | None = None) -> Story:
        """The story the question's words point at; the default one (else the first) when
        none is ahead of it."""
        fallback = self.story(default) if default in self else self.stories[0]
        if len(self.stories) == 1:
            return fallback
        scores = self.scores(question)
        top = max(scores.values())
        if top <= 0 or scores[fallback.id] >= top:
            return fallback
        return next(story for story in self.stories if scores[story.id] == top)


def _term_weights(query: Query) -> dict[str, float]:
    """The query's terms with how surely each stands for a word of the question: 1 for the
    word itself, less for a stand-in the language resources put for it (another spelling of a
    name, a translation), so that a story holding the word itself wins over one holding a
    look-alike (سابك itself, not سبق)."""
    weights = dict.fromkeys(query.terms, 0.0)
    for term, weight in query.scored_terms():
        if term in weights:
            weights[term] = max(weights[term], weight)
    return weights


def shelf_of(stories: Sequence[Story]) -> Shelf:
    return Shelf(tuple(stories))


def load_shelf(paths: Sequence[str | Path] = ()) -> Shelf:
    """A story per article file (with its NAME.aliases.tsv and NAME.examples.txt beside it);
    the embedded story when no path is given. Raises index.article.ArticleError."""
    return Shelf(tuple(Story(library) for library in load_libraries(paths)))
