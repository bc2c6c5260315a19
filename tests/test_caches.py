"""The caches that keep per-question work down give what the uncached functions give: per
analyser and per story, on more than one article, whatever was asked before, and bounded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core import story as story_module
from bot.core.answer import answer
from bot.core.story import story_cached, story_of
from bot.core.verdict import judge
from index.article import parse_article
from index.reading import read
from tests.sample_articles import COFFEE, VOLCANO

QUESTIONS = (
    "أين تزرع القهوة؟",
    "كم قرية أخلت السلطات؟",
    "متى ثار البركان؟",
    "ليش أخلت السلطات القرى؟",
    "من أكبر منتج للبن؟",
    "What did the authorities evacuate?",
    "كم عمر البركان؟",
)


@pytest.fixture()
def stories():
    """Fresh stories: nothing kept from another test."""
    return [story_of(parse_article(COFFEE, "coffee")), story_of(parse_article(VOLCANO, "volcano"))]


def test_an_analysers_word_terms_are_its_own(stories):
    """A replaced analyser (other words, proclitics read) keeps its own memos, not its
    source's, so that it reads a word or a text as a fresh analyser of its kind would."""
    for story in stories:
        index = story.library.index
        words = [w for p in index.passages for w in p.text.split()][:40] + ["بالقهوة", "كشخص", "والبركان"]
        plain = index.analyzer
        query = index.query_analyzer
        for word in words:
            plain.term(word)  # fill the article analyser's memo first
        assert plain._memo  # the article's texts, analysed when it was indexed
        fresh = replace(plain, words=query.words, proclitics=True)
        assert fresh._terms == {} and fresh._memo == {}
        assert [query.term(w) for w in words] == [fresh.term(w) for w in words]
        assert [plain.term(w) for w in words] == [replace(plain).term(w) for w in words]


def test_replies_do_not_depend_on_what_was_asked_before(stories):
    """Asked in another order, with the caches full of other questions, each reply is the
    same as on a fresh story."""
    for story, again in zip(stories, [story_of(s.primary) for s in stories]):
        forward = {q: answer(story, q) for q in QUESTIONS}
        backward = {q: answer(again, q) for q in reversed(QUESTIONS)}
        assert forward == backward


def test_story_cached_keeps_results_per_story_and_bounded(stories, monkeypatch):
    calls = []

    @story_cached
    def length(story, word: str) -> int:
        calls.append((story.id, word))
        return len(word) + len(story.id)

    coffee, volcano = stories
    assert length(coffee, "بن") == length(coffee, "بن") == 2 + len("coffee")
    assert length(volcano, "بن") == 2 + len("volcano")  # another story computes its own
    assert calls == [("coffee", "بن"), ("volcano", "بن")]
    monkeypatch.setattr(story_module, "STORY_MEMO", len(coffee._memo))
    length(coffee, "رماد")  # full: emptied, then kept
    assert len(coffee._memo) == 1 and calls[-1] == ("coffee", "رماد")


def test_story_cached_keys_a_call_by_its_arguments_not_their_spelling(stories):
    """A default left out, given by position or by name: one entry, one call."""
    calls = []

    @story_cached
    def joined(story, word: str, after: str = "") -> str:
        calls.append(word)
        return word + after

    coffee = stories[0]
    assert joined(coffee, "بن") == joined(coffee, "بن", "") == joined(coffee, "بن", after="") == joined(coffee, word="بن")
    assert joined(coffee, "بن", after="!") == "بن!"
    assert calls == ["بن", "بن"]
    with pytest.raises(TypeError):
        joined(coffee, "بن", before="!")
    with pytest.raises(TypeError, match="plain parameters"):
        story_cached(lambda story, *words: words)


def test_replies_judge_only_up_to_the_answer(stories):
    """judge(diagnose=False), as replies call it, decides as judge() does; its misfits are
    the first of the full diagnostics."""
    for story in stories:
        for question in QUESTIONS:
            result = story.library.index.search(read(question), k_paragraphs=5, k_sentences=8)
            full, quick = judge(story, result), judge(story, result, diagnose=False)
            assert (quick.answered, quick.hits, quick.reason) == (full.answered, full.hits, full.reason)
            assert full.misfits[: len(quick.misfits)] == quick.misfits


def test_an_index_keeps_alternatives_bounded(stories, monkeypatch):
    """IndexLexicon.alternatives keeps at most ALTERNATIVES_KEPT answers, and one asked again
    after they were dropped is the same."""
    from index.language import RESOURCES
    from index.language import lexicon as lexicon_module
    from index.language.lexicon import lexicon_of

    monkeypatch.setattr(lexicon_module, "ALTERNATIVES_KEPT", 3)
    for story in stories:
        lexicon = lexicon_of(story.library.index)
        first = lexicon.alternatives("coffee", RESOURCES)
        for word in ("village", "ash", "farmer", "price", "eruption"):
            lexicon.alternatives(word, RESOURCES)
            assert len(lexicon._memo) <= 3
        assert lexicon.alternatives("coffee", RESOURCES) == first


def test_a_kept_search_is_the_search_anew_with_its_own_reading(stories, monkeypatch):
    """Messages that scoring reads alike (another question mark, a polite word the search
    drops) share the kept ranking; each result carries its own reading, and every result is
    the one a fresh index gives, also after the kept ones were dropped."""
    import index.search as search_module

    monkeypatch.setattr(search_module, "_RANKED_QUERIES", 4)
    # The same words asked as other kinds: the kind's lift is part of the ranking.
    kinds = ("أين ثار البركان؟", "لماذا ثار البركان؟", "كم مرة ثار البركان؟", "أين تزرع القهوة؟", "متى تزرع القهوة؟")
    messages = [m for q in QUESTIONS + kinds for m in (q, q.rstrip("؟?") + " ؟", "لو سمحت " + q)]
    for story in stories:
        index = story.library.index
        for message in messages:
            for wide in ({}, {"k_sentences": 24, "sentence_paragraphs": 8}):
                kept = index.search(read(message), k_paragraphs=5, **wide)
                assert kept.query.reading.text == message
                assert kept == story_of(story.primary).library.index.search(read(message), k_paragraphs=5, **wide)
        assert len(index._ranked) <= 4



