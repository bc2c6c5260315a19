"""The kind table (index/kinds.py) on articles other than the embedded story."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.answer import answer, load_story
from bot.core.answer_types import Kind
from index.article import load_article
from index.kinds import KINDS, NAME, VALUE, row_of
from index.questions import DURATION, NUMBER, PERSON, PRICE, REASON, TIME, QuestionType

ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "articles"
pytestmark = pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared development articles are not here")


def sentence_with(article_name: str, words: str) -> str:
    article = load_article(ARTICLES / f"{article_name}.txt")
    return next(s.text for s in article.sentences if words in s.text)


def test_every_kind_has_a_row_and_values_are_needed_for_numbers_and_times():
    for kind in (NUMBER, PRICE, TIME, DURATION):
        assert row_of(kind).needs == VALUE and row_of(kind).search_lift > 0
    assert row_of(PERSON).needs == NAME
    assert row_of("no-such-kind") is KINDS["other"]


def test_numbers_times_and_spans_in_a_second_article():
    users = sentence_with("d1", "19.6 مليون مستخدم")
    visit = sentence_with("d4", "منذ 12 عاما")
    number, time, duration = QuestionType(NUMBER), QuestionType(TIME), QuestionType(DURATION)
    assert number.strength(users) == 1.0
    assert time.strength(users) == 0.0  # a count is no date
    assert duration.strength(visit) == 1.0  # منذ 12 عاما
    assert duration.strength(users) == 0.0
    # A number the question gives is no answer to it.
    assert QuestionType(NUMBER, frozenset({"19.6"})).strength(users) < 1.0


@pytest.mark.parametrize(
    "sentence",
    [
        "تعرض بعد غدٍ الأربعاء في حفل افتتاح المهرجان",  # a weekday, a day told from today
        "سجل هدف التعادل في الدقيقة 35 من المباراة",  # a match's minute
        "يبدأ الدوام في شهر رمضان المقبل",  # a Hijri month
        "وقّعت الاتفاقية في الخامس من كانون الثاني",  # a Syriac month of two words
        "يُفتتح المعرض الساعة العاشرة صباحا",  # the clock with an ordinal
        "التقى الوزير أمس بالمديرين",
    ],
)
def test_general_time_expressions_date_a_sentence(sentence):
    assert QuestionType(TIME).strength(sentence) == 1.0


@pytest.mark.parametrize(
    "sentence",
    [
        "لا يمارس عامل النظافة الرياضة قط",  # مارس inside a word is no month
        "قال أحد اللاعبين إن الفريق جاهز",  # أحد is "one", not Sunday
        "وحضر الساعة من المديرين",  # a clock word with no number or ordinal
    ],
)
def test_words_inside_other_words_are_no_time(sentence):
    assert QuestionType(TIME).strength(sentence) < 1.0


def test_a_price_needs_a_sum_of_money():
    brent = sentence_with("d3", "60.60 دولار")
    users = sentence_with("d1", "19.6 مليون مستخدم")
    assert QuestionType(PRICE).strength(brent) == 1.0
    assert QuestionType(PRICE).strength(users) == 0.0


def test_a_reason_sentence():
    assert QuestionType(REASON).strength("تراجعت الإيرادات بسبب ترك الخطوط الثابتة.") == 1.0
    assert QuestionType(REASON).strength("تراجعت الإيرادات.") == 0.0
    # "X attributed Y to Z" with a long subject and object between the verb and its إلى
    assert QuestionType(REASON).strength(
        "وعزا متعاملون في سوق الأسماك المركزي بالقطيف الهبوط السريع للأسعار إلى كثرة المعروض.") == 1.0
    assert QuestionType(REASON).strength(
        "ويعزو خبراء الطاقة في المنطقة ارتفاع الاستهلاك المحلي إلى نمو السكان.") == 1.0
    assert QuestionType(REASON).strength("وعزا الفريق فوزه.") == 0.0


@pytest.fixture(scope="module")
def visit_story():
    return load_story([ARTICLES / "d4.txt"])


def test_a_duration_question_is_answered_with_the_span(visit_story):
    reply = answer(visit_story, "منذ متى لم يزر وزير خارجية فرنسي إيران؟")
    assert reply.kind is Kind.ANSWER and "منذ 12 عاما" in reply.quotes[0].text


def test_a_price_of_something_the_article_never_prices_is_declined():
    telecom = load_story([ARTICLES / "d1.txt"])
    assert answer(telecom, "كم سعر باقة الجيل الرابع؟").kind is Kind.NOT_FOUND
    oil = load_story([ARTICLES / "d3.txt"])
    reply = answer(oil, "كم كان متوسط سعر برنت في 2014؟")
    assert reply.kind is Kind.ANSWER and "دولار" in reply.quotes[0].text


SYNTHETIC = """title: حصيلة الأمطار في المملكة
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

