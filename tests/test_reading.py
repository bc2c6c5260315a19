"""The reader (index/reading.py): one reading of a question, whatever its register."""

from __future__ import annotations

import pytest

from index.analysis import Analyzer, normalize, stopwords
from index.questions import (
    DURATION, MANNER, NUMBER, OTHER, PERSON, PLACE, PRICE, REASON, TIME, YESNO, lexicon,
)
from index.reading import read


@pytest.mark.parametrize(
    "question, kind",
    [
        # formal Arabic
        ("كم عدد المستخدمين؟", NUMBER),
        ("متى افتتح المطار؟", TIME),
        ("من فاز بالسباق؟", PERSON),
        ("أين يقع المطار؟", PLACE),
        ("لماذا تراجعت الإيرادات؟", REASON),
        ("كيف تحقق ذلك؟", MANNER),
        ("هل ارتفعت الأرباح؟", YESNO),
        ("في أي عام تأسست الشركة؟", TIME),
        # Levantine
        ("قديش عدد المستخدمين؟", NUMBER),
        ("وين بيصير السباق؟", PLACE),
        ("ليش نزلت الأرباح؟", REASON),
        # Egyptian
        ("امتى هيفتتحوا المطار؟", TIME),
        ("ازاي حصل ده؟", MANNER),
        ("فين المطار؟", PLACE),
        # Gulf and Iraqi
        ("منو فاز بالسباق؟", PERSON),
        ("شكثر الأرباح؟", NUMBER),
        ("شكد عدد الركاب؟", NUMBER),
        ("شلون صار هذا؟", MANNER),
        # Maghrebi
        ("شحال من واحد خدام فالقطاع؟", NUMBER),
        ("شكون ربح السباق؟", PERSON),
        ("علاش طاحت الأسعار؟", REASON),
        ("وقتاش غادي يتحل المطار؟", TIME),
        # English and Arabizi
        ("When did the airport open?", TIME),
        ("Who won the race?", PERSON),
        ("How many people use the internet?", NUMBER),
        ("emta el matar hayeftah?", TIME),
        ("leh el arba7 nezlet?", REASON),
        ("meen keseb el sba2?", PERSON),
        # duration and price
        ("How long did he work there?", DURATION),
        ("منذ متى يعارض الوزير القرار؟", DURATION),
        ("قديش صرلو بالشركة؟", DURATION),
        ("كم سنة استغرق البناء؟", DURATION),
        ("How long are the belts?", NUMBER),  # a length, not a span of time
        ("كم سعر السهم اليوم؟", PRICE),
        ("بكم بالمئة انخفضت الأسهم؟", NUMBER),  # a percentage, not a price
        ("ماذا قال المحلل عن الأسعار؟", OTHER),  # prices as a topic
    ],
)
def test_the_kind_asked_in_every_register(question, kind):
    assert read(question).kind == kind


@pytest.mark.parametrize("word", ["شحال", "شكون", "قديش", "شنو", "وين", "علاش", "امتي", "addeh", "emta", "meen"])
def test_question_words_are_never_search_terms(word):
    # One table feeds the classifier and the stopword filter: a question word of any dialect
    # is read as asking, never searched for ("شكون ترك" must not look for a word شكون).
    assert normalize(word) in stopwords() or normalize(word) in lexicon().asks
    assert Analyzer().analyze(f"{word} ربح السباق") == Analyzer().analyze("ربح السباق")


def test_every_asking_word_of_the_table_is_stopped():
    assert set(lexicon().asks) <= stopwords()


def test_focus_is_the_content_word_after_the_question_word():
    assert read("كم عمر الوزير؟").focus == "عمر"
    assert read("ما هي النماذج العالمية؟").focus == "النماذج"
    assert read("مع أي شركات تتنافس المجموعة؟").focus == "شركات"
    assert read("esm el startup eh?").focus == "esm"


def test_numbers_the_question_gives_are_kept():
    assert read("كم لاعبا شارك في بطولة 2015؟").given == frozenset({"2015"})


def test_a_short_question_leans_on_the_previous_one():
    assert read("ومتى؟").leans_back
    assert read("ومين كمان؟").leans_back
    assert read("and who else?").leans_back
    assert not read("متى افتتح الملك المطار الجديد؟").leans_back


def test_a_follow_up_keeps_the_kind_it_asks():
    previous = read("كم عاملاً فصلت الشركة؟")
    follow_up = read("ومتى؟").following(previous)
    assert follow_up.kind == TIME
    assert not follow_up.several  # the previous question's word is no second question
    assert "فصلت" in follow_up.tokens
    assert read("وكم؟").following(read("متى افتتح المطار؟")).kind == NUMBER


def test_two_questions_in_one():
    assert read("ماذا فعل الوزير، وكم أنفق؟").several
    assert not read("How many employees does the company have?").several


def test_the_place_in_the_article():
    assert read("ماذا يقول الكاتب في نهاية المقال؟").place == "end"
    assert read("ماذا يقول في بداية الخبر؟").place == "start"
    assert read("ما آخر ما فعله الوزير؟").place is None  # "last" without the article is no place