def test_a_kept_expansion_is_the_expansion_anew(stories, monkeypatch):
    """index.language.expand keeps at most EXPANSIONS_KEPT expansions; messages that differ
    in a polite word share one, and what a message tells of a word (a capital, its written
    form) keeps its own: each is the one a fresh index gives, also after the kept were dropped."""
    import index.language as language_module
    from index.language.lexicon import lexicon_of

    monkeypatch.setattr(language_module, "EXPANSIONS_KEPT", 3)
    # A capital makes a Latin word a name (Green: قرون of the coffee article; green: no stand-in).
    latin = ("where is the green?", "where is the Green?", "where is the crop?", "where is the Crop?")
    messages = [m for q in QUESTIONS + latin for m in (q, "لو سمحت " + q)]
    for story in stories:
        index = story.library.index
        for message in messages:
            kept = index.parse_query(read(message))
            fresh = story_of(story.primary).library.index.parse_query(read(message))
            assert (kept.terms, kept.weighted) == (fresh.terms, fresh.weighted)
        assert 0 < len(lexicon_of(index).expansions) <= 3


def test_unit_asked_words_is_kept_bounded_and_as_computed_anew():
    """unit_asked_words keeps at most its bound of words, and a kept answer is the function's
    own (its uncached body), for a unit of each role asked, a form of one, and no unit."""
    from index.kinds import unit_asked_words

    assert 0 < unit_asked_words.cache_info().maxsize <= 4096
    for word in ("طن", "طناً", "مترا", "كيلو", "مرة", "سنة", "شخص", "hectare"):
        assert unit_asked_words(word) == unit_asked_words.__wrapped__(word)
    assert unit_asked_words("طن") and not unit_asked_words("مرة")
    unit_asked_words.cache_clear()  # full: each word is only computed again
    assert unit_asked_words("مترا") == unit_asked_words.__wrapped__("مترا")


def test_a_fits_asked_positions_are_the_words_asked(stories):
    """Fit.asked_at, found once a candidate, is where the sentence's bare words hold what is
    asked, as told_as_sequel reads them word by word."""
    from index.kinds import Fit, _bare_written

    for story in stories:
        index = story.library.index
        for sentence in (s for p in index.passages for s in p.sentences):
            for word in sentence.text.split()[:3]:
                asked = frozenset(index.analyze(word))
                fit = Fit(sentence.text, frozenset(), None, index.analyze, frozenset(), index.vocabulary, asked=asked)
                words = _bare_written(sentence.text)
                assert fit.asked_at == tuple(i for i, w in enumerate(words) if asked.intersection(index.analyze(w)))
                assert fit.asked_at or not asked


def test_a_storys_unspecific_terms_are_the_four_sets(stories):
    """specific_terms takes one set off a question's words: the protagonists, units,
    attributes and linking verbs that specific_terms took off one by one."""
    from bot.core.verdict import specific_terms

    for story in stories:
        assert story.unspecific_terms == story.protagonists | story.unit_terms | story.attribute_terms | story.light_terms
        assert story.unit_terms and story.unit_terms <= story.unspecific_terms
        words = [t for p in story.library.index.passages for t in story.library.index.analyze(p.text)]
        assert not specific_terms(story, words) & story.unspecific_terms


def test_a_sentences_sums_and_counts_are_kept_bounded_and_as_computed_anew(stories):
    """_money_in and _countable, read by prices_subject and counts_things for each candidate,
    keep at most their bound of sentences and give what their uncached bodies give, on every
    sentence of two articles and on sums and counts written in full."""
    from index.kinds import _countable, _money_in

    texts = [s.text for story in stories for p in story.library.index.passages for s in p.sentences]
    texts += ["بلغ سعر الدقيق 22 ريالا و$100 للكيس.", "أخلت السلطات ثلاث قرى في عام 2014 و25 منزلا."]
    for kept in (_money_in, _countable):
        assert 0 < kept.cache_info().maxsize <= 4096
        assert [kept(t) for t in texts] == [kept.__wrapped__(t) for t in texts]
        kept.cache_clear()
    assert _money_in(texts[-2]) and _countable(texts[-1])[1]


def test_a_sentences_number_in_units_is_kept_bounded_and_as_computed_anew(stories):
    """_in_units_of, read by measures_it for each candidate of a quantity question, keeps at
    most its bound and gives what its uncached body gives, for every quantity the units table
    names, on two articles' sentences and sentences in units written in full."""
    from index.kinds import MEASURE_UNITS, _in_units_of

    texts = [s.text for story in stories for p in story.library.index.passages for s in p.sentences]
    texts += ["يبلغ طول الخط 33 كلم ووزن الحمولة نحو مليوني طن.", "بلغت مساحة الحقل 12000 متر مربع."]
    assert 0 < _in_units_of.cache_info().maxsize <= 4096
    for measure in MEASURE_UNITS:
        assert [_in_units_of(t, measure) for t in texts] == [_in_units_of.__wrapped__(t, measure) for t in texts]
    assert any(_in_units_of(texts[-2], m) for m in MEASURE_UNITS)
    _in_units_of.cache_clear()