هطلت أمطار غزيرة على مناطق عدة من المملكة يوم الخميس.
وفي الرياض توفي 4 أشخاص بسبب السيول وأغلقت المدارس.
أما في جدة فقد تضررت الطرق وتعطلت حركة المرور لساعات.
وقال الدفاع المدني إن فرقه تعمل على فتح الطرق المغلقة.
وتوقعت الأرصاد استمرار الأمطار حتى نهاية الأسبوع.
"""


def test_a_number_must_be_about_the_place_asked():
    from bot.core.story import story_of
    from index.article import parse_article

    story = story_of(parse_article(SYNTHETIC, "rain"))
    riyadh = answer(story, "كم عدد الوفيات في الرياض؟")
    assert riyadh.kind is Kind.ANSWER and "4 أشخاص" in riyadh.quotes[0].text
    # Jeddah is named, but the article counts no deaths there: the Riyadh figure is no answer.
    jeddah = answer(story, "كم شخصا توفي في جدة؟")
    assert jeddah.kind is Kind.NOT_FOUND, jeddah.quotes
    assert answer(story, "أي وكالة نشرت الخبر؟").quotes[0].place == "source"


def test_a_place_answer_names_where_after_a_place_preposition():
    from index.analysis import Analyzer
    from index.kinds import Fit, names_a_place

    analyze = Analyzer().analyze

    # The words this report uses in few paragraphs (a place's name among them).
    rare = set(analyze("موسكو فيينا جانب"))

    def fit(text: str, matched: set[str]) -> Fit:
        return Fit(text, frozenset(matched), None, analyze, frozenset(), frozenset(),
                   singles_out=rare.__contains__, connectives=frozenset({"ظل", "جانب"}))

    asked = set(analyze("قال البدري"))
    assert names_a_place(fit("وقال البدري في مؤتمر صحافي في موسكو", asked))
    assert not names_a_place(fit("قال البدري إن المنظمة لا تتوقع الهبوط", asked))
    # A preposition before the question's own word says nothing of where.
    assert not names_a_place(fit("قال البدري في أسعار النفط", asked | set(analyze("أسعار"))))
    # Nor before a common word of the report, a time or a connective.
    assert not names_a_place(fit("قال البدري في مؤتمر صحافي", asked))
    assert not names_a_place(fit("قال البدري في الدقيقة 71", asked))
    assert not names_a_place(fit("وقال البدري إلى جانب فيينا", asked))
    # A head noun may stand before the place's name (في مدينة فيينا).
    assert names_a_place(fit("وقال البدري في مدينة فيينا", asked))


def test_during_is_no_number_but_twelve_is():
    from index.questions import NUMBER, QuestionType

    number = QuestionType(NUMBER)
    assert number.strength("وأنقذ الدفاع المدني شابا أثناء جريان السيل.") == 0.0
    assert number.strength("وتضم البعثة اثنا عشر لاعبا.") > 0.0


@pytest.mark.parametrize(
    "question, kind",
    [
        ("شحال من نهار تبعو الناس الأجهزة؟", DURATION),  # "how many of" a unit of time
        ("كم من الوقت استغرق البناء؟", DURATION),
        ("كم ليلة قضى الوفد في المدينة؟", DURATION),
        ("كم من لاعب شارك في المباراة؟", NUMBER),  # a count of anything else stays a number
    ],
)
def test_how_many_of_a_unit_of_time_asks_a_span(question, kind):
    from index.reading import read

    assert read(question).kind == kind


FRESH = Path(__file__).resolve().parent / "data"


def fresh_sentence_with(folder: str, article_name: str, words: str) -> str:
    article = load_article(FRESH / folder / f"{article_name}.txt")
    return next(s.text for s in article.sentences if words in s.text)


@pytest.mark.parametrize(
    ("folder", "article", "words"),
    [
        ("fresh-2026-12-01c", "k8", "افتتاح كورنيش السيف الجنوبي قريباً"),  # soon
        ("fresh-2026-12-01c", "k4", "اعتبارا من موسم الحج المقبل"),  # from next season on
        ("fresh-2026-12-01b", "g4", "للعام الدراسي المقبل"),  # the next school year
    ],
)
def test_a_time_told_from_now_dates_a_sentence(folder, article, words):
    # None of these sentences holds a year, a month or a weekday.
    assert QuestionType(TIME).strength(fresh_sentence_with(folder, article, words)) == 1.0


def test_a_state_now_or_before_is_no_date():
    # "حالياً", "سابقاً" say that something is so, not when it happened.
    assert QuestionType(TIME).strength("والمريض منوم حالياً بالمستشفى وخضع لعملية سابقاً") < 1.0


# Whole questions that a rule of the kind table must decline, beside those it must still
# answer, on articles other than the embedded story: rule -> rows of (folder, article,
# question, answered), the folder a fresh one or "" for a development article. One table and
# one test, so that a rule's case is a row.
ANSWERS_AND_DECLINES: dict[str, list[tuple[str, str, str, bool]]] = {
    "how_many_needs_a_count_and_how_much_its_measure": [
        # "How many" things: a number in barrels, percent or riyals counts no members, staff or fishermen.
        ("", "d3", "كم عدد أعضاء منظمة أوبك؟", False),
        ("fresh-2026-12-02", "m6", "كم عدد موظفي المؤسسة؟", False),
        ("fresh-2026-12-02", "m5", "كم عدد الصيادين في فرسان؟", False),
        ("", "d6", "كم عدد الشركات المشاركة في تنفيذ المشروع؟", True),  # نحو 110 شركات
        ("fresh-2026-12-02b", "n4", "كم عدد الممارسين الصحيين المدانين بالخطأ الطبي؟", True),
        # "How much" of a measure: its word or its unit, not another number (بوينغ 737).
        ("fresh-2026-12-02b", "n3", "كم وزن الطائرة؟", False),
        ("fresh-2026-12-02", "m2", "كم يبلغ طول خط المترو البرتقالي؟", False),
        ("fresh-2026-12-02", "m8", "كم يبلغ وزن المروحة؟", True),  # وزنها التقريبي
        ("fresh-2026-12-01b", "g7", "كم نسبة البضائع التي تنقل جواً؟", True),  # 35 في المائة
        # The count stands by the noun counted: 800 cars and "three lines" count no sculptures
        # or stations; "ثلاثة آلاف مواطن"، "22 لاعبا" count the noun, as does a sentence telling
        # "the number of" it (عدد الانتصارات … الفوز الـ41، يصل عدد الدلالين … إلى 75 موظفا).
        ("fresh-2026-12-01c", "k8", "كم عدد المجسمات في المتحف المفتوح؟", False),
        ("fresh-2026-12-02", "m2", "كم عدد محطات مترو جدة؟", False),
        ("fresh-2026-12-01", "h6", "كم مواطنا خاطبت وزارة الإسكان من مستحقي الوحدات السكنية؟", True),
        ("fresh-2026-12-01", "h1", "كم لاعبا تضم بعثة النصر المسافرة إلى لندن؟", True),
        ("", "d5", "كم عدد انتصارات فيتيل في الفورمولا 1؟", True),
        ("fresh-2026-12-02b", "n1", "كم عدد الدلالين والكتاب في المهرجن؟", True),
        ("fresh-2026-12-02b", "n6", "كم متر امتداد الصور الوطنية على ضفاف السد؟", True),  # a unit: no noun counted
        # كم دولة: the noun's bare form is a stopword, read with the article (الدولة): cars,
        # staff and a Boeing 737 count no countries.
        ("fresh-2026-12-02b", "n1", "كم دولة تستورد تمور بريدة؟", False),
        ("fresh-2026-12-02b", "n3", "كم دولة راح تغطيها الطائرة؟", False),
        # No number left, only «العشرات من المواقع», «عدة ثغرات»: no count.
        ("fresh-2026-12-02b", "n7", "كم عدد زوار احتفالات قرى جازان؟", False),
        ("fresh-2026-12-01b", "g8", "كم عدد الثغرات التي أصلحها التحديث بالضبط؟", False),
        # A measure's word without its value (مساحة كافية), or of a thing never named (الإيجارات).
        ("fresh-2026-12-02b", "n2", "كم مساحة الحقل الشمسي بالأفلاج؟", False),
        ("fresh-2026-12-02", "m1", "كم نسبة انخفاض الإيجارات؟", False),
        ("fresh-2026-12-01c", "k1", "كم بلغ حجم القمح المستورد منذ بداية العام؟", True),
    ],
    "who_needs_the_role_asked": [
        # The role asked right after "who": a word the article never uses, or one the quote lacks.
        ("fresh-2026-12-01b", "g2", "مين حارس الاتحاد؟", False),
        ("fresh-2026-12-02b", "n7", "مين مؤلف مسرحية في العيادة؟", False),
        ("fresh-2026-12-02b", "n2", "مين رئيس معهد بحوث المياه والطاقة؟", False),
        ("fresh-2026-12-02b", "n1", "من رئيس لجنة التمور في غرفة القصيم؟", True),
        ("fresh-2026-12-02b", "n7", "من مدير شرطة منطقة جازان؟", True),
        ("fresh-2026-12-01b", "g2", "من الحكم الذي أدار المباراة؟", True),
        # A plural after "who (they)" asks which of a group: the answer lists them without the word.
        ("fresh-2026-12-01", "h1", "شكون هوما اللاعبين اللي دار معاهم المدرب تمارين خاصة؟", True),
    ],
    "why_is_answered_by_a_cause_or_the_purpose_of_the_deed_asked": [
        # A purpose (لتفعيل، لتشغيل) is of its own sentence's deed, not of the one asked about.
        ("fresh-2026-12-02b", "n1", "ليش نقص إنتاج التمور هالسنة؟", False),
        ("fresh-2026-12-02b", "n2", "ليش اختاروا الأفلاج بالذات؟", False),
        ("fresh-2026-12-02", "m4", "عبد الشافي اتأخر ليه؟", True),  # … بعد الانتهاء من … (the delay's)
        ("fresh-2026-12-01c", "k4", "هو ليه الوزير استعجل في الأنظمة دي؟", True),
    ],
    "a_value_of_a_year_the_article_never_writes_is_not_given": [
        ("fresh-2026-12-02b", "n5", "كم قروض بطاقات الائتمان في 2015؟", False),  # a report on 2014
        ("", "d1", "كم عدد اشتراكات النطاق العريض الثابته بنهايه 2014", True),
    ],
    "when_needs_a_date_or_the_deed_asked": [
        # A time word alone («الأيام الأولى لاختبارات …») dates only the deed its sentence tells.
        ("fresh-2026-12-02", "m7", "متى تبدأ امتحانات الثانوية العامة في مصر؟", False),
        ("fresh-2026-12-02", "m7", "متى تسربت أسئلة الثانوية العامة في مصر؟", True),
        ("fresh-2026-12-02b", "n1", "متى ينتهي مهرجان بريدة بالتاريخ؟", False),
        # "Until when" asks how long, as "since when": a span answers it.
        ("fresh-2026-12-01b", "g8", "إذا توقف المتجر عن عرض الطراز، إلى متى يظل مدعوماً؟", True),
    ],
    "a_place_asked_within_another_must_be_a_finer_one": [
        # A place asked within one the question names (نمساوية → النمسا) must be a finer one:
        # a sentence naming only that place does not say which city or state.
        ("fresh-2026-12-01", "h1", "في أي مدينة نمساوية يقيم النصر معسكره؟", False),
        ("fresh-2026-12-01", "h4", "في أي مدينة بريطانية يقام مهرجان العسل البريطاني؟", False),
        ("fresh-2026-12-02b", "n3", "بأي ولاية أمريكية راح يختبرونها؟", False),
        # ... and a sentence naming a finer place still answers (اليونان within أوروبي).
        ("fresh-2026-12-01b", "g7", "أي بلد أوروبي يشهد ركوداً في السياحة بعد متاعب ديونه؟", True),
        ("fresh-2026-12-02", "m4", "إلى أي مدينة سينتقل الفريق بعد المرحلة الأولى؟", True),
    ],
    "a_role_after_a_deputy_noun_names_the_deputy_not_the_holder": [
        ("fresh-2026-12-02b", "n1", "مين الرئيس التنفيذي للمهرجان؟", False),  # مساعد الرئيس التنفيذي
        # Holders named beside their role still answer, in other articles.
        ("fresh-2026-12-02b", "n1", "من رئيس لجنة التمور في غرفة القصيم؟", True),
        ("fresh-2026-12-02b", "n3", "من نائب رئيس فيسبوك للهندسة؟", True),
        ("fresh-2026-12-01b", "g7", "من هو الرئيس التنفيذي لإياتا؟", True),
    ],
    "when_is_not_answered_by_a_date_without_the_deed_the_article_names": [
        # The article tells the deed by a word of its root (انتهاء، نهاية); a sentence dating
        # something else (البدء قريباً في تنفيذ …، رعى … البارحة) does not date it.
        ("fresh-2026-12-01c", "k8", "متى ينتهي تنفيذ المرحلتين الرابعة والخامسة؟", False),
        ("fresh-2026-12-02b", "n6", "متى ينتهي مهرجان أبها يجمعنا؟", False),
        ("", "d4", "متى فرض الاتحاد الاوربي والامريكان العقوبات علي طهران", True),
    ],
    "which_hour_or_day_is_not_answered_by_a_coarser_time": [
        ("fresh-2026-12-01b", "g5", "في أي ساعة يبدأ العرض؟", False),  # هذا العام، أربعة أيام
        ("fresh-2026-12-02", "m2", "في أي يوم بالضبط يجتمع أمير مكة مع اللجنة؟", False),  # الأسبوع المقبل
        # The day of «انطلق يوم أمس (الاثنين)، معسكر …» is the camp's: the trainings stand after
        # بينما (verdict subject_apart); the sentence of 5 يوليو is judged undated (not yet found).
        ("fresh-2026-12-02", "m4", "في أي يوم من يوليو انطلقت تدريبات الأهلي؟", False),
    ],
    "how_many_of_a_unit_needs_a_number_in_that_unit": [
        ("fresh-2026-12-02", "m5", "كم طن سمك تصدر جازان في السنة؟", False),  # prices in riyals only
        ("fresh-2026-12-02b", "n1", "كم طن إنتاج نخيل القصيم اللي يستهدف المهرجان تسويقه؟", True),
        ("fresh-2026-12-02b", "n6", "كم متر امتداد الصور الوطنية على ضفاف السد؟", True),  # ٣٠٠ متر
        ("fresh-2026-12-01b", "g7", "كم طناً من الشحن الجوي متوقع بحلول 2025؟", True),  # 214 مليون طن
    ],
    "a_year_asked_dates_the_answer_of_any_kind": [
        # A year the article never writes is no condition it can meet, whatever the kind asked.
        ("", "d2", "What was SABIC's net profit in Q2 2014?", False),
        ("fresh-2026-12-02", "m1", "What was the value of real estate deals in 2016?", False),
        # A year the article writes, but not of the sentence asked about: 2025 is SABIC's
        # strategy's, not its profit's; SIMAH's app was launched in 2014; the air traffic is
        # forecast to 2025, not 2020.
        ("", "d2", "كم بلغ صافي ربح سابك في الربع الثاني من 2025؟", False),
        ("fresh-2026-12-02b", "n5", "ماذا أطلقت سمة في 2013؟", False),
        ("fresh-2026-12-01b", "g7", "كم ستصل الحركة الجوية بحلول 2020؟", False),
        # The year of the sentence, or of its headline when the sentence writes none, answers.
        ("fresh-2026-12-02b", "n5", "ماذا أطلقت سمة في 2014؟", True),
        ("", "d2", "كم بلغ صافي ربح سابك في الربع الثاني من 2015؟", True),
        ("", "d4", "كم بلغت الصادرات الفرنسية لإيران في 2011؟", True),
    ],
    "when_is_not_answered_by_the_date_of_what_followed_the_deed": [
        # The deed asked told only as what came first (… أعلن أمس … بعد توقيع اتفاق، ارتفاع
        # الأسعار بعد توقف الأسماك الواردة): the sentence's date is the later event's.
        ("", "d4", "متى تم توقيع الاتفاق النووي؟", False),
        ("fresh-2026-12-02", "m5", "متى توقفت واردات الأسماك من اليمن؟", False),
        # A date of the deed asked still answers, in the same articles.
        ("", "d4", "متى فرض الاتحاد الاوربي والامريكان العقوبات علي طهران", True),
        ("fresh-2026-12-02", "m5", "mawsem el robyan bada2?", True),
        ("fresh-2026-12-01", "h1", "متي تغادر بعثه النصر الى لندن", True),
    ],
}


@pytest.mark.parametrize(
    ("folder", "article", "question", "answered"),
    [pytest.param(*row, id=f"{rule}-{i}") for rule, rows in ANSWERS_AND_DECLINES.items() for i, row in enumerate(rows, 1)],
)
def test_a_rule_answers_or_declines(folder: str, article: str, question: str, answered: bool) -> None:
    """The article answers the question by a quote, or declines it, as `answered` says."""
    path = (FRESH / folder if folder else ARTICLES) / f"{article}.txt"
    reply = answer(load_story([path]), question)
    assert (reply.kind is Kind.ANSWER) == answered, reply.quotes


def test_a_count_is_no_sum_share_measure_or_year():
    from index.analysis import Analyzer
    from index.kinds import Fit, counts_things, measures_it

    analyze = Analyzer().analyze

    def fit(text: str, counted: bool = True, measure: str = "", terms: str = "") -> Fit:
        measured = frozenset(analyze(terms)) if terms else frozenset()
        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), frozenset(), counted, measure, measured)

    assert not counts_things(fit("زاد الإنتاج بنحو ثلاثة ملايين برميل يوميا."))
    assert not counts_things(fit("حققت المؤسسة سعودة بنسبة تجاوزت 89% في وظائفها."))
    assert not counts_things(fit("تراجعت الأرباح 4.4 في المائة عن الربع الثاني."))
    assert not counts_things(fit("تراجعت الأرباح 4.4 في المئة عن الربع الثاني."))  # either spelling
    assert not counts_things(fit("وهو مرشح للقب الثاني بعد 2008 أمام فونييني (28 عاما)."))
    assert counts_things(fit("وتضم البعثة 22 لاعبا."))
    assert counts_things(replace(fit("تم تحديد هوية شخصين."), two=True))  # no number: the dual counts two
    # Without a number or the dual there is no count: «العشرات» with the article is no number,
    # «عدة» ("several") counts nothing.
    assert not counts_things(fit("وضاقت العشرات من مواقع الاحتفالات وعلى مدى الأيام الأربعة الماضية بالزوار."))
    assert not counts_things(fit("حيث تم إصلاح عدة ثغرات منها «ستيدج فرايت»."))
    assert counts_things(fit("وتم إصلاح ثلاث ثغرات."))
    # A number closing a quoted name is part of the name, no count («بوينغ 737»).
    assert not counts_things(fit("والتي لها جناح مماثل للطائرة «بوينغ 737»، في وقت لاحق."))
    assert counts_things(fit("وستصنع الشركة 10 طائرات «بوينغ»."))
    # Plural magnitudes alone are "many" (ملايين المسافرين); after a number they count (ثلاثة آلاف).
    assert not counts_things(fit("إلى جانب ملايين المسافرين الذين يعبرون مطارات العالم يوميا."))
    assert counts_things(fit("ويتيح المهرجان أكثر من ثلاثة آلاف فرصة عمل."))
    assert counts_things(fit("بلغت الإيرادات 71 مليار ريال.", counted=False))  # not a count question
    stations = frozenset(analyze("محطات محطة"))

    def counting(text: str) -> bool:
        return counts_things(replace(fit(text), counted_terms=stations))

    assert not counting("يتكون المشروع من شبكة للمترو وبعدد ثلاثة خطوط كمرحلة أولى، وخط عربات الكورنيش، وأخيرا محطة المنطلق.")
    assert counting("ويضم المشروع 85 محطة على ستة خطوط.")
    assert counting("وبلغ عدد المحطات في الشبكة كلها 85.")
    assert measures_it(fit("ويصل وزنها التقريبي إلى 120 كيلو غرام.", False, "وزن", "وزن"))
    assert measures_it(fit("ويمتد الجسر 5 كم فوق الخليج.", False, "طول", "طول"))
    assert not measures_it(fit("لها جناح مماثل للطائرة «بوينغ 737».", False, "وزن", "وزن"))
    # The quantity's word tells it only with a value beside it, also past the phrase of what it measures.
    assert not measures_it(fit("وتوفير مساحة كافية للحقل الشمسي بمحافظة الافلاج.", False, "مساحه", "مساحة"))
    assert measures_it(fit("ويقام المعرض على مساحة 12000 متر مربع.", False, "مساحه", "مساحة"))
    assert measures_it(fit("أن حجم القمح المستورد منذ بداية العام حتى الآن، بلغ نحو مليوني طن.", False, "حجم", "حجم"))
    # A sum written with a currency sign ($100) is in a unit of money, as holds_price reads it:
    # it tells a cost or a value, never a weight.
    assert measures_it(fit("ألقى زوك $100 مليون كمكافآت لاستقطاب المواهب.", False, "قيمه", "قيمة"))
    assert measures_it(fit("وبلغت كلفة الصفقة 14.3$ مليار.", False, "كلفه", "كلفة"))
    assert not measures_it(fit("ألقى زوك $100 مليون كمكافآت لاستقطاب المواهب.", False, "وزن", "وزن"))


def test_the_units_table_gives_each_unit_once_with_every_role_it_plays():
    """lexicon/units.tsv, read by one loader: a word is one row whatever lists it belongs to
    (عام tells an age and counts nothing, عاما is also a span), and what a quantity asks is the
    union of its roles' units (كمية: any measure; عمر: the units of an age)."""
    from index.kinds import MEASURE_UNITS, UNITS_FILE, _units, units

    words = [line.split("\t")[0] for line in UNITS_FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(words) == len(set(words))
    by_role, quantities = units()
    assert "عام" in by_role["age"] and "عام" in by_role["measure"] and "عام" not in by_role["duration"]
    assert {"عاما", "سنوات"} <= set(by_role["duration"]) & set(by_role["age"])
    assert set(MEASURE_UNITS["كميه"]) == set(_units("money", "duration", "length", "weight", "measure"))
    assert {"برميل", "دولار", "كيلومتر", "طن", "ساعات"} <= set(MEASURE_UNITS["كميه"])
    assert set(MEASURE_UNITS["نسبه"]) == {"%"} | set(by_role["share"])
    assert MEASURE_UNITS["طول"] == MEASURE_UNITS["مسافه"] == by_role["length"]
    assert "شهرا" in MEASURE_UNITS["عمر"] and "شهرا" not in MEASURE_UNITS["كميه"]
    assert set(quantities) >= {"طول", "مساحه", "وزن", "عمر", "نسبه", "كميه", "تكلفه"}


@pytest.mark.parametrize(
    ("folder", "article", "question", "cause"),
    [
        # كونها، لكون "for being, since it is" give the cause: the sentence answers "why".
        ("fresh-2026-12-01c", "k4", "لماذا يشعر شركات حجاج الداخل بالسخط تجاه الأنظمة؟", "كونها تقلل"),
        ("fresh-2026-12-02", "m2", "لماذا تتأخر مشاريع المترو عن بقية المشاريع؟", "لكون تصميم المترو"),
        ("fresh-2026-12-02", "m2", "ليش مشاريع المترو بتتأخر؟", "لكون تصميم المترو"),
    ],
)
def test_kawn_for_being_tells_a_cause(folder, article, question, cause):
    reply = answer(load_story([FRESH / folder / f"{article}.txt"]), question)
    assert reply.kind is Kind.ANSWER and cause in reply.quotes[0].text, reply.quotes


def test_kawn_is_a_cause_only_as_a_whole_word():
    from index.analysis import normalize
    from index.kinds import holds_cause

    for text in ("رفضت الشركات الأنظمة كونها تقلل من صلاحياتها.", "تأجل الطرح لكون التصميم يحتاج إلى وقت.",
                 "اختير الموقع لكونه الأقرب إلى الميناء.", "ويحظى المشروع بالدعم كونهم شركاء فيه."):
        assert holds_cause(normalize(text)), text
    # يكون، تكون، الكون، المكون: the letters inside another word say nothing of a cause.
    for text in ("وسيكون الافتتاح في الربيع.", "تكون اللجنة من خمسة أعضاء.", "صور جديدة من الكون.", "المكون الأساسي هو القمح."):
        assert not holds_cause(normalize(text)), text


def test_a_purpose_answers_only_of_its_deed_and_a_role_must_be_named():
    from index.analysis import Analyzer
    from index.kinds import Fit, explains_the_asked, holds_the_role

    analyze = Analyzer().analyze

    def fit(text: str, role: str = "", asked: str = "") -> Fit:
        def terms(words: str) -> frozenset[str]:
            return frozenset(analyze(words)) if words else frozenset()

        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), role=terms(role), asked=terms(asked))

    purpose = "تنفذ المحافظات المهرجانات لتفعيل هذا الحدث السنوي."
    assert not explains_the_asked(fit(purpose, asked="نقص"))
    assert explains_the_asked(fit(purpose, asked="تنفذ"))
    assert explains_the_asked(fit("تراجع الإنتاج بسبب الحر.", asked="نقص"))  # a cause stands alone
    assert not holds_the_role(fit("وقعت المدينة مذكرة تفاهم مع معهد البحوث.", role="رئيس"))
    assert holds_the_role(fit("وقال رئيس المعهد خالد العمر إن …", role="رئيس"))