def test_the_definition_form():
    assert read("ما هي النماذج العالمية؟").definition
    assert read("what is a world model?").definition
    assert not read("ما الذي حدث؟").definition


def test_reading_needs_no_article():
    # Article-independent: the same record whatever is loaded, and cached as such.
    assert read("متى افتتح المطار؟") is read("متى افتتح المطار؟")


def test_the_words_asked_about_skip_the_word_that_refines_the_question_word():
    assert read("كم سنة عمل الوزير في الشركة؟").after_question_word(1)[0] == "عمل"
    assert read("How long did he work there?").after_question_word(1)[0] == "did"
    assert read("كم عاملا فصلت الشركة؟").after_question_word(1)[0] == "عاملا"


def test_a_reading_on_fewer_tokens_keeps_its_question_word_in_place():
    reading = read("بلغت المبيعات كم؟")  # the question word last, as readers often type it
    fewer = reading.keeping(reading.tokens[1:])
    assert fewer.tokens[fewer.qword] == reading.tokens[reading.qword]
    assert fewer.before_question_word == fewer.tokens[:1]
    assert reading.keeping(reading.tokens[:-1]).qword is None  # the question word itself went


@pytest.mark.parametrize(
    "question, kept",
    [
        ("شكد واحد من المدانين عنده دكتوراه؟", ("شكد", "من", "المدانين", "عنده", "دكتوراه")),  # n4
        ("وكم واحد منهم عنده ماجستير؟", ("وكم", "منهم", "عنده", "ماجستير")),  # n4's follow-up
        ("kam wa7ed etfasal men qesm el AI f meta?", ("kam", "etfasal", "men", "qesm", "el", "ai", "f", "meta")),
        # "one" elsewhere is a word of the question (d6's follow-up, d2)
        ("كم طائرة يخدم المطار الجديد في آن واحد؟", ("كم", "طايره", "يخدم", "المطار", "الجديد", "في", "ان", "واحد")),
        ("وش قيمة توزيعات سابك للسهم الواحد؟", ("وش", "قيمه", "توزيعات", "سابك", "للسهم", "الواحد")),
    ],
)
def test_one_after_how_many_asks_how_many_people(question, kept):
    assert read(question).tokens == kept


@pytest.mark.parametrize(
    "question",
    ["هو المدير ساب الشركة ليه أصلاً؟", "مين ده أصلاً؟", "ليش قرروا يسوون هالمشروع أصلا؟", "howa el modeer sab el sherka leh aslan?"],
)
def test_at_all_closing_a_question_is_no_word_asked_about(question):
    # أصلاً "at all, in the first place": the normaliser leaves أصل "origin" of it, which the
    # search would look for; closing the question it is the adverb (أصلا, aslan: stopwords)
    terms = Analyzer().analyze_tokens(read(question).tokens)
    assert "اصل" not in terms and "اصلا" not in terms and "aslan" not in terms


def test_origin_inside_a_question_is_still_searched():
    assert "اصل" in read("ما أصل الكلمة؟").tokens
    assert "اصل" in read("من كان من أصل فرنسي؟").tokens


@pytest.mark.parametrize(
    "question, arabic",
    [
        ("How old is the coach?", "كم عمر المدرب؟"),
        ("how wide is the new road?", "كم عرض الطريق الجديد؟"),
        ("How high is the tower?", "كم ارتفاع البرج؟"),
        ("How deep is the well?", "كم عمق البئر؟"),
        ("How heavy is the plane?", "كم وزن الطائرة؟"),
        ("How far is the airport?", "كم مسافة المطار؟"),
        ("How long is the bridge?", "كم طول الجسر؟"),
    ],
)
def test_how_and_an_adjective_asks_the_quantity_as_the_arabic_noun_does(question, arabic):
    # "How old is X" asks a number, the age, as "كم عمر X" does (not a manner): the reading
    # writes كم and the quantity's noun in place of the two words.
    english, formal = read(question), read(arabic)
    assert english.kind == formal.kind == NUMBER
    assert english.tokens[english.qword : english.qword + 2] == formal.tokens[formal.qword : formal.qword + 2]


def test_how_long_with_a_verb_still_asks_a_span_and_how_big_is_left_as_it_is():
    assert read("How long has he been baking?").kind == DURATION
    # "how big" asks an area, a volume or a comparison (a wing like a Boeing's): no one noun.
    assert "how" in read("How big is the new terminal?").tokens


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("كم كلف المشروع؟", PRICE),
        ("والمشروع كلف كام؟", PRICE),
        ("بيكلف كام؟", PRICE),
        ("ما الذي كلف به الوزير؟", OTHER),  # كلّف: he was assigned, no price
        ("بماذا كلفت اللجنة؟", OTHER),
        ("ايش سعر التذكرة؟", PRICE),  # a price noun asks a price after "what" too
    ],
)
def test_the_verb_cost_asks_a_price_only_in_a_number_question(question: str, kind: str) -> None:
    assert read(question).kind == kind
