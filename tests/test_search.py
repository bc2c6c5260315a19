"""Retrieval on small hand-made passages: question types, coverage, proximity, BM25 variants,
and the sentence splitter's handling of numbers, initials and short fragments."""

from __future__ import annotations

import pytest

from index.analysis import Analyzer
from index.article import Sentence
from index.questions import NUMBER, OTHER, PERSON, PLACE, REASON, TIME, classify
from index.scoring import bm25_scores, build_bm25, locally_weighted_bm25_scores, weighted_bm25_scores
from index.search import Params, Passage, StoryIndex, _proximity
from index.sentences import split_sentences


def make_passage(text: str, number: int = 1, article: str = "test", heading: str | None = None) -> Passage:
    sentences = tuple(
        Sentence(text[s:e], s, e, number, i) for i, (s, e) in enumerate(split_sentences(text))
    )
    return Passage(article, number, heading, text, 0, sentences)


def make_index(*paragraphs: str, params: Params = Params()) -> StoryIndex:
    return StoryIndex([make_passage(t, i + 1) for i, t in enumerate(paragraphs)], Analyzer(), params)


FILLER = (
    "تقع المدينة على ضفة النهر الشرقية. يعمل أهلها في الزراعة والتجارة.",
    "اشتهرت القرية بصناعة الفخار الملون. يزورها السياح في الربيع.",
)


# --- question types ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, kind",
    [
        ("كم عدد سكان المدينة؟", NUMBER),
        ("ما عدد سكان المدينة؟", NUMBER),
        ("ما هي نسبة البطالة؟", NUMBER),
        ("متى افتتح الجسر؟", TIME),
        ("في أي عام افتتح الجسر؟", TIME),
        ("امتى افتتحوا الجسر؟", TIME),
        ("من بنى الجسر؟", PERSON),
        ("في أي مدينة يقع الجسر؟", PLACE),
        ("ما سبب إغلاق الجسر؟", REASON),
        ("ما هو الجسر؟", OTHER),
    ],
)
def test_question_types(question: str, kind: str) -> None:
    assert classify(question).kind == kind


def test_a_number_the_question_gives_does_not_satisfy_it() -> None:
    qtype = classify("كم لاعبا شارك في بطولة 2015؟")
    assert not qtype.satisfied_by("أقيمت بطولة 2015 في المدينة.")
    assert qtype.satisfied_by("شارك 320 لاعبا في بطولة 2015.")


def test_type_bonus_prefers_the_sentence_with_a_year() -> None:
    index = make_index(
        "افتتح الجسر الكبير بحضور الوزير وسط احتفال. افتتح الجسر الكبير في عام 1998 بعد سنوات من العمل.",
        *FILLER,
    )
    top = index.search("متى افتتح الجسر الكبير؟").sentences[0]
    assert "1998" in top.sentence.text
    assert top.typed


def test_type_bonus_prefers_the_sentence_with_a_number() -> None:
    index = make_index(
        "يضم المتحف قطعا أثرية نادرة من العصور القديمة. يضم المتحف 4500 قطعة أثرية.",
        *FILLER,
    )
    assert "4500" in index.search("كم قطعة أثرية يضم المتحف؟").sentences[0].sentence.text


def test_an_untyped_question_gets_no_bonus_and_any_sentence_satisfies_it() -> None:
    plain = make_index("يضم المتحف قطعا أثرية نادرة جدا. يضم المتحف 4500 قطعة.", *FILLER)
    no_bonus = make_index("يضم المتحف قطعا أثرية نادرة جدا. يضم المتحف 4500 قطعة.", *FILLER, params=Params(type_bonus=0.0))
    question = "ماذا يضم المتحف؟"
    assert not classify(question).wants_type
    assert [h.score for h in plain.search(question).sentences] == [h.score for h in no_bonus.search(question).sentences]
    assert all(h.typed for h in plain.search(question).sentences)


# --- coverage and proximity -------------------------------------------------------------
def test_sentence_holding_more_query_terms_ranks_first_and_covers_all() -> None:
    index = make_index(
        "وصل القطار إلى المحطة متأخرا. غادر القطار السريع المحطة الجنوبية فجرا.",
        *FILLER,
    )
    top = index.search("متى غادر القطار السريع المحطة الجنوبية؟").sentences[0]
    assert top.sentence.text.startswith("غادر القطار السريع")
    assert top.coverage == pytest.approx(1.0)
    assert top.context_coverage == pytest.approx(1.0)
    assert {"قطار", "سريع"} <= top.matched


def test_proximity_is_one_for_adjacent_terms_and_falls_with_spread() -> None:
    assert _proximity(["a", "b", "x", "y"], {"a", "b"}) == 1.0
    assert _proximity(["a", "x", "y", "b"], {"a", "b"}) == pytest.approx(0.5)
    assert _proximity(["a", "x"], {"a", "b"}) == 0.0  # one matched term: nothing to measure