def test_the_nearest_text_that_writes_a_year_dates_a_sentence():
    from index.analysis import normalize
    from index.kinds import dated_as_asked, dating_years

    # Years as reports write them, on a conjunction too; no count of four digits, no part of a number.
    assert dating_years(normalize("في 2014 و2015م، وعام 1436 هـ")) == {"2014", "2015", "1436"}
    assert not dating_years(normalize("وظفت 1500 موظف وبلغت 2,014 و3.2015"))
    asked = frozenset({"2014"})
    # The sentence's own year, else its paragraph's, else its headline's; none dates nothing.
    assert dated_as_asked(asked, ("بلغت 5 في 2014", "", "", ""))
    assert not dated_as_asked(asked, ("بلغت 5 في 2015", "في 2014 …", "", "في 2014"))
    assert dated_as_asked(asked, ("بلغت 5", "", "", "الأرباح في 2014"))
    assert not dated_as_asked(asked, ("بلغت 5", "وفي 2015 …", "", "الأرباح في 2014"))
    assert not dated_as_asked(asked, ("بلغت 5", "", "", ""))


def test_a_year_with_its_era_letter_dates_and_counts_nothing():
    # 2014م (Gregorian), 1436هـ (Hijri): a year as Saudi reports write it.
    assert QuestionType(TIME).strength("أطلقت الشركة في عام 2014م تطبيقا للهواتف.") == 1.0
    assert QuestionType(TIME).strength("انطلقت العروض في العام 1430هـ.") == 1.0
    assert QuestionType(NUMBER).strength("أطلقت الشركة في عام 2014م تطبيقا للهواتف.") == 0.0


