"""The answer decision (bot/core/verdict.py) on small articles written for the test, of
different subjects, none with an alias table: what it does on an article it knows nothing of."""

from __future__ import annotations

import pytest

from bot.core.answer import answer
from bot.core.answer_types import Kind
from bot.core.story import story_of
from index.article import parse_article

AIRPORT = """title: افتتاح المطار الجديد
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

أعلنت الهيئة العامة للطيران أن المطار الجديد سيفتتح في الصيف المقبل.
وقال رئيس الهيئة خالد العمري إن المطار سيخدم 30 مليون مسافر سنويا بعد اكتماله. وهذا أمر مهم جدا للجميع.
وتبلغ مساحة صالة السفر 720 ألف متر مربع، ويتصل المطار بمحطة القطار السريع.
وتأخر المشروع عامين بسبب نقص التمويل، لكن العمل يسير الآن وفق الجدول.
وتوقع خبراء أن يرفع المطار عدد السياح في المدينة.
"""

RACE = """title: فيتيل يفوز بسباق المجر
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

فاز السائق الألماني سيباستيان فيتيل بسباق جائزة المجر الكبرى يوم الأحد.
وحل زميله كيمي رايكونن ثانيا قبل أن يتعطل محرك سيارته. كان يوما حارا.
وأنهى البريطاني لويس هاميلتون السباق في المركز السادس بعد خطأ في اللفة الأولى.
وقال فيتيل إن الفوز مهدى إلى زميله الراحل الذي توفي العام الماضي.
ويتصدر هاميلتون الترتيب العام برصيد 202 نقطة.
"""


@pytest.fixture(scope="module")
def airport():
    return story_of(parse_article(AIRPORT, "airport"))


@pytest.fixture(scope="module")
def race():
    return story_of(parse_article(RACE, "race"))


def first_quote(story, question: str) -> str:
    reply = answer(story, question)
    assert reply.kind is Kind.ANSWER, (question, reply.reason)
    return reply.quotes[0].text


def test_who_keeps_the_retrieval_order_when_the_article_names_are_not_known(airport, race):
    # No alias table: a short sentence of the same paragraph that holds none of the question's
    # words must not go first.
    assert "خالد العمري" in first_quote(airport, "من قال إن المطار سيخدم 30 مليون مسافر؟")
    assert "رايكونن" in first_quote(race, "من حل ثانيا في السباق؟")


def test_why_needs_a_cause_or_a_purpose(airport, race):
    assert "بسبب نقص التمويل" in first_quote(airport, "لماذا تأخر المشروع؟")
    # The article tells of the win, not why it was won: the sentence about it is no answer.
    reply = answer(race, "لماذا فاز فيتيل بالسباق؟")
    assert reply.kind is Kind.NOT_FOUND and not reply.quotes
    assert reply.related and "فاز" in reply.related[0].text


def test_causal_connectors_of_written_arabic():
    from index.questions import REASON, QuestionType

    why = QuestionType(REASON)
    for sentence in ("لا أتوقع هبوطها نظرًا لنمو الطلب.", "تضررت الطرق جراء السيول.",
                     "ويعود ذلك إلى زيادة المبيعات.", "وارتفع الربح بفضل خفض التكاليف."):
        assert why.strength(sentence) == 1.0, sentence
    assert why.strength("ارتفعت الأسعار في الأسبوع الماضي.") == 0.0


SCATTERED = """title: أخبار متفرقة من المدينة
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

افتتحت البلدية حديقة جديدة في وسط المدينة.
وشهد الملعب مباراة ودية بين فريقين محليين.
وارتفعت أسعار الخضار في السوق المركزي هذا الأسبوع.
"""


def test_the_shelf_prefers_the_article_that_holds_the_question_words_together(airport, race):
    from bot.core.shelf import shelf_of

    scattered = story_of(parse_article(SCATTERED, "scattered"))
    market = story_of(parse_article(
        "title: السوق\nsource: وكالة\ndisclaimer: نص تجريبي.\n\nلا جديد اليوم.\n"
        "وارتفعت أسعار الخضار في الحديقة المجاورة للسوق.\n", "market"))
    shelf = shelf_of([scattered, market, airport, race])
    # Both use أسعار and حديقة; only one says them in one paragraph.
    assert shelf.best_for("لماذا ارتفعت الأسعار في الحديقة؟").id == "market"
    assert shelf.best_for("من فاز بسباق المجر؟").id == "race"