def test_proximity_breaks_a_tie_between_equal_bags_of_words() -> None:
    index = make_index(
        "زار الوفد المعرض ثم تحدث طويلا عن تاريخ المدينة القديم والفنون. "
        "تحدث الوفد طويلا عن الفنون الحديثة التي رآها في المعرض والمدينة وتاريخ.",
        *FILLER,
        params=Params(sentence_ngram_weight=0.0),
    )
    hits = index.search("تاريخ المدينة القديم").sentences
    assert hits[0].sentence.index == 0


# --- BM25 variants ----------------------------------------------------------------------
HALF = [["شركه", "نمو"], ["شركه", "ربح"], ["مدينه"], ["نهر"]]


def test_word_in_half_the_paragraphs_still_scores_with_bm25plus() -> None:
    model = build_bm25(HALF, "plus")
    scores = bm25_scores(model, ["شركه"])
    assert scores[0] > 0 and scores[1] > 0
    assert scores[2] == 0 and scores[3] == 0  # no match, no score, whatever the variant


def test_okapi_zeroes_a_word_in_half_the_paragraphs() -> None:
    # Why the index does not use BM25Okapi: idf = log((N - n + 0.5) / (n + 0.5)) = 0 here.
    scores = bm25_scores(build_bm25(HALF, "okapi"), ["شركه"])
    assert scores[0] == 0


def test_a_word_every_candidate_holds_weighs_less_among_them() -> None:
    # Global idf: "نهر" (1 of 10) and "جسر" (1 of 10) weigh alike in sentence 0 and 1; among
    # the three candidates, "نهر" is in all of them and singles none out.
    docs = [["نهر", "جسر"], ["نهر", "بناء"], ["نهر", "قديم"]] + [["مدينه"]] * 7
    model = build_bm25(docs, "plus")
    query = [("نهر", 1.0), ("جسر", 1.0)]
    plain = weighted_bm25_scores(model, query, [0, 1, 2])
    local = locally_weighted_bm25_scores(model, query, [0, 1, 2], 1.0)
    assert local[0] > local[1] == local[2] > 0
    assert local[1] / local[0] < plain[1] / plain[0]
    assert locally_weighted_bm25_scores(model, query, [0], 1.0)[0] == plain[0]  # one candidate: no local idf


def test_unknown_variant_says_what_to_use() -> None:
    with pytest.raises(ValueError, match="use one of"):
        build_bm25(HALF, "bm42")


def test_search_ranks_the_paragraph_that_holds_the_words() -> None:
    index = make_index(*FILLER, "افتتح الجسر الكبير في عام 1998 بعد سنوات من العمل الشاق.")
    result = index.search("متى افتتح الجسر الكبير")
    assert result.paragraphs[0].position == 2
    assert result.paragraphs[0].score == pytest.approx(1.0)
    assert index.search("؟").paragraphs == ()


# --- sentence splitting -----------------------------------------------------------------
def _split(text: str) -> list[str]:
    spans = split_sentences(text)
    return [text[s:e] for s, e in spans]


def test_numbers_stay_whole() -> None:
    text = "ارتفع المؤشر بنسبة 14.3 في المئة هذا العام. بلغت البطالة 12.6% في الربع الأخير. كلفت التذكرة $100 للفرد."
    assert _split(text) == [
        "ارتفع المؤشر بنسبة 14.3 في المئة هذا العام.",
        "بلغت البطالة 12.6% في الربع الأخير.",
        "كلفت التذكرة $100 للفرد.",
    ]


def test_initials_do_not_end_a_sentence() -> None:
    text = "نشرت ترجمة جون سي. ميسنجر عام 1900. كتب المؤرخ فريديريك و. موت كتابا عنها. تملكها شركة بلومبيرج إل.بي الآن."
    assert _split(text) == [
        "نشرت ترجمة جون سي. ميسنجر عام 1900.",
        "كتب المؤرخ فريديريك و. موت كتابا عنها.",
        "تملكها شركة بلومبيرج إل.بي الآن.",
    ]


def test_short_fragment_joins_a_neighbour_and_spans_are_exact() -> None:
    text = "السخرية؟ بينما يغادر ليكون ليقوم بأبحاث حقيقية. انتهى الأمر."
    spans = split_sentences(text)
    # "السخرية؟" opens the next sentence; "انتهى الأمر." closes the one before it.
    assert [text[s:e] for s, e in spans] == [text]
    offset_text = "مقدمة.\n" + text
    shifted = split_sentences(offset_text, start=len("مقدمة.\n"))
    assert [offset_text[s:e] for s, e in shifted] == [text]


