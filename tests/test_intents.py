"""Small talk is told from questions by the intent reader alone, whatever the article."""

import pytest

from bot.core.intents import Intent, classify_intent
from index.reading import read


@pytest.mark.parametrize(
    "message",
    [
        "السلام عليكم، كيف حالك اليوم؟",
        "كيف حالك؟",
        "السلام عليكم ورحمة الله وبركاته",
        "شلونك؟",
        "ازيك",
        "hi, how are you?",
        "مرحبا",
    ],
)
def test_greetings_and_how_are_you_are_small_talk(message: str) -> None:
    assert classify_intent(read(message)) is Intent.GREETING


@pytest.mark.parametrize(
    "message",
    [
        "مرحبا، كم عاملاً فصلت ميتا؟",
        "كيف حال ميتا بعد رحيل ليكون؟",
        "السلام عليكم، متى افتتح المطار الجديد؟",
        "hi, how are the oil prices doing this year?",
    ],
)
def test_a_question_after_a_greeting_is_still_a_question(message: str) -> None:
    assert classify_intent(read(message)) is Intent.QUESTION


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        # A task word in a question about the article: "النقر على رابط" is what the flaw needs.
        ("هل يجب على المستخدم فتح ملف أو النقر على رابط حتى يخترق جهازه", Intent.QUESTION),
        ("متى نشر الرابط", Intent.QUESTION),
        # A request with no question word (and no question mark) is a task.
        ("ارسل لي رابط المقال", Intent.TASK),
        ("اكتب لي قصيدة عن ميتا", Intent.TASK),
        ("write a poem about oil", Intent.TASK),
    ],
)
def test_a_question_word_makes_a_request_a_question(message: str, intent: Intent) -> None:
    assert classify_intent(read(message)) is intent