def test_how_long_something_takes_or_lasts_asks_a_duration(airport, race):
    from index.questions import DURATION
    from index.reading import read

    for question in ("كم ستستغرق الزيارة؟", "كم تستغرق الرحلة إلى مكة؟", "كم استمر السباق؟", "كم دامت الأزمة؟"):
        assert read(question).kind == DURATION, question
    # The article says how many passengers, not how long a trip takes: a count is no span.
    assert answer(airport, "كم تستغرق الرحلة إلى المطار؟").kind is Kind.NOT_FOUND


def test_a_value_placed_where_the_article_never_goes_is_declined(airport, race):
    assert "202 نقطة" in first_quote(race, "كم نقطة لدى هاميلتون في الترتيب العام؟")
    assert answer(race, "كم نقطة لدى هاميلتون في البرازيل؟").kind is Kind.NOT_FOUND
    assert "30 مليون" in first_quote(airport, "كم مسافرا سيخدم المطار في السنة؟")
    assert answer(airport, "كم مسافرا سيخدم مطار في دبي؟").kind is Kind.NOT_FOUND
    # "في المئة" measures; it places nothing.
    assert "202 نقطة" in first_quote(race, "كم نقطة لدى هاميلتون في المية؟")


def test_a_count_of_what_the_article_never_names_is_declined(airport, race):
    assert "30 مليون" in first_quote(airport, "كم عدد المسافرين الذين سيخدمهم المطار سنويا؟")
    # The standings and the hall are there, with numbers; spectators and staff are not.
    reply = answer(race, "كم عدد المتفرجين في الترتيب العام؟")
    assert reply.kind is Kind.NOT_FOUND and not reply.quotes
    assert reply.related  # what the article says of the standings, shown as such
    assert answer(airport, "كم عدد الموظفين في صالة السفر؟").kind is Kind.NOT_FOUND
    # A plural the light stemmer parts from the article's form (سيارات / سيارته) is no unknown word.
    from bot.core.verdict import _counts_the_unknown
    from index.reading import read

    assert not _counts_the_unknown(race, read("كم عدد السيارات في السباق؟"))


def test_reason_words_are_whole_words():
    from index.questions import REASON, QuestionType

    why = QuestionType(REASON)
    # اقتصادية holds ادي, قادت holds ادت, إعلان holds لان, التحتية holds حتي: none gives a cause.
    assert why.strength("أكد اقتصاديان أن الأمور التي قادت السوق في إعلان البنية التحتية جيدة.") == 0.0
    assert why.strength("وعن أبرز الأسباب التي أدت إلى التراجع قال الخبير إنها كثيرة.") == 1.0
    assert why.strength("انفجر الإطار إثر احتكاك مع سيارة أخرى.") == 1.0


def test_a_cause_told_in_another_paragraph_answers_why():
    story = story_of(parse_article(
        "title: تراجع الأرباح\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "تراجعت أرباح شركات الاتصالات في المملكة هذا العام إلى 68 مليار ريال.\n"
        "وقال الوزير إن القطاع حيوي ويحقق نموا في الاشتراكات.\n"
        "وعن الأسباب التي أدت إلى تراجع أرباح الشركات قال خبير إن المشتركين تركوا الهاتف الثابت.\n", "telecom"))
    assert "الأسباب التي أدت" in first_quote(story, "ليش تراجعت أرباح شركات الاتصالات؟")


def test_what_someone_said_needs_them_quoted_in_an_article_without_names(airport, race):
    assert "إن الفوز مهدى" in first_quote(race, "ماذا قال فيتيل عن الفوز؟")
    # A title stands between the verb and the name ("وقال رئيس الهيئة خالد العمري").
    assert "خالد العمري" in first_quote(airport, "ماذا قال خالد العمري عن المطار؟")
    # Räikkönen is named, never quoted: what he said is not reported.
    assert answer(race, "ماذا قال رايكونن عن السباق؟").kind is Kind.NOT_FOUND
    assert answer(race, "ما رد فعل رايكونن على فوز فيتيل؟").kind is Kind.NOT_FOUND


def test_a_number_needs_most_of_the_words_that_single_out_its_subject(race):
    # Hamilton's points are in the standings; Räikkönen (named elsewhere) has none given.
    assert "202 نقطة" in first_quote(race, "كم نقطة لدى هاميلتون في الترتيب العام؟")
    assert answer(race, "كم نقطة لدى كيمي رايكونن في الترتيب العام؟").kind is Kind.NOT_FOUND