def test_a_noun_before_a_definite_one_is_a_quantity_and_halalas_are_money():
    # كم ربحية السهم: the earnings of the share, not a count of earnings.
    reply = answer(load_story([ARTICLES / "d2.txt"]), "كم بلغت ربحية السهم في الربع الثاني؟")
    assert reply.kind is Kind.ANSWER
    story = load_story([FRESH / "fresh-2026-12-02b" / "n2.txt"])
    assert answer(story, "كم هللة سعر الكيلو وات ساعة؟").kind is Kind.ANSWER  # 18.75 هلله
    # The sentence holding every word of the question gives years and halalas, no count of panels.
    assert answer(story, "كم عدد الألواح الشمسية في المحطة؟").kind is Kind.NOT_FOUND


def test_a_finer_place_is_another_than_the_one_the_question_names():
    from index.analysis import Analyzer
    from index.kinds import Fit, names_a_finer_place

    analyze = Analyzer().analyze
    within = frozenset(analyze("النمسا"))

    def fit(text: str, inside: frozenset[str] = within) -> Fit:
        return Fit(text, within | frozenset(analyze("النصر")), None, analyze, frozenset(), frozenset(),
                   within=inside, singles_out=lambda term: True)

    assert not names_a_finer_place(fit("يختتم النصر معسكره في النمسا اليوم"))
    assert names_a_finer_place(fit("يقيم النصر معسكره في النمسا في مدينة سالزبورغ"))
    assert names_a_finer_place(fit("يختتم النصر معسكره في النمسا اليوم", frozenset()))  # no place within asked


