"""A question word read as the article writes the same word (bot.core.question.in_article_words):
a past verb of the other gender (قالت / قال), on more than one article; words the article
writes as the question does, and function words, stay as they are."""

from __future__ import annotations

import pytest
from made_up import load_texts

from bot.core.question import in_article_words
from index.reading import read

RESIGNATION = """title: استقالة المدير
source: https://example.org/resignation
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

استقال مدير الشركة أمس بعد خلاف مع مجلس الإدارة حول خطة التوسع.
وقال المدير إنه سيعود إلى التدريس في الجامعة.
"""

LAUNCH = """title: إطلاق الهاتف
source: https://example.org/launch
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أعلنت الشركة عن هاتف جديد بسعر 500 دولار في السوق المحلية.
وبدأ بيع الهاتف في المتاجر يوم الاثنين.
"""


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return load_texts(tmp_path_factory.mktemp("forms"), resignation=RESIGNATION, launch=LAUNCH)


@pytest.mark.parametrize(
    "name, question, written, article",
    [
        ("resignation", "لماذا استقالت المديرة؟", "استقالت", "استقال"),  # the article's masculine
        ("resignation", "ماذا قالت المديرة؟", "قالت", "قال"),
        ("launch", "متى أعلن المصنع عن الهاتف؟", "اعلن", "اعلنت"),  # the article's feminine
    ],
)
def test_a_past_verb_is_read_in_the_article_s_gender(stories, name, question, written, article) -> None:
    reading = read(question)
    assert written in reading.tokens
    tokens = in_article_words(stories[name], reading).tokens
    assert article in tokens and written not in tokens


def test_the_form_the_article_writes_stays(stories) -> None:
    reading = read("متى أعلنت الشركة عن الهاتف؟")
    assert in_article_words(stories["launch"], reading).tokens == reading.tokens


def test_no_function_word_and_no_plural_is_read_as_a_verb(stories) -> None:
    # أنهت is no إنه (a particle with a pronoun), بدأ stays though the article has بدأت nowhere
    # and بيانات is a plural, not بيانا + ت.
    for question in ("هل أنهت الشركة عملها؟", "ما بيانات الهاتف؟"):
        reading = read(question)
        assert in_article_words(stories["resignation"], reading).tokens == reading.tokens
