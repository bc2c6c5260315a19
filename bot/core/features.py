"""General features of a question's candidate sentences, for a learned answer decision.

Pure functions over the engine's own search result and verdict: per candidate sentence a short
vector saying how well it matches the question (rank, score, coverage, the rare words held),
whether it holds what the question's kind asks for, which of the verdict's per-sentence tests
it fails, and how it stands beside the next candidate. Nothing here names a word or an article:
every feature is computed from the question, the article's statistics and the engine's tests.
Used by scripts/learned_decision.py (an experiment: see its docstring for what it measured).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from bot.core.story import Story
from bot.core.verdict import Verdict, coverage, specific_terms
from index.kinds import HELD, NAME, VALUE, row_of
from index.questions import DEFINITION
from index.search import SearchResult, SentenceHit

# The verdict's per-sentence tests, grouped by what failing them says (bot.core.verdict.judge's
# misfit): the answer is told elsewhere, the sentence lacks the kind asked, it is about another thing.
MISFIT_GROUPS: dict[str, str] = {
    "person_elsewhere": "elsewhere", "name_elsewhere": "elsewhere", "cause_elsewhere": "elsewhere",
    "other_paragraph": "elsewhere",
    "no_value": "no_kind", "no_name": "no_kind", "holder_unnamed": "no_kind",
    "price_of_other": "not_about", "value_of_other": "no_kind", "role_missing": "no_kind", "purpose_of_other": "not_about", "no_asked_word": "not_about", "value_far": "not_about",
    "about_other": "not_about", "value_weak": "not_about", "undated": "no_kind", "place_not_finer": "no_kind",
}
_GROUPS = ("elsewhere", "no_kind", "not_about")

# Names of the vector's entries, in order (the general features; then the rule's own signals,
# which only the hybrid decision reads).
GENERAL = (
    "bias", "rank", "first", "score", "score_gap_next", "score_gap_top", "coverage", "plain_share",
    "idf_share", "context_coverage", "rarest_held", "specific_share", "no_specific", "n_terms",
    "oov_share", "needs_value", "needs_name", "needs_held", "yes_no", "definition", "typed",
    "typed_x_value", "misfit_elsewhere", "misfit_no_kind", "misfit_not_about", "length", "lead_sentence",
    "coverage_gap_next", "coverage_is_max", "unknown_idf_share", "rarest_unknown", "typed_x_name",
)
RULE = ("rule_answered", "rule_chosen", "rule_outright", "rule_low_coverage", "rule_tested")
NAMES = GENERAL + RULE

OUTRIGHT = frozenset({"attribute_unknown", "count_unknown", "reaction_unknown", "noun_unknown", "name_missing", "place_unknown"})


@dataclass(frozen=True)
class Candidate:
    hit: SentenceHit
    vector: tuple[float, ...]  # in the order of NAMES


def candidates(story: Story, result: SearchResult, verdict: Verdict, k: int = 8) -> tuple[Candidate, ...]:
    """The first k sentences of the search result, in retrieval order, each with its vector."""
    hits = list(result.sentences[:k])
    if not hits:
        return ()
    index = story.library.index
    query = result.query
    terms = list(dict.fromkeys(query.terms))
    sure = query.sureness()
    idf = {t: index.idf(t) for t in terms}
    total_idf = sum(idf.values()) or 1.0
    rarest = max(terms, key=lambda t: idf[t]) if terms else None
    specific = specific_terms(story, terms)
    oov = sum(t not in index.vocabulary for t in terms) / max(len(terms), 1)
    # The question's words the article never uses, weighed by idf: what it cannot say.
    unknown_idf = sum(idf[t] for t in terms if t not in index.vocabulary) / total_idf
    reading = query.reading
    needs = row_of(reading.kind).needs
    value = needs == VALUE
    top = max(h.score for h in hits) or 1.0
    covered = [coverage(story, terms, h, sure) for h in hits]
    best_cover = max(covered)
    misfits = {id(h): why for h, why in verdict.misfits}
    chosen = verdict.hits[0] if verdict.answered and verdict.hits else None
    out = []
    for i, hit in enumerate(hits):
        after = hits[i + 1] if i + 1 < len(hits) else None
        matched = set(hit.matched) & set(terms)
        groups = {MISFIT_GROUPS.get(misfits.get(id(hit), ""), "")}
        general = (
            1.0,
            i / max(k - 1, 1),
            float(i == 0),
            hit.score / top,
            (hit.score - after.score) / top if after else hit.score / top,
            (top - hit.score) / top,
            covered[i],
            len(matched) / max(len(terms), 1),
            sum(idf[t] for t in matched) / total_idf,
            hit.context_coverage,
            float(rarest is not None and rarest in matched),
            len(specific & matched) / len(specific) if specific else 0.0,
            float(not specific),
            math.log1p(len(terms)) / 3,
            oov,
            float(value),
            float(needs == NAME),
            float(needs == HELD),
            float(row_of(reading.kind).names_after == "exists"),
            float(reading.definition or reading.kind == DEFINITION),
            float(hit.typed),
            float(hit.typed and value),
            *(float(g in groups) for g in _GROUPS),
            math.log1p(len(hit.sentence.text.split())) / 4,
            float(hit.sentence.index == 0),
            covered[i] - (covered[i + 1] if after else 0.0),
            float(covered[i] >= best_cover),
            unknown_idf,
            float(rarest is not None and rarest not in index.vocabulary),
            float(hit.typed and needs == NAME),
        )
        rule = (
            float(verdict.answered),
            float(chosen is not None and chosen.sentence == hit.sentence and chosen.passage == hit.passage),
            float(verdict.reason in OUTRIGHT),
            float(verdict.reason == "low_coverage"),
            float(id(hit) in misfits),
        )
        out.append(Candidate(hit, general + rule))
    return tuple(out)


def probability(weights: Sequence[float], vector: Sequence[float]) -> float:
    """The logistic model's probability that the candidate answers the question."""
    z = sum(w * x for w, x in zip(weights, vector))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