def test_a_deed_told_only_after_a_word_of_sequence_is_told_as_a_sequel():
    from index.analysis import Analyzer
    from index.kinds import Fit, dates_the_asked, explains_the_asked, told_as_sequel

    analyze = Analyzer().analyze

    def fit(text: str, asked: str) -> Fit:
        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), asked=frozenset(analyze(asked)))

    later = fit("أعلن الوزير أمس الثلاثاء أنه سيسافر، وذلك بعد توقيع اتفاق تاريخي.", "توقيع")
    assert told_as_sequel(later) and not dates_the_asked(later)
    prices = fit("ارتفعت الأسعار بسبب الطلب بعد توقف الأسماك الواردة.", "توقف")
    assert told_as_sequel(prices) and not explains_the_asked(prices)
    # The deed told in the sentence's own clause too: its date or cause is the deed's.
    own = fit("وقع الوزير الاتفاق أمس بعد توقيع المذكرة.", "توقيع وقع")
    assert not told_as_sequel(own) and dates_the_asked(own)
    assert not told_as_sequel(fit("وتوقف الاستيراد في مايو الماضي.", "توقف"))


def test_a_sequence_word_before_an_opens_a_clause_that_tells_its_deed():
    from index.analysis import Analyzer
    from index.kinds import Fit, told_as_sequel

    analyze = Analyzer().analyze
    text = "اشتد ضغط المستثمرين بعد أن انخفضت الأسهم بنسبة 12.6% في أواخر أكتوبر."
    assert not told_as_sequel(Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), asked=frozenset(analyze("انخفضت"))))


