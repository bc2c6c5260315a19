"""The decision's tests for a name when the article's names are not known: the name a
"ما اسم" question asks for (bot.core.verdict._named_spans) and the holder of the role a
"من هو" question asks about."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answer import answer, load_story
from bot.core.answer_types import Kind
from bot.core.story import story_of
from bot.core.verdict import _named_spans
from index.article import load_article, parse_article

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "articles"


def sentence_with(path: Path, words: str) -> str:
    return next(s.text for s in load_article(path).sentences if words in s.text)


@pytest.mark.parametrize(
    ("path", "words", "name"),
    [
        (DATA / "fresh-2026-12-01" / "h2.txt", "حملة ( نقدر نوقفها )", " نقدر نوقفها "),  # in brackets
        (DATA / "fresh-2026-12-01" / "h7.txt", "المعروفة باسم (مايند)", "(مايند)"),  # after a naming word
        (DATA / "fresh-2026-12-01b" / "g8.txt", "شركة «زيمبريوم»", "زيمبريوم"),  # in quotes
    ],
)
def test_a_name_is_marked_in_articles_whose_names_are_not_known(path, words, name):
    names = [span for _, span, _ in _named_spans(sentence_with(path, words))]
    assert name in names


def test_an_aside_in_brackets_with_a_number_is_no_name():
    spans = [span for _, span, _ in _named_spans("حققت سابك أرباحا بلغت 1.6 مليار دولار (6.17 مليار ريال) أمس")]
    assert not any("مليار" in span for span in spans)


def test_the_word_after_naming_words_stands_at_the_first_of_them():
    # «المعروفة باسم مايند»: the name is the noun's, two words after it (الحمية الغذائية …).
    assert (2, "مايند") in [(at, span) for at, span, _ in _named_spans("الحمية الغذائية المعروفة باسم مايند تحمي الدماغ")]


@pytest.mark.parametrize(
    "text, question, name",
    [
        ("كشفت الشركة عن طائرتها الجديدة. وستحلق الطائرة التي تحمل اسم «نسر» فوق المناطق النائية.",
         "ما اسم طائرة الشركة؟", "«نسر»"),
        ("افتتحت البلدية حديقة كبيرة. وتقع الحديقة التي أطلق عليها اسم الواحة في وسط المدينة.",
         "شو اسم الحديقة؟", "الواحة"),
    ],
)
def test_a_name_after_a_naming_word_names_the_noun_before_its_relative_clause(text, question, name):
    # «الطائرة التي تحمل اسم «نسر»»: a relative pronoun and its verb stand between the noun
    # asked about and the naming word; the name is still that noun's.
    reply = answer(story_of(parse_article("title: خبر تجريبي\n\n" + text.replace(". ", ".\n") + "\n", "named")), question)
    assert reply.kind is Kind.ANSWER and name in reply.quotes[0].text


ROLES = """title: حريق في مستودع
disclaimer: نص تجريبي للاختبار فقط.

