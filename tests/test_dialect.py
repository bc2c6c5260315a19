"""The dialect lexicon (index/dialect.py over lexicon/dialect.tsv, built from aranorm and
iraqitext) and its use against an article (bot.core.question.in_article_words): a dialect word
the article never uses is read as the formal word the article uses, on more than one article."""

from __future__ import annotations

import pytest
from made_up import load_texts

from bot.core.answer import answer
from bot.core.answer_types import Kind
from bot.core.question import in_article_words
from index.dialect import bare_verbs, formal_spellings, formal_words, table
from index.questions import MANNER, NUMBER, classify
from index.reading import read

PLANS = """title: خطط الشركة
source: https://example.org/plans
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

قالت الشركة إنها تريد افتتاح مصنع جديد في المدينة الصناعية العام المقبل.
وأضافت أن المصنع سيوظف نحو 300 عامل عند اكتمال أعماله.
"""

TRIP = """title: رحلة الوفد
source: https://example.org/trip
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أكد الوزير أنه ذاهب إلى القاهرة الأسبوع المقبل على رأس وفد تجاري.
وسيلتقي الوفد رجال أعمال لبحث فرص الاستثمار بين البلدين.
ويضم الوفد في مرحلته الثالثة ممثلي 40 شركة.
ويمكن للوفد زيارة المصانع الجديدة في العاشر من رمضان.
"""


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return load_texts(tmp_path_factory.mktemp("dialect"), plans=PLANS, trip=TRIP)


def test_the_table_gives_formal_words_of_several_dialects() -> None:
    assert "يريد" in formal_words("يبي")  # Gulf
    assert "يريد" in formal_words("بده")  # Levantine
    assert "ذاهب" in formal_words("رايح")  # Egyptian
    assert "ذاهب" in formal_words("ورايح")  # a proclitic is taken off for the look-up
    assert formal_words("المصنع") == ()  # a formal word has no entry


def test_the_table_leaves_out_formal_words_and_stopwords() -> None:
    words = table()
    # iraqitext renders دور as نوبه ("a turn"): a formal word (a role) keeps its sense
    assert "دور" not in words and "مدرب" not in words
    # every formal rendering is one word, never the dialect word itself
    assert all(formal and word not in formal and all(" " not in f for f in formal) for word, formal in words.items())


def test_dialect_question_words_from_the_resource_ask_their_kind() -> None:
    assert classify("اشكد عدد العمال؟").kind == NUMBER  # Iraqi: how many
    assert classify("اشلون صار هذا؟").kind == MANNER  # Iraqi: how


@pytest.mark.parametrize(
    "name, question, formal",
    [("plans", "المدير شو بده يفتح؟", "تريد"), ("trip", "الوزير رايح وين؟", "ذاهب")],
)
def test_a_dialect_word_is_read_as_the_article_s_formal_word(stories, name: str, question: str, formal: str) -> None:
    reading = read(question)
    assert formal not in reading.tokens
    assert formal in in_article_words(stories[name], reading).tokens


def test_only_where_the_article_uses_the_formal_word(stories) -> None:
    # The trip article never says يريد (nor a word of its root): بده stays as it is.
    reading = read("الوزير بده يروح وين؟")
    assert in_article_words(stories["trip"], reading).tokens == reading.tokens
    # A word the article uses stays, even when the table lists it (none here: the reading is unchanged).
    assert in_article_words(stories["plans"], read("كم عامل سيوظف المصنع؟")) == read("كم عامل سيوظف المصنع؟")


def test_the_dialect_question_is_answered_from_the_formal_sentence(stories) -> None:
    reply = answer(stories["trip"], "الوزير رايح وين؟")
    assert reply.kind is Kind.ANSWER and "ذاهب إلى القاهرة" in reply.quotes[0].text


def test_the_arabizi_lexicon_spells_what_the_letter_rules_cannot() -> None:
    from index.arabizi import known_spellings, to_arabic

    # a 2 that is a glottal ق, and long vowels, as the lexicon spells them
    assert to_arabic("2al") == "قال" and to_arabic("fo2") == "فوق" and to_arabic("yom") == "يوم"
    # a word it does not list is spelt by the rules
    assert "dafa3et" not in known_spellings() and to_arabic("dafa3et") == "دفعت"


def test_an_arabizi_question_is_analysed_with_the_lexicon_s_spelling(stories) -> None:
    # "2al" read by the rules is ل (the 2 taken for a hamza); the lexicon reads قال, so the
    # question meets the article's verb of saying as an Arabic question would
    analyze = stories["plans"].library.index.analyze
    said = analyze("قال")[0]
    assert said in analyze("el sherka 2al eh 3an el masna3?")
    assert said in analyze("el wazir 2al eh?")


def test_the_hand_written_rows_are_common_verbs_the_tables_leave_out(stories) -> None:
    # يقدر is also a formal word ("estimates"): the generated table leaves it out, the
    # hand-written one reads it as "can", as the article says it (يمكن)
    assert "يستطيع" in formal_words("يقدر") and "يمكن" in formal_words("ينفع")
    reading = read("ينفع الوفد يزور المصانع؟")
    assert "يمكن" in in_article_words(stories["trip"], reading).tokens  # the trip article says يمكن
    # the plans article says neither يمكن nor يفيد: the word stays as it is
    assert in_article_words(stories["plans"], reading).tokens == reading.tokens


def test_question_forms_read_as_their_kind_on_more_than_one_article(stories) -> None:
    from index.questions import PERSON

    # من after a preposition written as one word asks who
    assert classify("لمن أهدى فيتيل الفوز؟").kind == PERSON and classify("عمن تحدث الوزير؟").kind == PERSON
    # "what kind of": kind is no search term in any article
    for name in ("plans", "trip"):
        analyze = stories[name].library.index.analyze
        assert analyze("what kind of factory") == analyze("what factory")


SALES = """title: المبيعات
source: https://example.org/sales
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

بلغت مبيعات الشركة 120 مليون ريال في الربع الثاني.
وارتفعت الأرباح بنسبة 10 في المئة لتصل إلى 15 مليون ريال.
"""


@pytest.mark.parametrize(
    "question, figure",
    [("بلغت المبيعات كم؟", "120 مليون"), ("المبيعات بلغت كام؟", "120 مليون"), ("في نهاية المقال بلغت الأرباح كم؟", "15 مليون")],
)
def test_a_question_word_after_the_linking_verb_it_drops_is_still_read(tmp_path, question: str, figure: str) -> None:
    # The linking verb (بلغت) is taken out of a number question before its search; the
    # question word after it used to point past the tokens left (IndexError). (What the
    # profits reached is their amount, not the share they rose by: the sentence tells both.)
    sales = load_texts(tmp_path, sales=SALES)["sales"]
    reply = answer(sales, question)
    assert reply.kind is Kind.ANSWER and figure in reply.quotes[0].text


@pytest.mark.parametrize(
    "word, formal",
    [
        ("كتفاوض", "تفاوض"),  # Moroccan ك before the person letter
        ("بيشتغل", "يشتغل"),  # Levantine/Egyptian ب
        ("هترجع", "ترجع"),  # Egyptian future ه
        ("بيركزو", "يركزون"),  # the present plural's dropped ن put back
        ("عالمعسكر", "المعسكر"),  # على contracted with the article
        ("هالسنة", "السنة"),  # هذا contracted with the article
    ],
)
def test_bare_verbs_offers_the_formal_spelling(word, formal):
    assert formal in bare_verbs(word)


def test_bare_verbs_leaves_a_word_without_a_dialect_prefix_alone():
    # ب before a letter that is no person prefix is a preposition's, not a verb's
    assert "رنامج" not in bare_verbs("برنامج")
    assert bare_verbs("مدرسة") == ()


@pytest.mark.parametrize(
    "word",
    # Questions of four folders: k1's follow-up «وكم وزنه؟», n4 «كام واحد مصري», m2 «وحده»,
    # the story's held-out sets «وجهه», n5 «وصلت»: the و is the word's first letter.
    # حياته, بيان, كتابه: a ح, ب, ك that opens a word of the dictionaries is no verb prefix
    # (h2's «فقد أحد … حياته» was read as ناته: ح + ياته of another person).
    ["وزنه", "واحد", "وحده", "وجهه", "وصلت", "حياته", "بيان", "كتابه"],
)
def test_bare_verbs_keeps_the_first_letter_of_a_dictionary_word(word):
    assert word[1:] not in bare_verbs(word)


def test_bare_verbs_still_takes_the_conjunction_off_what_no_dictionary_knows():
    # واكتب (the story sets), ومعارف (m3), وبيشتغل: no word with the و, a word without it.
    assert "اكتب" in bare_verbs("واكتب")
    assert "يشتغل" in bare_verbs("وبيشتغل")


def test_formal_spellings_read_the_dialects_t_back_as_tha() -> None:
    # Egypt and the Levant say ث as ت and readers write it so: each ت may be ث
    assert "الثالثه" in formal_spellings("التالته") and "كثير" in formal_spellings("كتير")
    assert "ثلاثه" in formal_spellings("تلاته")
    assert formal_spellings("مصنع") == ()  # no ت: nothing to read back
    assert "التالته" not in formal_spellings("التالته")  # the word itself is not offered
    # تاني, تانية "other, again" keep their own sense, not ثاني "second"
    assert formal_spellings("تاني") == () and formal_spellings("التانيه") == ()


@pytest.mark.parametrize(
    "name, question, formal",
    [("trip", "كام شركة في المرحلة التالتة؟", "الثالثه"), ("plans", "المصنع هيوظف كتير عمال؟", None)],
)
def test_a_dialect_spelling_is_read_as_the_article_writes_it(stories, name: str, question: str, formal: str | None) -> None:
    reading = read(question)
    tokens = in_article_words(stories[name], reading).tokens
    if formal is None:  # the plans article never writes كثير: كتير stays as it is
        assert "كثير" not in tokens and "كتير" in tokens
    else:
        assert formal in tokens and formal not in reading.tokens


LEAVING = """title: رحيل المدير
source: https://example.org/leaving
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

غادر المدير الشركة ليؤسس شركة ناشئة خاصة به في مجال الطاقة.
وكانت أصول الشركة قد تراجعت في الربع الأخير من العام.
"""


def test_at_all_does_not_lift_a_sentence_of_origins_or_assets(tmp_path):
    stories = load_texts(tmp_path, leaving=LEAVING)
    reply = answer(stories["leaving"], "هو المدير ساب الشركة ليه أصلاً؟")
    assert reply.kind is Kind.ANSWER and "ليؤسس" in reply.quotes[0].text
