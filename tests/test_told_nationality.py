"""A nationality news style tells by a nisba beside the name, without the word جنسية
(«الروسي دانييل كفيات»، «فيتيل الألماني»); made-up articles."""

from bot.core.answer import answer
from index.language.nisba import is_nisba
from tests.made_up import load_texts

_RACE = (
    "title: سباق الجائزة الكبرى\n\n"
    "فاز السائق الروسي دانييل كفيات بسباق الجائزة الكبرى أمس بعد منافسة قوية.\n\n"
    "وحل زميله كريم الهضبة ثانيا بعد أن انطلق من المركز الخامس.\n"
)
_TENNIS = (
    "title: نهائي البطولة\n\n"
    "بلغ اللاعب سامر الوادي المصري نهائي البطولة بعد فوزه في نصف النهائي.\n\n"
    "وتحدث الوادي بالفرنسية إلى الجمهور بعد المباراة، وشكر مدربه نادر الجبلي على دعمه.\n"
)
_FOOD = (
    "title: مهرجان الطعام\n\n"
    "افتتح الطاهي منصور الراشد مهرجان الطعام في المدينة القديمة.\n\n"
    "وقدم الراشد أطباقا من المطبخ الإيطالي والمطبخ المغربي إلى الزوار.\n"
)


def test_the_nisba_table_is_built_from_the_resources():
    for word in ("الألماني", "الروسي", "والمصري", "السويسري", "الروسية"):
        assert is_nisba(word.replace("أ", "ا").replace("ة", "ه")), word
    assert not is_nisba("بالفرنسيه")  # a language spoken, not a nationality
    assert not is_nisba("ماني")
    assert not is_nisba("السعوديه")  # the country's own name, not a woman's nationality
    assert is_nisba("السعودي") and is_nisba("الاردني")  # اردني on iso-codes' name alone


def test_a_nisba_beside_the_name_tells_the_nationality(tmp_path):
    stories = load_texts(tmp_path, race=_RACE, tennis=_TENNIS)
    reply = answer(stories["race"], "ما جنسية دانييل كفيات؟")
    assert reply.quotes and "الروسي دانييل كفيات" in reply.quotes[0].text
    reply = answer(stories["race"], "What nationality is Kvyat?")
    assert reply.quotes and "الروسي" in reply.quotes[0].text
    reply = answer(stories["tennis"], "ما جنسية الوادي؟")  # the nisba after the name
    assert reply.quotes and "الوادي المصري" in reply.quotes[0].text


def test_no_nisba_or_someone_elses_declines(tmp_path):
    stories = load_texts(tmp_path, race=_RACE, tennis=_TENNIS, food=_FOOD)
    assert not answer(stories["race"], "ما جنسية كريم الهضبة؟").quotes  # the nisba is the winner's
    assert not answer(stories["tennis"], "ما جنسية نادر الجبلي؟").quotes  # «بالفرنسية» is a language
    assert not answer(stories["food"], "ما جنسية منصور الراشد؟").quotes  # cuisines, not his nationality
    assert not answer(stories["food"], "What nationality is Mansour al-Rashed?").quotes