def test_a_count_of_years_with_tanween_is_a_span() -> None:
    """"30 عاماً": normalised, its tanween alif goes and عاما reads عام, which the duration units
    leave out (it is also "general"); after a count that is no year it is a span of years."""
    from index.kinds import strength
    from index.reading import read

    asked = read("كم سنة قضى في المهنة؟").qtype
    assert strength(asked, "أمضى30 عاماً") > 0
    assert strength(asked, "منذ 25 عاماً") > 0
    assert strength(asked, "في عام 2014") == 0.0
    assert strength(asked, "المدير العام") == 0.0


def test_a_sum_with_a_currency_sign_tells_a_cost_or_a_value():
    # "$100 مليون" is a sum of money (as holds_price reads it): it answers how much was paid or
    # what the bonuses were worth, which only a number before a currency word did before.
    story = load_story()
    for question in (
        "كم دفع زوك مكافآت لاستقطاب مواهب الذكاء الاصطناعي؟",
        "كم بلغت قيمة المكافآت التي رصدها زوك لمواهب الذكاء الاصطناعي؟",
    ):
        reply = answer(story, question)
        assert reply.kind is Kind.ANSWER and "$100" in reply.quotes[0].text, question
    # A cost written with its currency word is answered as before (another article).
    reply = answer(load_story([FRESH / "fresh-2026-12-02" / "m2.txt"]), "كم تكلفة مشروع النقل العام بجدة؟")
    assert reply.kind is Kind.ANSWER and "45 مليار ريال" in reply.quotes[0].text