# --- corpus-confirmed clitic folding ----------------------------------------------------
def test_fold_strips_a_clitic_only_when_the_text_uses_the_shorter_word() -> None:
    from index.search import fold_term

    counts = {"زرا": 3, "مساف": 2, "اسكتلند": 5, "اسكتلندا": 1}
    assert fold_term("وزرا", counts) == "زرا"
    assert fold_term("لمساف", counts) == "مساف"
    assert fold_term("اسكتلندا", counts) == "اسكتلند"  # the commoner shorter form wins
    assert fold_term("بحر", counts) == "بحر"  # too short to carry a clitic
    assert fold_term("لعبه", counts) == "لعبه"  # the text never uses عبه
    assert fold_term("وزرا", counts, protected=frozenset({"وزرا"})) == "وزرا"  # alias terms stay
    assert fold_term("2015", counts) == "2015"


def test_folding_lets_a_question_with_a_clitic_find_the_bare_word() -> None:
    index = make_index("اجتمع الوزراء في القصر الجديد صباح الأحد. ناقش وزراء المال الميزانية مطولا.", *FILLER)
    hit = index.search("ماذا ناقش الوزراء؟").sentences[0]
    assert hit.sentence.index == 1


def test_a_year_is_stronger_evidence_of_a_time_than_a_time_noun() -> None:
    qtype = classify("متى افتتح الجسر؟")
    assert qtype.strength("افتتح في مايو 1998.") == 1.0
    assert 0 < qtype.strength("افتتح بعد سنوات من العمل.") < 1.0
    assert qtype.strength("افتتحه الوزير.") == 0.0
    assert classify("ما هو الجسر؟").strength("أي جملة") == 1.0  # no type asked, none needed


def test_manner_question_prefers_the_sentence_that_says_how() -> None:
    index = make_index("نقلت البضائع إلى الميناء الكبير. نقلت البضائع إلى الميناء عن طريق القطار.", *FILLER)
    assert "القطار" in index.search("كيف نقلت البضائع إلى الميناء؟").sentences[0].sentence.text


def test_index_analyze_matches_query_terms() -> None:
    index = make_index("ناقش وزراء المال الميزانية مطولا في القصر.", *FILLER)
    assert set(index.analyze("الوزراء")) <= set(index.parse_query("ماذا ناقش الوزراء؟").terms)


def test_who_after_a_preposition_and_from_which():
    from index.questions import DURATION, PERSON, classify

    assert classify("مع من يتنافس زوك؟").kind == PERSON
    assert classify("من هو جويل بينو؟").kind == PERSON
    # "من متى" is "since when": the word before متى makes it ask a span of time.
    assert classify("من متى ليكون ينتقد زوك؟").kind == DURATION
    # After a preposition, the word following من decides too ("مع من أي …" is not "who").
    assert classify("مع من أي شركة؟").kind != PERSON


def test_a_question_s_bare_word_meets_the_text_s_only_form_with_a_clitic_letter() -> None:
    from index.analysis import Analyzer
    from index.article import Sentence
    from index.search import Passage, StoryIndex
    from index.sentences import split_sentences

    texts = ("ويرقد المريض حاليا بمستشفى المدينة الطبية.", "وتوفيت زوجته الأسبوع الماضي.")
    passages = []
    for number, text in enumerate(texts, 1):
        spans = split_sentences(text)
        sentences = tuple(Sentence(text[s:e], s, e, number, i) for i, (s, e) in enumerate(spans))
        passages.append(Passage("t", number, None, text, 0, sentences))
    index = StoryIndex(passages, Analyzer())
    # مستشفى is written only as بمستشفى: the question's مستشفى is that word.
    query = index.parse_query("في أي مستشفى يرقد المريض؟")
    assert index.analyze("بمستشفى")[0] in query.terms
    assert index.search("في أي مستشفى؟").sentences[0].passage.number == 1


def test_a_word_the_text_writes_only_with_a_clitic_letter_is_found_by_its_bare_word():
    """_clitic_forms (TERM_CLITICS): a stem of four letters at least, the text's commonest form."""
    from index.search import _clitic_forms

    vocabulary = frozenset({"بمستشفي", "لمستشفي", "وزير", "بلد", "وفريق", "فريق", "بجده"})
    counts = {"بمستشفي": 1, "لمستشفي": 3}
    forms = _clitic_forms(vocabulary, counts, frozenset({"وزير"}))
    assert forms["مستشفي"] == "لمستشفي"  # the more frequent spelling
    assert "فريق" not in forms  # the text writes the bare word too
    assert "زير" not in forms and "لد" not in forms and "جده" not in forms  # protected; too short


def test_a_bare_word_meets_the_same_clitic_form_whatever_the_hash_seed() -> None:
    """Two forms the text writes equally often: the choice must not follow set order, which
    changes with PYTHONHASHSEED from one process to the next."""
    import os
    import subprocess
    import sys

    code = (
        "from index.search import _clitic_forms\n"
        "v = frozenset({'بمستشفي', 'لمستشفي', 'وكتاب', 'بكتاب', 'فكتاب'})\n"
        "print(sorted(_clitic_forms(v, {}, frozenset()).items()))\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": root},
            capture_output=True, text=True, check=True, cwd=root,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs
