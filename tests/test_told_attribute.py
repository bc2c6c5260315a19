"""An age news style tells without the word عمر: «فلان (28 عاما)»; made-up articles."""

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
