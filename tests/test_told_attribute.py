"""An age news style tells without the word عمر: «فلان (28 عاما)»; made-up articles. Then the
attribute rows (index.kinds.ATTRIBUTES) on sentences of four development articles."""

import pytest

from bot.core.answer import answer
from tests.made_up import load_texts

_SPORT = (
    "title: نهائي دورة الشاطئ\n\n"
    "تأهل اللاعب سامر الوادي إلى النهائي بعد فوزه على خصمه.\n\n"
    "ويواجه الوادي في النهائي اللاعب كريم الهضبة (31 عاما) الذي بلغ النهائي للمرة الثالثة.\n"
)
_CRAFT = (
    "title: مهنة الخبز التقليدي\n\n"
    "يقول الخباز منصور الراشد إنه أمضى 30 عاماً في هذه المهنة التي يعزف عنها الشباب.\n\n"
    "ويبيع الراشد خبزه في السوق القديم كل صباح.\n"
)
_AWARD = (
    "title: جائزة الشعر\n\n"
    "فازت الشاعرة ليلى النجدي بالجائزة عن ديوانها الأول.\n\n"
    "وتسلمت الجائزة من رئيس اللجنة الشاعر فهد المروج ذي الـ70 ربيعا.\n"
)


def test_an_age_in_the_aside_after_a_name_answers(tmp_path):
    stories = load_texts(tmp_path, sport=_SPORT, award=_AWARD)
    reply = answer(stories["sport"], "كم عمر كريم الهضبة؟")
    assert reply.quotes and "31" in reply.quotes[0].text
    reply = answer(stories["award"], "كم عمر فهد المروج؟")
    assert reply.quotes and "ربيعا" in reply.quotes[0].text


def test_an_age_of_someone_else_or_a_span_of_years_declines(tmp_path):
    stories = load_texts(tmp_path, sport=_SPORT, craft=_CRAFT, award=_AWARD)
    assert not answer(stories["sport"], "كم عمر سامر الوادي؟").quotes  # the age told is his rival's
    assert not answer(stories["craft"], "كم عمر منصور الراشد؟").quotes  # 30 years in the trade, no age
    assert not answer(stories["award"], "كم عمر ليلى النجدي؟").quotes
    assert not answer(stories["sport"], "كم عمر الوادي؟").quotes  # named in the sentence, but not beside the age


# --- the attribute rows: an age or a nationality told beside a name, without its word -----
_VETTEL_D5 = "أحرز سائق فيراري الألماني سيباستيان فيتيل المركز الأول في سباق جائزة المجر الكبرى"  # d5
_FOGNINI_K2 = "وهو مرشح لإحراز اللقب الثاني في هامبورغ بعد 2008 على حساب فونييني (28 عاما) الذي يلعب النهائي العاشر"  # k2
_RIAHNEH_G5 = "حياة الشاعر لبيد بن ربيعة الذي يجسد شخصيته الممثل الأردني منذر الرياحنة بمشاركة عدد من الممثلين السعوديين"  # g5
_CRAFT_K7 = "ويشير العم «عبدالله الحكيم» إلى أنه أمضى30 عاماً في هذه المهنة"  # k7


def _named(name: str):
    """A word of the name asked, as the verdict's analyser would say of a written word."""
    from index.analysis import normalize
    from index.kinds import PUNCTUATION

    return lambda word: word.strip(PUNCTUATION) == normalize(name)


@pytest.mark.parametrize(
    "attribute, text, name, told",
    [
        ("جنسية", _VETTEL_D5, "فيتيل", True),
        ("جنسية", _RIAHNEH_G5, "الرياحنة", True),
        ("جنسية", _RIAHNEH_G5, "لبيد", False),  # the nisba beside someone else's name
        ("عمر", _FOGNINI_K2, "فونييني", True),  # the aside after the name
        ("عمر", _FOGNINI_K2, "نادال", False),
        ("عمر", _CRAFT_K7, "الحكيم", False),  # 30 years in the trade: a span, not an age
    ],
)
def test_an_attribute_row_tells_it_beside_the_name(attribute, text, name, told):
    from index.kinds import ATTRIBUTES

    assert ATTRIBUTES[attribute].tells(text, _named(name)) is told


def test_only_the_nationality_row_answers_by_itself():
    from index.kinds import ATTRIBUTES

    assert [word for word, row in ATTRIBUTES.items() if row.answers] == ["جنسية"]