FACTORY = """title: مصنع جديد
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

بلغت أرباح الشركة 5 ملايين ريال في العام الماضي.
وافتتحت الشركة مصنعا جديدا في المنطقة الشرقية.
وقال المدير إن المصنع الجديد سيوظف 300 عامل من أبناء المنطقة.
وتتوقع الشركة أن يبدأ الإنتاج في الربيع.
"""


def test_a_linking_verb_does_not_single_out_what_a_number_is_about():
    from bot.core.verdict import specific_terms
    from index.reading import read

    story = story_of(parse_article(FACTORY, "factory"))
    terms = story.library.index.search(read("كم بلغت أعداد عمال المصنع الجديد؟")).query.terms
    # بلغت stands in one paragraph only, as a name would; it says nothing of the workers.
    assert "بلغت" in terms and "بلغت" not in specific_terms(story, terms)
    assert "عامل" in specific_terms(story, terms)
    assert "300 عامل" in first_quote(story, "كم بلغت أعداد عمال المصنع الجديد؟")


def test_what_something_costs_is_asked_as_a_price(airport):
    from index.questions import PRICE
    from index.reading import read

    for question in ("كم تكلفة المشروع؟", "كم رسوم المواقف في المطار؟", "How much is the parking fee?"):
        assert read(question).kind == PRICE, question
    # Passengers and square metres are counted near the airport; no sum of money is.
    assert answer(airport, "كم تكلفة المطار الجديد؟").kind is Kind.NOT_FOUND
    assert answer(airport, "كم رسوم صالة السفر في المطار؟").kind is Kind.NOT_FOUND
    bridge = story_of(parse_article(
        "title: جسر جديد\nsource: وكالة\ndisclaimer: نص تجريبي.\n\nافتتحت البلدية جسرا جديدا فوق النهر.\n"
        "وبلغت تكلفة الجسر 40 مليون ريال، ويعبره 20 ألف سيارة يوميا.\n", "bridge"))
    assert "40 مليون ريال" in first_quote(bridge, "كم تكلفة الجسر؟")


@pytest.mark.parametrize(
    ("paragraphs", "priced", "elsewhere"),
    [
        (("اختتم مهرجان العسل في الباحة فعالياته أمس بحضور كبير.",
          "وتراوحت أسعار العسل المعروض بين 200 و1000 ريال للكيلو الواحد."), "كم سعر العسل؟", ("ما سعر الذهب؟", "كم سعر التفاح اليوم؟")),
        (("افتتحت الشركة معرضها السنوي للسيارات في الرياض.",
          "ويبدأ سعر السيارة الجديدة من 90 ألف ريال، بحسب الشركة."), "بكم سعر السيارة الجديدة؟", ("ما سعر برميل برنت؟", "كم سعر الشقة؟")),
    ],
)
def test_the_price_of_a_thing_the_article_never_names_is_declined_though_it_prices_another(
    paragraphs: tuple[str, ...], priced: str, elsewhere: tuple[str, ...]
):
    story = story_of(parse_article("title: خبر\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n" + "\n".join(paragraphs) + "\n", "p"))
    assert answer(story, priced).kind is Kind.ANSWER
    for question in elsewhere:
        assert answer(story, question).kind is Kind.NOT_FOUND, question


def test_a_sum_of_money_with_punctuation_after_its_currency():
    from index.questions import PRICE, QuestionType

    price = QuestionType(PRICE)
    assert price.strength("وبلغت تكلفة الجسر 40 مليون ريال، ويعبره الناس.") == 1.0
    assert price.strength("بلغ السعر 12 ألف دولار.") == 1.0
    assert price.strength("يعبره 20 ألف شخص يوميا.") == 0.0


def test_a_number_far_from_what_was_asked_in_a_long_sentence_is_not_its_answer():
    story = story_of(parse_article(
        "title: توسع الشركة\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "افتتحت الشركة مصانع جديدة في المنطقة الشرقية والغربية والشمالية بحضور الوزير والمسؤولين "
        "ورجال الأعمال والمستثمرين والضيوف من داخل المملكة وخارجها، وحققت أرباحا بلغت 5 ملايين ريال.\n"
        "ويعمل في المصانع الجديدة 300 عامل من أبناء المنطقة.\n", "growth"))
    assert "300 عامل" in first_quote(story, "كم عاملا يعمل في المصانع الجديدة؟")
    reply = answer(story, "كم عدد المصانع التي افتتحتها الشركة؟")
    assert reply.kind is Kind.NOT_FOUND, reply.quotes