def test_a_role_after_a_deputy_noun_is_not_held():
    """مساعد الرئيس التنفيذي، ونائب رئيس اللجنة: the construct's head is the deputy, whose name
    follows; the role itself is held where it heads its phrase."""
    from index.analysis import Analyzer
    from index.kinds import Fit, holds_the_role

    analyze = Analyzer().analyze

    def fit(text: str, role: str) -> Fit:
        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), role=frozenset(analyze(role)))

    aide = fresh_sentence_with("fresh-2026-12-02b", "n1", "مساعد الرئيس التنفيذي")
    deputy = fresh_sentence_with("fresh-2026-12-01b", "g4", "ونائب رئيس اللجنة العليا")
    assert not holds_the_role(fit(aide, "الرئيس")) and not holds_the_role(fit(deputy, "رئيس"))
    assert holds_the_role(fit(aide, "مساعد"))
    assert holds_the_role(fit("وقال رئيس المعهد خالد العمر إن …", "رئيس"))


def test_a_date_without_the_deed_the_article_names_dates_something_else():
    """The article uses a word of the deed's root: a sentence dating without one dates another
    deed (البدء قريباً of the start, asked the end); an article without the word dates as before."""
    from index.analysis import Analyzer
    from index.kinds import Fit, dates_the_asked

    analyze = Analyzer().analyze
    end = frozenset(analyze("انتهاء"))

    def fit(text: str, vocabulary: frozenset[str]) -> Fit:
        return Fit(text, frozenset(), None, analyze, frozenset(), vocabulary, asked=end)

    start = fresh_sentence_with("fresh-2026-12-01c", "k8", "سيتم البدء قريباً")
    night = fresh_sentence_with("fresh-2026-12-02b", "n6", "البارحة")
    for text in (start, night):
        assert not dates_the_asked(fit(text, end)), text
        assert dates_the_asked(fit(text, frozenset())), text  # the article never tells the end
    assert dates_the_asked(fit("ويتوقع انتهاء الأعمال في مايو المقبل.", end))


