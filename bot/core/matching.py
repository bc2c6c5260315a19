"""How well a story's words match a question: one scoring for every chooser of a story (the
shelf's in memory, the catalogue's over SQLite), so that the two cannot disagree on the rule.

A question is a few *concepts*, one per content word, each with the terms that may stand for
it and how surely (the word's index term and its plain spelling at 1.0; a translation of an
English word, another spelling of a name, less). A story holds a concept when it holds one of
its terms; the concept then weighs that term's idf among the stories, times how sure it is.
A story's score is the weight of the concepts it holds, plus the same over the one passage
(a sentence for the catalogue, a paragraph on a shelf) that holds most of them together (an
article about the question holds its words together, one that merely uses them scatters
them; each concept counted there up to the passage's second one, so that one rare word alone
in a sentence is not held "together"), plus a share of it over the title (the words the
article is about). Pure: no I/O, no SQL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

# Share of the title's weight in the score: a concept the title holds is what the article is
# about. Among the 4,998 stories of benchmarks/bench_newsroom.py, answerable questions right
# first (six articles / fresh eight): 0 → 44/120 and 28/160, 0.5 → 45 and 34, 1.0 → 44 and 30.
TITLE_WEIGHT = 0.5


@dataclass(frozen=True)
class Concept:
    """One content word of a question and the terms that may stand for it, with how surely."""

    word: str
    alternatives: tuple[tuple[str, float], ...]

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for term, _ in self.alternatives)


@dataclass(frozen=True)
class StoryWords:
    """The search terms of one story: all of them, its title's, each passage's."""

    terms: frozenset[str]
    title: frozenset[str]
    passages: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, title: Iterable[str], passages: Iterable[Iterable[str]]) -> "StoryWords":
        title_set = frozenset(title)
        passage_sets = tuple(frozenset(p) for p in passages)
        return cls(title_set.union(*passage_sets), title_set, passage_sets)


def idf(stories_using: int, stories: int) -> float:
    """log(1 + stories / stories using the term); 0 for a term no story uses."""
    return math.log(1 + stories / stories_using) if stories_using > 0 else 0.0


def idf_table(document_frequency: Mapping[str, int], stories: int) -> dict[str, float]:
    return {term: idf(df, stories) for term, df in document_frequency.items()}


def concept_weight(concept: Concept, held: frozenset[str], weight: Callable[[str], float]) -> float:
    """The concept's weight in a set of terms: its best term there (idf times sureness)."""
    return max((sure * weight(term) for term, sure in concept.alternatives if term in held), default=0.0)


def _together(held: Sequence[Concept], passage: frozenset[str], weight: Callable[[str], float]) -> float:
    """What one passage adds for the concepts it holds together: each counted up to the weight of
    the passage's second concept, so that a passage holding one rare term and little else does
    not count that term twice (it is held, not held together). Among the 4,998 stories of
    benchmarks/bench_newsroom.py, right first (six / fresh / fresh c) 54 / 38 / 66 → 55 / 39 / 67,
    among the first three 78 / 76 / 82 → 79 / 76 / 85; the shelf among the six and the embedded
    story unchanged (107/120)."""
    weights = sorted((concept_weight(c, passage, weight) for c in held), reverse=True)
    if len(weights) < 2 or weights[1] <= 0:
        return 0.0
    return sum(min(w, weights[1]) for w in weights)


def match_score(
    concepts: Sequence[Concept], story: StoryWords, weight: Callable[[str], float], title_weight: float = TITLE_WEIGHT
) -> float:
    """The story's score for the question's concepts (see the module's docstring). Rounded: a
    sum in another order differs in its last digits, and ties are common (copies of a story)."""
    held = [c for c in concepts if any(t in story.terms for t in c.terms)]
    whole = sum(concept_weight(c, story.terms, weight) for c in held)
    together = max((_together(held, passage, weight) for passage in story.passages), default=0.0)
    title = sum(concept_weight(c, story.title, weight) for c in held)
    return round(whole + together + title_weight * title, 9)