REVENUE = """title: إيرادات شركات الاتصالات
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

تراجعت الإيرادات المباشرة لشركات الاتصالات من 71 مليار ريال إلى 68 مليار ريال في العام الماضي.
وأضاف المحلل بلغ حجم الانخفاض في الإيرادات المباشرة للشركات 3 مليارات ريال.
وتوقع المحلل أن تعود الإيرادات إلى النمو مع توسع شبكات الجيل الخامس.
"""


def test_a_linking_verb_is_not_searched_for_in_a_number_question():
    from bot.core.question import without_linking_verbs
    from index.reading import read

    story = story_of(parse_article(REVENUE, "revenue"))
    question = "كم بلغت الإيرادات المباشرة لشركات الاتصالات بعد التراجع؟"
    assert "بلغت" not in without_linking_verbs(story, read(question)).tokens
    # "بلغ حجم الانخفاض" links another value with the same verb; it says nothing of which.
    assert "68 مليار" in first_quote(story, question)
    # Not a value question: the verb is what is asked about.
    assert "بلغت" in without_linking_verbs(story, read("لماذا بلغت الإيرادات هذا الحد؟")).tokens


LOANS = """title: قروض المصارف
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

واصلت المصارف توسعها في الإقراض خلال العام الماضي رغم تباطؤ الاقتصاد.
وارتفعت القروض العقارية للأفراد لتبلغ 120 مليار ريال بنهاية العام.
"""

PRICES = """title: أسعار الأسماك
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

واصلت أسعار الروبيان تراجعها في السوق المركزي هذا الأسبوع.
وسجل سعر الكيلو من الهامور 65 ريالا في مزاد الأمس.
"""


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        (LOANS, "كم وصلت القروض العقارية للأفراد؟", "120 مليار ريال"),
        (LOANS, "القروض العقارية وصلت كام؟", "120 مليار ريال"),
        (PRICES, "كم وصل سعر كيلو الهامور؟", "65 ريالا"),
        (PRICES, "سعر الكيلو من الهامور وصل كام؟", "65 ريالا"),
    ],
)
def test_a_linking_verb_is_dropped_before_the_question_is_read_in_the_articles_words(text, question, value):
    from bot.core.question import in_article_words, without_linking_verbs
    from index.reading import read

    # Read first in the article's words, وصلت of an article writing واصلت ("went on") loses
    # its و and is no linking verb any more: it would be searched for, and asked about.
    story = story_of(parse_article(text, "linking"))
    tokens = in_article_words(story, without_linking_verbs(story, read(question))).tokens
    assert not {"وصلت", "وصل", "صلت", "صل"} & set(tokens)
    assert value in first_quote(story, question)


LINK = """title: المطار الجديد
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

افتتحت الهيئة المطار الجديد في المدينة أمس بحضور الوزير.
ويضم المطار مركزا لنقل الركاب مرتبطا بمحطة القطار السريع.
وتعمل الهيئة على ربط شبكة الكهرباء في المنطقة قبل نهاية العام.
"""


def test_the_word_a_yes_no_question_asks_about_may_be_held_in_another_derivation():
    # ربط is asked; the answer says مرتبطا (one root), the sentence saying ربط is about power.
    story = story_of(parse_article(LINK, "link"))
    assert "مرتبطا بمحطة القطار" in first_quote(story, "هل فيه ربط بين المطار والقطار السريع؟")


def test_a_quote_holding_a_word_that_singles_out_the_question_needs_less_coverage(race):
    from bot.core.verdict import MIN_COVERAGE, SPECIFIC_FLOOR, _floor
    from index.reading import read

    # رايكونن stands in one paragraph: a paraphrased question that keeps it may cover less.
    result = race.library.index.search(read("هل تعطلت مركبة رايكونن بعد أن حلّ في المرتبة التالية؟"))
    best = result.sentences[0]
    assert "رايكونن" in best.sentence.text
    assert _floor(race, result.query.terms, best) == SPECIFIC_FLOOR < MIN_COVERAGE
    # A verb of saying is in few paragraphs too, but singles out nothing.
    said = race.library.index.search(read("ما رأي سكان المريخ في الطماطم الزرقاء؟"))
    assert said.sentences and _floor(race, said.query.terms, said.sentences[0]) == MIN_COVERAGE


def test_a_time_in_another_clause_of_the_sentence_is_another_events():
    # The day is the camp's (its clause), not the match's, named after the comma.
    camp = story_of(parse_article(
        "title: معسكر الفريق\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "يختتم الفريق اليوم معسكره في النمسا بتدريب صباحي، يغادر بعدها إلى لندن قبل لقاء الكأس أمام المنافس.\n"
        "وأصيب الحارس في التدريب الأخير.\n", "camp"))
    assert answer(camp, "متى يختتم الفريق معسكره؟").kind is Kind.ANSWER
    assert answer(camp, "متى ستقام مباراة لقاء الكأس؟").kind is Kind.NOT_FOUND
    # A clause joined by و after the comma shares its subject: its span is still the village's.
    flood = story_of(parse_article(
        "title: السيول\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "وعزلت السيول قرى المعطن، ومنعت الأهالي من الخروج منها لمدة تزيد على ثلاثة أيام.\n"
        "وهطلت الأمطار على المحافظات الجبلية.\n", "flood"))
    assert "لمدة تزيد" in first_quote(flood, "كم يوما بقيت قرى المعطن معزولة؟")


def test_clauses_close_at_punctuation_but_not_before_waw():
    from bot.core.verdict import _clauses

    assert _clauses("أ ب، ج د؛ هـ".split()) == [0, 0, 1, 1, 2]
    assert _clauses("أ ب، وج د".split()) == [0, 0, 0, 0]


def test_a_role_or_a_thing_asked_by_a_word_the_article_never_uses_is_declined(airport, race):
    assert "خالد العمري" in first_quote(airport, "من هو رئيس الهيئة؟")
    for story, question in ((airport, "من هو مدير المطار الجديد؟"), (race, "من هو مدرب فيتيل؟")):
        reply = answer(story, question)
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes, (question, reply.quotes)
    # A word for any person names no role: the sentence that answers stands.
    assert "رايكونن" in first_quote(race, "من هو الشخص الذي حل ثانيا في السباق؟")
    # "Is there …": the thing asked must be named by the article.
    assert "بمحطة القطار" in first_quote(airport, "هل يوجد قطار إلى المطار؟")
    reply = answer(airport, "هل يوجد فندق في المطار الجديد؟")
    assert reply.kind is Kind.NOT_FOUND and not reply.quotes, reply.quotes


def test_an_english_word_the_dictionary_knows_weighs_as_an_arabic_word_the_article_never_uses(airport, race):
    from bot.core.verdict import LATIN_WEIGHT, OOV_WEIGHT, _term_weight

    for story in (airport, race):
        index = story.library.index
        # "hospital" glosses as مستشفى, which neither article uses: the article never says it.
        assert _term_weight(story, "hospital") == pytest.approx(index.idf("hospital") * OOV_WEIGHT)
        # A Latin word the dictionary does not know may be a name spelled otherwise.
        assert _term_weight(story, "zorblatt") == pytest.approx(index.idf("zorblatt") * LATIN_WEIGHT)


def test_the_words_an_english_number_question_asks_about_are_the_articles_arabic_words(airport):
    from bot.core.question import asked_about
    from index.reading import read

    asked = asked_about(airport, read("How many passengers will the airport serve?"), 3)
    assert airport.library.index.analyze("مسافر")[0] in asked


def test_how_many_of_a_noun_the_article_never_uses_is_declined(airport, race):
    assert "30 مليون مسافر" in first_quote(airport, "كم مسافرا سيخدم المطار سنويا؟")
    # The figures stand by the words asked about; what they count is not what is asked.
    for story, question in ((airport, "كم طائرة سيخدم المطار سنويا؟"), (race, "كم بطولة يتصدر بها هاميلتون الترتيب العام؟")):
        reply = answer(story, question)
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes, (question, reply.quotes)
    # A verb after "how many" (its plural وا) is no counted noun.
    from bot.core.verdict import _COUNTED_FORM

    assert _COUNTED_FORM.search("سعره") and _COUNTED_FORM.search("شخصا") and not _COUNTED_FORM.search("بقوا")