def test_a_which_time_question_needs_a_time_as_fine_as_its_noun():
    """أي ساعة needs a clock time, أي يوم / أي تاريخ a day, أي شهر a month: a coarser time
    (الأسبوع المقبل، هذا العام) does not answer."""
    from index.analysis import Analyzer
    from index.kinds import Fit, dates_the_asked

    analyze = Analyzer().analyze

    def fit(text: str, grain: str) -> Fit:
        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), grain=grain)

    week = fresh_sentence_with("fresh-2026-12-02", "m2", "الأسبوع المقبل")
    season = fresh_sentence_with("fresh-2026-12-01b", "g5", "هذا العام تقديم عرض")
    july = fresh_sentence_with("fresh-2026-12-02", "m4", "5 يوليو")
    for text in (week, season):
        assert not dates_the_asked(fit(text, "يوم")) and not dates_the_asked(fit(text, "ساعه")), text
        assert dates_the_asked(fit(text, "")), text  # "متى" alone: any date
    assert dates_the_asked(fit(july, "يوم")) and dates_the_asked(fit(july, "شهر"))
    assert not dates_the_asked(fit(july, "ساعه"))
    assert dates_the_asked(fit("تبدأ المباراة في الساعة التاسعة مساء الخميس.", "ساعه"))
    assert dates_the_asked(fit("ونفذ الحكم اليوم الاثنين 25 / 10 / 1436 هـ.", "تاريخ"))


def test_how_many_of_a_unit_is_answered_by_a_number_in_a_unit_of_its_quantity():
    """كم طن / كم كيلو ask a weight, كم متر a length: a number in another unit (riyals, years)
    does not answer; one in a unit of the same quantity does (كيلو for طن)."""
    from index.analysis import Analyzer
    from index.kinds import Fit, gives_the_unit, unit_asked_words

    analyze = Analyzer().analyze
    tons, metres = unit_asked_words("طن"), unit_asked_words("مترا")
    assert tons and metres and not unit_asked_words("مرة") and not unit_asked_words("سنة")

    def fit(text: str, unit_words: tuple[str, ...]) -> Fit:
        return Fit(text, frozenset(), None, analyze, frozenset(), frozenset(), unit_words=unit_words)

    fish = fresh_sentence_with("fresh-2026-12-02", "m5", "بين 200 إلى300 ريال")
    wheat = fresh_sentence_with("fresh-2026-12-01c", "k1", "بلغ نحو مليوني طن")
    assert not gives_the_unit(fit(fish, tons)) and gives_the_unit(fit(wheat, tons))
    assert not gives_the_unit(fit(wheat, metres))
    assert gives_the_unit(fit("يستهلك المخبز 50 كيلو من التمر يوميا.", tons))  # كيلو: a weight too
    assert gives_the_unit(fit(fish, ()))  # no unit asked



def test_share_at_finds_the_words_of_a_share_not_of_a_sum_or_a_count():
    from index.kinds import share_at

    words = "ارتفعت المبيعات بنسبة 2.75 في المائة لتبلغ 3 مليارات ريال و89% من الوظائف و12 % أخرى".split()
    at = share_at(words)
    assert {words[i] for i in at} == {"2.75", "في", "المائة", "و89%", "و12", "%"}
    assert not share_at("استقبلت المدينة 3 ملايين زائر في الصيف".split())


def test_that_after_tells_a_cause_of_what_it_follows():
    """"… وذلك بعد افتتاح فرع جديد": what the clause before it owes to; بعد alone dates."""
    from index.analysis import normalize
    from index.kinds import holds_cause

    for text in ("ارتفعت الطاقة التخزينية إلى 2.8 مليون طن، وذلك بعد افتتاح فرع جديد.",
                 "وارتفعت أسعار التذاكر 20 في المئة، وذلك بعد تجديد المدرجات.", "جاء ذلك بعد اجتماع المجلس."):
        assert holds_cause(normalize(text)), text
    for text in ("وعاد الفريق بعد ثلاثة أيام.", "وسيعلن ذلك في الأسبوع المقبل."):
        assert not holds_cause(normalize(text)), text