اندلع حريق في مستودع للأخشاب جنوب المدينة فجر اليوم.
وتواصلت الصحيفة مع المتحدث الرسمي للدفاع المدني ولم يتم الرد حتى الآن.
وقال مدير المستشفى الدكتور سامي العلي إن المصابين الثلاثة في حالة مستقرة.
"""


@pytest.fixture(scope="module")
def fire():
    return story_of(parse_article(ROLES, "fire"))


def test_a_role_the_article_only_mentions_names_no_one(fire):
    assert answer(fire, "من هو المتحدث الرسمي للدفاع المدني؟").kind is Kind.NOT_FOUND


def test_the_holder_named_beside_the_role_answers(fire):
    reply = answer(fire, "من هو مدير المستشفى؟")
    assert reply.kind is Kind.ANSWER and "سامي العلي" in reply.quotes[0].text


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared development articles are not here")
def test_a_name_before_the_role_and_one_after_it_both_answer():
    # In apposition either way: "لوران فابيوس" after the role (d4), "توني تايلر" before it (g7).
    visit = load_story([ARTICLES / "d4.txt"])
    assert "لوران فابيوس" in answer(visit, "من هو وزير الخارجية الفرنسي؟").quotes[0].text
    flights = load_story([DATA / "fresh-2026-12-01b" / "g7.txt"])
    assert "توني تايلر" in answer(flights, "من هو الرئيس التنفيذي لإياتا؟").quotes[0].text


def test_an_organisation_is_named_by_its_head_noun_and_the_word_after():
    spans = _named_spans("انطلق المهرجان الذي تنظمه جمعية النحالين التعاونية في المنطقة")
    assert (4, "النحالين") in [(at, span) for at, span, _ in spans]


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared development articles are not here")
def test_a_paragraph_holds_a_question_word_in_its_plural_not_in_another_pattern():
    from bot.core.verdict import _root_hold

    results = load_story([ARTICLES / "d2.txt"])  # أرباح، the plural of ربح
    assert _root_hold(results, frozenset({"ربح"}), frozenset({"ارباح"})) == {"ربح"}
    trial = load_story([DATA / "fresh-2026-12-01" / "h5.txt"])  # تهم (charges) are not متهم (the accused)
    assert _root_hold(trial, frozenset({"متهم"}), frozenset({"تهم"})) == frozenset()


@pytest.mark.parametrize(
    ("path", "question", "name"),
    [
        # the question's words between the noun and its name (تطبيقاً للهواتف الذكية ( SIMAH APP ))
        (DATA / "fresh-2026-12-02b" / "n5.txt", "ما اسم تطبيق سمة للهواتف الذكية؟", "SIMAH APP"),
        (DATA / "fresh-2026-12-01b" / "g4.txt", "ما اسم منصة التعليم عن بعد التي ستستخدم؟", "جسور"),
    ],
)
def test_the_question_s_own_words_between_the_noun_and_its_name_do_not_part_them(path, question, name):
    reply = answer(load_story([path]), question)
    assert reply.kind is Kind.ANSWER and name in reply.quotes[0].text


@pytest.mark.parametrize(
    ("path", "question"),
    [
        # «أحد مواقع الأخبار الروسية»: the question's words, and no name after them
        (DATA / "fresh-2026-12-01c" / "k6.txt", "ما اسم موقع الأخبار الروسي؟"),
        (DATA / "fresh-2026-12-01b" / "g6.txt", "ما اسم القناة الفضائية التي ظهر فيها؟"),
    ],
)
def test_the_question_s_own_words_after_the_noun_are_no_name(path, question):
    assert answer(load_story([path]), question).kind is not Kind.ANSWER


def test_a_paragraph_holds_a_question_word_written_with_or_without_a_proclitic():
    from bot.core.verdict import _clitic_hold

    # بجدة (بجد) in the question, جدة (جده) in the paragraph; أصول's singular in بأصل (باصل)
    assert _clitic_hold(frozenset({"بجد", "انفق"}), frozenset({"جده", "انفق"})) == {"بجد"}
    assert _clitic_hold(frozenset({"اصول"}), frozenset({"باصل", "دين"})) == {"اصول"}
    assert _clitic_hold(frozenset({"شقق"}), frozenset({"تسليم"})) == frozenset()
    # Words that differ in a first letter that could be a proclitic are no forms of one word.
    assert _clitic_hold(frozenset({"بلد", "لحم"}), frozenset({"ولد", "فحم", "ورق"})) == frozenset()
    assert _clitic_hold(frozenset({"فرق"}), frozenset({"ورق", "برق"})) == frozenset()


@pytest.mark.parametrize(
    ("path", "question", "gold"),
    [
        (DATA / "fresh-2026-12-02" / "m2.txt", "كم تبلغ كلفة مشروع النقل العام بجدة؟", "تبلغ كلفته 45 مليار ريال"),
        (DATA / "fresh-2026-12-01b" / "g1.txt", "قديش سددت الشركة من أصل الدين؟", "بأصل الدين بمبلغ 1.4 مليار"),
    ],
)
def test_a_value_is_about_the_place_or_thing_asked_in_its_other_spelling(path, question, gold):
    reply = answer(load_story([path]), question)
    assert reply.kind is Kind.ANSWER and gold in reply.quotes[0].text


DESCRIBED = {
    "market": """title: سوق العقار
disclaimer: نص تجريبي للاختبار فقط.

تراجعت أسعار الأراضي في المدينة خلال الربع الأخير.
قال سلطان الحربي، وهو رئيس شركة عقارية، إن الانخفاض سيستمر.
ويتوقع المستثمرون أن تعود الأسعار إلى الارتفاع العام المقبل.
""",
    "clinic": """title: عيادة جديدة
disclaimer: نص تجريبي للاختبار فقط.

افتتحت البلدية عيادة جديدة في الحي الشرقي.
وأكدت نورة السالم، التي تدير العيادة، أن العمل يبدأ الأسبوع المقبل.
وتواصلت الصحيفة مع مدير الصحة في المحافظة، واتضح أن الافتتاح مؤقت.
""",
}


@pytest.mark.parametrize(
    "name, question, expected",
    [("market", "من هو سلطان الحربي؟", "وهو رئيس شركة عقارية"), ("clinic", "مين هي نورة السالم؟", "التي تدير العيادة")],
)
def test_who_is_a_name_the_sentence_describes(name, question, expected):
    # The words after "who is" are a name the article describes («…، وهو رئيس …»), not a role.
    reply = answer(story_of(parse_article(DESCRIBED[name], name)), question)
    assert reply.kind is Kind.ANSWER and expected in reply.quotes[0].text


def test_a_role_followed_by_another_clause_is_not_described():
    reply = answer(story_of(parse_article(DESCRIBED["clinic"], "clinic")), "من هو مدير الصحة في المحافظة؟")
    assert reply.kind is Kind.NOT_FOUND