def test_what_someone_never_quoted_said_is_declined_in_english_as_in_arabic():
    story = story_of(parse_article(
        "title: سباق المجر\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "فاز فيتيل بسباق المجر يوم الأحد.\nوقال فيتيل إن الفوز مهدى إلى زميله الراحل.\n"
        "وأنهى هاميلتون السباق في المركز السادس بعد خطأ في اللفة الأولى.\nوهطلت الأمطار قبل انطلاق السباق.\n"
        "وحضر السباق آلاف المشجعين من أوروبا.\nوتنتقل البطولة بعد أسبوعين إلى بلجيكا.\n", "hungary"))
    # The English name is read as the article's Arabic one (the search's own stand-in).
    for question in ("ماذا قال هاميلتون عن السباق؟", "What did Hamilton say about the race?"):
        reply = answer(story, question)
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes, (question, reply.quotes)
    assert answer(story, "What did Vettel say about the win?").kind is Kind.ANSWER


def test_a_dual_counts_two():
    # "How many cases …": حالتان (the dual of حالة) is the number two, with no digit; a sound
    # plural (اللاعبين) is no dual, and a sentence holding only it counts nothing.
    story = story_of(parse_article(
        "title: إصابات جديدة\nsource: وكالة\ndisclaimer: نص تجريبي.\n\n"
        "أعلنت الوزارة تسجيل إصابات جديدة بالفيروس في العاصمة، منهم حالتان منومتان بمستشفى الحرس.\n"
        "وقال المدرب إن اللاعبين سافروا إلى المعسكر في النمسا أمس.\n", "cases"))
    assert "حالتان" in first_quote(story, "كم حالة منومة في مستشفى الحرس؟")
    assert answer(story, "كم لاعبا سافر إلى المعسكر؟").kind is Kind.NOT_FOUND


FLATS = """
أعلنت وزارة الإسكان أن الشركات المشاركة في المعرض باعت جميع الشقق المعروضة في أسبوعه الأول.
وسيتم التسليم خلال 20 شهرا من توقيع العقود، بحسب الوزارة.
وقال مدير المعرض إن عدد الزوار تجاوز 40 ألف زائر منذ افتتاحه.
وتنظم الوزارة معارض مماثلة في مدن أخرى خلال العام المقبل.
وتشارك في المعرض 25 شركة تطوير عقاري من داخل المملكة.
"""


def test_the_headline_states_what_the_values_of_the_body_are_about():
    # The body tells of the flats once, then of their handing over without naming them again:
    # under a headline on the flats, the date is theirs; under one on the visitors, it is not said.
    flats = story_of(parse_article("title: عقود الشقق في معرض الإسكان\nsource: وكالة\ndisclaimer: نص تجريبي.\n" + FLATS, "flats"))
    visits = story_of(parse_article("title: معرض الإسكان يستقبل الزوار\nsource: وكالة\ndisclaimer: نص تجريبي.\n" + FLATS, "visits"))
    assert "شقق" in flats.headline_terms("flats") and "شقق" not in visits.headline_terms("visits")
    assert "20 شهرا" in first_quote(flats, "متى سيتم تسليم الشقق؟")
    assert answer(visits, "متى سيتم تسليم الشقق؟").kind is Kind.NOT_FOUND
    # The headline stands for its own words, not for the question's others: a question asking
    # nothing but them still needs a paragraph that names them, and one of two others is not most.
    from bot.core.verdict import _about_it

    headline = flats.headline_terms("flats")
    second = flats.library.index.paragraph_term_sets[1]  # وسيتم التسليم …
    assert _about_it(frozenset({"شقق", "تسليم"}), frozenset(), second, headline)
    assert not _about_it(frozenset({"شقق", "عقود"}), frozenset(), second - {"عقود"}, headline)
    assert not _about_it(frozenset({"شقق", "تسليم", "رياض"}), frozenset(), second, headline)
    # An article without a title line is titled by its file's name, which says nothing.
    untitled = story_of(parse_article("source: وكالة\n\n" + FLATS, "flats"))
    assert untitled.headline_terms("flats") == frozenset()


METRO = """title: مشروع النقل العام
source: وكالة
disclaimer: نص تجريبي.

أعلنت الشركة أن مشروع المترو بجدة سيضم ثلاثة خطوط كمرحلة أولى.
وقال المدير إن المشروع تبلغ كلفته 45 مليار ريال.
وأودعت الشركة 3 مليارات ريال بمصرف محلي لتمويل الأعمال.
"""


