"""bot.core.features: the general features of a question's candidate sentences."""

from __future__ import annotations

import math

from bot.core.features import GENERAL, MISFIT_GROUPS, NAMES, RULE, candidates, probability
from bot.core.verdict import judge
from index.reading import read


def _candidates(story, question: str):
    result = story.library.index.search(read(question), k_paragraphs=5, k_sentences=8)
    verdict = judge(story, result)
    return result, verdict, candidates(story, result, verdict, 8)


def _col(name: str) -> int:
    return NAMES.index(name)


def test_every_candidate_gets_one_vector_in_retrieval_order(story):
    result, _, cands = _candidates(story, "متى أسس ليكون مختبر FAIR؟")
    assert [c.hit for c in cands] == list(result.sentences[:8])
    assert all(len(c.vector) == len(NAMES) == len(GENERAL) + len(RULE) for c in cands)
    ranks = [c.vector[_col("rank")] for c in cands]
    assert ranks == sorted(ranks) and ranks[0] == 0.0
    assert [c.vector[_col("first")] for c in cands].count(1.0) == 1
    for c in cands:
        assert 0.0 <= c.vector[_col("coverage")] <= 1.0
        assert 0.0 <= c.vector[_col("score")] <= 1.0
    assert max(c.vector[_col("score")] for c in cands) == 1.0  # normalised within the question


def test_the_rules_choice_is_marked_on_its_sentence(story):
    _, verdict, cands = _candidates(story, "متى أسس ليكون مختبر FAIR؟")
    assert verdict.answered
    chosen = [c for c in cands if c.vector[_col("rule_chosen")]]
    assert [c.hit.sentence for c in chosen] == [verdict.hits[0].sentence]
    assert all(c.vector[_col("rule_answered")] == 1.0 for c in cands)


def test_a_word_the_article_never_uses_weighs_in_the_unknown_share(story):
    _, _, known = _candidates(story, "متى أسس ليكون مختبر FAIR؟")
    _, _, unknown = _candidates(story, "متى أسس ليكون مختبر الزرافات البنفسجية؟")
    assert known[0].vector[_col("unknown_idf_share")] == 0.0
    assert unknown[0].vector[_col("unknown_idf_share")] > 0.0


def test_a_failed_test_sets_exactly_its_group(story):
    # A count the article does not give of the one named: the verdict's tests fail.
    _, verdict, cands = _candidates(story, "كم عدد موظفي كوهير؟")
    why = {id(h): reason for h, reason in verdict.misfits}
    groups = [_col(f"misfit_{g}") for g in ("elsewhere", "no_kind", "not_about")]
    assert any(c.vector[i] for c in cands for i in groups)
    for c in cands:
        flags = [c.vector[i] for i in groups]
        reason = why.get(id(c.hit), "")
        assert sum(flags) == (1.0 if reason in MISFIT_GROUPS else 0.0)


def test_probability_is_the_logistic_of_the_weighted_sum():
    assert probability([0.0, 0.0], [1.0, 5.0]) == 0.5
    assert math.isclose(probability([1.0, 2.0], [1.0, 0.5]), 1 / (1 + math.exp(-2.0)))
    assert probability([1000.0], [1.0]) < 1.0 + 1e-12  # no overflow


def test_an_answered_verdict_says_which_tests_each_candidate_passed(story):
    _, verdict, _ = _candidates(story, "متى أسس ليكون مختبر FAIR؟")
    reasons = dict((id(h), why) for h, why in verdict.misfits)
    assert reasons[id(verdict.hits[0])] == ""  # the quoted sentence passed them all