def test_a_place_the_article_writes_with_a_proclitic_on_is_named(airport):
    from bot.core.verdict import _placed_elsewhere
    from index.reading import read

    metro = story_of(parse_article(METRO, "metro"))
    # بجدة and كمرحلة keep their proclitic in the index (بجد, كمرحل): the place is named all the same.
    assert not _placed_elsewhere(metro, read("كم عدد خطوط المترو في جدة؟"))
    assert "ثلاثة خطوط" in first_quote(metro, "كم عدد خطوط المترو في جدة؟")
    assert "ثلاثة خطوط" in first_quote(metro, "كم عدد خطوط المترو في المرحلة الأولى؟")
    # The rest of the word is a word of its own: بمصرف is a bank, not مصر.
    assert _placed_elsewhere(metro, read("كم مليار ريال أودعت الشركة في مصر؟"))
    assert answer(metro, "كم مليار ريال أودعت الشركة في مصر؟").kind is Kind.NOT_FOUND
    # An article that never writes the city still cannot place a value there.
    assert _placed_elsewhere(airport, read("كم مسافرا سيخدم المطار في جدة؟"))
    assert answer(airport, "كم مسافرا سيخدم المطار في جدة؟").kind is Kind.NOT_FOUND


@pytest.mark.parametrize(
    "longer, shorter, same",
    [("بجد", "جده", True), ("باصل", "اصل", True), ("وزير", "زير", True), ("بلد", "ولد", False), ("بلد", "لد", False)],
)
def test_two_stems_are_one_word_when_the_longer_has_a_proclitic_on(longer, shorter, same):
    from bot.core.verdict import _proclitic_on

    assert _proclitic_on(longer, shorter) is same


DAIRY = """title: نتائج شركة الألبان
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

حققت شركة الألبان الوطنية أرباحا صافية بلغت 500 مليون ريال في الربع الثاني، مرجعة ذلك إلى زيادة المبيعات بنسبة 8 في المئة.
وتتوسع الشركة في أسواق الخليج منذ العام الماضي، وارتفعت صادراتها إلى الخليج بنسبة 5% لتبلغ 90 مليون ريال.
"""

TOURISM = """title: السياحة في المدينة
source: وكالة أنباء تجريبية
disclaimer: نص تجريبي للاختبار فقط.

استقبلت المدينة 3 ملايين زائر خلال الصيف، فيما سجلت إيرادات الفنادق نموا بنسبة 12% عن الصيف الماضي.
وافتتحت البلدية حديقة جديدة على الواجهة البحرية.
"""


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (DAIRY, "كم بلغت مبيعات الشركة في الربع الثاني؟"),
        (TOURISM, "كم بلغت إيرادات الفنادق خلال الصيف؟"),
    ],
)
def test_how_much_something_reached_is_no_share_of_its_change(text, question):
    # "كم بلغت المبيعات" asks the amount the sales reached; «زيادة المبيعات بنسبة 8 في المئة»
    # tells by how much they grew, and the sentence's other values (the profit, the visitors)
    # are of something else: the article does not say.
    story = story_of(parse_article(text, "amount"))
    assert answer(story, question).kind is Kind.NOT_FOUND


@pytest.mark.parametrize(
    ("text", "question", "value"),
    [
        (DAIRY, "بكم زادت مبيعات الشركة في الربع الثاني؟", "بنسبة 8 في المئة"),
        (DAIRY, "كم بلغت أرباح الشركة في الربع الثاني؟", "500 مليون ريال"),
        (DAIRY, "كم بلغت صادرات الشركة إلى الخليج؟", "لتبلغ 90 مليون ريال"),
        (TOURISM, "كم بلغت نسبة نمو إيرادات الفنادق؟", "12%"),
        (TOURISM, "كم نمت إيرادات الفنادق خلال الصيف؟", "12%"),
    ],
)
def test_a_share_answers_a_change_or_a_share_asked(text, question, value):
    # A change asked (زادت، نمت: role `change`, or a word of its root) or a share (نسبة) is
    # answered by the share; an amount told beside the name is the amount asked, and so is
    # one told after the share of its change («ارتفعت … بنسبة 5% لتبلغ 90 مليون ريال»).
    story = story_of(parse_article(text, "amount"))
    assert value in first_quote(story, question)
