"""Follow-ups (a second turn that leans on the first), on more than one article: how a turn is
read (index.reading), what the engine answers (bot.core.followup through bot.core.answer), and
that the console and the Telegram wing answer a conversation the same way."""

from __future__ import annotations

import io
import json
import pytest
from made_up import load_texts

from bot.console import Source, answer_lines
from bot.conversation.session import Conversations
from bot.core.answer import Conversation, answer, load_story
from bot.core.answer_types import Kind
from bot.core.question import QuotedAt
from bot.render import answer_to_json
from index.questions import NUMBER, OTHER, PLACE, PRICE, TIME
from index.reading import ANOTHER, NEW_KIND, SUBSTITUTION, read

TRADE = """title: تجارة فرنسا مع إيران
source: https://example.org/trade
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

بلغت الواردات الفرنسية من إيران 62 مليون يورو في عام 2013.
وبلغت الصادرات الفرنسية إلى إيران 494 مليون يورو في العام نفسه.
وتراجعت التجارة بين البلدين بعد العقوبات الدولية التي فرضت على طهران.
يزور وزير الخارجية الفرنسي طهران الأسبوع المقبل لبحث استئناف العلاقات التجارية.
"""

AIRPORT = """title: المطار الجديد
source: https://example.org/airport
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

يضم المطار الجديد برج مراقبة بارتفاع 136 مترا، وهو من أعلى الأبراج في المنطقة.
ويحتوي مبنى الركاب على 46 بوابة للرحلات الدولية والداخلية.
وتستوعب مواقف السيارات 8200 سيارة في أربعة طوابق.
ومن المتوقع افتتاح المطار في منتصف العام المقبل بعد انتهاء أعمال التشغيل التجريبي.
"""

MINISTER = """title: مشروع القطار
source: https://example.org/train
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

قال وزير النقل، سامي الحربي، للصحافيين أمس إن مشروع القطار يسير وفق الجدول.
وقال مدير المشروع إن تأخر المرحلة الأولى من القطار نوقش مع وزير النقل.
وأضاف الحربي أن المرحلة الأولى تنتهي في الربيع المقبل.
ويربط القطار المدينة بالمطار في عشرين دقيقة.
"""

CLUB = """title: النادي والمدرب الجديد
source: https://example.org/club
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أعلن رئيس النادي، خالد العتيبي، أمس عن تعاقد الفريق مع مدرب جديد لموسمين.
وكشف مدرب الفريق أن المكافآت المالية للاعبين وعد بها رئيس النادي.
وأوضح العتيبي أن المكافآت تصرف بعد نهاية الموسم.
ويبدأ الفريق معسكره الصيفي في النمسا الشهر المقبل.
"""

SILOS = """title: صوامع الغلال
source: https://example.org/silos
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

ارتفعت الطاقة التخزينية للمؤسسة هذا العام إلى 2.8 مليون طن، وذلك بعد افتتاح فرع جديد في المدينة.
واستوردت المؤسسة مليوني طن من القمح منذ بداية العام.
ويعمل في المؤسسة ثلاثة آلاف موظف في عشرة فروع.
"""

STADIUM = """title: الملعب الجديد
source: https://example.org/stadium
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

افتتح النادي ملعبه الجديد الذي يتسع لـ 45 ألف متفرج في حفل حضره آلاف المشجعين.
وكلف الملعب 900 مليون ريال، وأنجز في ثلاث سنوات.
وارتفعت أسعار التذاكر 20 في المئة هذا الموسم، وذلك بعد تجديد المدرجات.
ويضم الملعب 12 بوابة.
"""

IMPORTS = "كم بلغت الواردات الفرنسية من إيران؟"
EXPORTS_SENTENCE = "وبلغت الصادرات الفرنسية إلى إيران 494 مليون يورو في العام نفسه."
GATES_SENTENCE = "ويحتوي مبنى الركاب على 46 بوابة للرحلات الدولية والداخلية."

# (article, turns, a phrase the follow-up's first quote holds, or None: it quotes nothing)
CONVERSATIONS = [
    ("trade", [IMPORTS, "والصادرات؟"], "494 مليون يورو"),
    ("trade", [IMPORTS, "what about exports?"], "494 مليون يورو"),
    ("trade", [IMPORTS, "وفي الربع الثالث؟"], None),
    ("airport", ["كم ارتفاع برج المراقبة؟", "وكم بوابة فيه؟"], "46 بوابة"),
    ("airport", ["كم سيارة تستوعب المواقف؟", "وكم طابق؟"], "أربعة طوابق"),
    ("airport", ["متى يفتتح المطار؟", "وكم عمر المدير؟"], None),
    ("story", ["بكم انخفضت أسهم ميتا؟", "ومتى؟"], "في أواخر أكتوبر"),
    ("story", ["بكم انخفضت أسهم ميتا؟", "وليش؟"], "عندما ألمح"),
    ("story", ["من ترك ميتا قبل ليكون؟", "وإلى أين ذهب؟"], "إلى كوهير"),
    # "he" is the one the reply named (الحربي، العتيبي), not whoever else says the role's words
    ("minister", ["من هو وزير النقل؟", "وشو قال عن المرحلة الأولى؟"], "تنتهي في الربيع"),
    ("club", ["من هو رئيس النادي؟", "وماذا قال عن المكافآت؟"], "تصرف بعد نهاية الموسم"),
    # "why?" is answered by what the clause just quoted owes to: "… وذلك بعد افتتاح فرع جديد"
    ("silos", ["كم الطاقة التخزينية للمؤسسة هذا العام؟", "وليش زادت؟"], "وذلك بعد افتتاح فرع جديد"),
    ("stadium", ["بكم ارتفعت أسعار التذاكر هذا الموسم؟", "ولماذا؟"], "وذلك بعد تجديد المدرجات"),
    # "how much did it cost?" asks a price: a sum of money, not the count just quoted
    ("stadium", ["كم متفرج يتسع الملعب الجديد؟", "وكم كلف؟"], "900 مليون ريال"),
    ("airport", ["كم بوابة في المطار؟", "والمبنى كلف كام؟"], None),
    ("silos", ["كم موظف في المؤسسة؟", "والفرع الجديد كلف كام؟"], None),
]


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return {"story": load_story(), **load_texts(tmp_path_factory.mktemp("articles"), trade=TRADE, airport=AIRPORT,
                                                 minister=MINISTER, club=CLUB, silos=SILOS, stadium=STADIUM)}


def converse(story, turns: list[str]) -> list:
    conversation, replies = Conversation(), []
    for turn in turns:
        reply = answer(story, turn, conversation)
        conversation = conversation.after(reply)
        replies.append(reply)
    return replies


# ------------------------------------------------------------------ reading a turn


@pytest.mark.parametrize(
    "text, form",
    [("والصادرات؟", SUBSTITUTION), ("وتقنية المعلومات؟", SUBSTITUTION), ("وماذا عن جوجل؟", SUBSTITUTION),
     ("what about Google?", SUBSTITUTION), ("wel taxi?", SUBSTITUTION), ("ومتى؟", NEW_KIND),
     ("وكم عمره؟", NEW_KIND), ("وبماذا حذر؟", NEW_KIND), ("ومن أي شركة جاء؟", NEW_KIND),
     ("ومن غيره؟", ANOTHER), ("who else?", ANOTHER),
     # Arabizi "what" and "which" ask as شنو and أي do
     ("w shnou galet 3la tasrib?", NEW_KIND), ("w sho 2al?", NEW_KIND), ("w howa men ay balad?", NEW_KIND)],
)
def test_the_form_of_a_follow_up(text: str, form: str) -> None:
    reading = read(text)
    assert reading.leans_back and reading.form == form


@pytest.mark.parametrize(
    "text, leans",
    [("وتقنية المعلومات؟", True), ("ومين قال هالكلام؟", True), ("ولماذا ارتفع عن الربع السابق؟", True),
     ("and will the slowdown there delay production?", True), ("طيب ومتى؟", True),
     # a question of its own: four things named, or وين (where) is no "and"
     ("وكم برميلا تنتج إيران يوميا؟", False), ("وين محتجز سيف الإسلام؟", False),
     ("متى افتتح الملك المطار الجديد؟", False)],
)
def test_which_turns_lean_on_the_previous_question(text: str, leans: bool) -> None:
    assert read(text).leans_back is leans


def test_a_substitution_keeps_the_previous_kind_and_stands_where_its_subject_stood() -> None:
    followed = read("والصادرات؟").following(read(IMPORTS))
    assert followed.kind == NUMBER and followed.follows == SUBSTITUTION
    assert followed.tokens[:2] == ("كم", "والصادرات") and followed.own == ("والصادرات",)
    # "what about" asks nothing of its own: the previous question's kind holds
    assert read("what about Google?").following(read("متى أسس ليكون المختبر؟")).kind == TIME


@pytest.mark.parametrize("text", ["كم كلف المشروع؟", "والمشروع كلف كام؟", "وشكد راح تكلف؟", "وبكم تكلفت؟"])
def test_the_verb_cost_asks_a_price(text: str) -> None:
    assert read(text).kind == PRICE


def test_a_new_question_word_decides_the_kind() -> None:
    previous = read("متى أسس ليكون مختبر FAIR؟")
    assert read("وشو كان هدفه؟").following(previous).kind == OTHER  # not the previous "when"
    assert read("ووين كان؟").following(read("من هو الأمين العام لأوبك؟")).kind == PLACE


def test_the_conversation_remembers_where_the_reply_quoted(stories) -> None:
    first = answer(stories["trade"], IMPORTS)
    conversation = Conversation().after(first)
    quote = first.quotes[0]
    assert conversation.quoted == QuotedAt(quote.article, quote.paragraph, quote.start)
    # small talk keeps the subject; a reply that quotes nothing forgets the place
    assert conversation.after(answer(stories["trade"], "شكرا")) == conversation
    assert conversation.after(answer(stories["trade"], "كم عدد سكان المريخ؟")).quoted is None


# ------------------------------------------------------------------ what is answered


@pytest.mark.parametrize("name, turns, phrase", CONVERSATIONS)
def test_follow_ups_on_several_articles(stories, name: str, turns: list[str], phrase: str | None) -> None:
    first, follow_up = converse(stories[name], turns)
    if phrase is None:
        assert follow_up.kind is Kind.NOT_FOUND and not follow_up.quotes, follow_up
    else:
        assert follow_up.kind is Kind.ANSWER and phrase in follow_up.quotes[0].text, follow_up


def test_a_follow_up_is_not_answered_alone(stories) -> None:
    """The same bare turns, without the first, say nothing the article can answer.
    ("وكم طابق؟" alone is answered since a singular meets the article's broken plural: the
    airport's only floors, أربعة طوابق, are what it asks.)"""
    for name, turns in (("story", ["ومتى؟"]), ("trade", ["وفي الربع الثالث؟"])):
        assert converse(stories[name], turns)[0].kind is Kind.NOT_FOUND


def test_a_substitution_is_answered_by_what_it_names_not_what_it_replaces(stories) -> None:
    _, exports = converse(stories["trade"], [IMPORTS, "والصادرات؟"])
    assert exports.quotes[0].text == EXPORTS_SENTENCE
    _, gates = converse(stories["airport"], ["كم ارتفاع برج المراقبة؟", "وكم بوابة فيه؟"])
    assert gates.quotes[0].text == GATES_SENTENCE  # not the tower's sentence just quoted


def test_the_name_a_who_reply_gave_is_read_from_its_quote(stories, tmp_path) -> None:
    """The words set off by commas right after the role asked ("رئيس النادي، خالد العتيبي،");
    an aside set off the same way (a date, a clause) names no one."""
    from bot.core.followup import _answered_name

    for name, question, expected in (("minister", "من هو وزير النقل؟", ("سامي", "الحربي")),
                                     ("club", "من هو رئيس النادي؟", ("خالد", "العتيبي"))):
        quoted = Conversation().after(answer(stories[name], question)).quoted
        assert _answered_name(stories[name], quoted, read(question)) == expected
    aside = load_texts(tmp_path, aside=CLUB.replace("رئيس النادي، خالد العتيبي، أمس", "رئيس النادي، أمس،"))["aside"]
    question = "من هو رئيس النادي؟"
    quoted = Conversation().after(answer(aside, question)).quoted
    assert quoted is not None and _answered_name(aside, quoted, read(question)) == ()


def test_the_name_a_who_reply_gave_may_end_at_what_a_verb_of_saying_opens(tmp_path) -> None:
    """Right after the role, with no comma: the name ends at the "إن" that opens what was said
    ("وقال وزير النقل المهندس سامي الحربي إن …"); without it (or with no name before it) the
    words after the role are no name. عبد الله is one name, though الله alone is a stopword."""
    from bot.core.followup import _answered_name

    texts = load_texts(
        tmp_path,
        bare=MINISTER.replace("قال وزير النقل، سامي الحربي، للصحافيين أمس إن", "قال وزير النقل المهندس سامي الحربي إن"),
        servant=CLUB.replace("خالد العتيبي", "عبد الله العتيبي"),
        unended=CLUB.replace("رئيس النادي، خالد العتيبي، أمس عن", "رئيس النادي خالد العتيبي عن"),
        unnamed=MINISTER.replace("قال وزير النقل، سامي الحربي، للصحافيين أمس إن", "قال وزير النقل إن"),
    )
    for name, question, expected in (
        ("bare", "من هو وزير النقل؟", ("المهندس", "سامي", "الحربي")),
        ("servant", "من هو رئيس النادي؟", ("عبد", "الله", "العتيبي")),
        ("unended", "من هو رئيس النادي؟", ()),
        ("unnamed", "من هو وزير النقل؟", ()),
    ):
        quoted = Conversation().after(answer(texts[name], question)).quoted
        given = _answered_name(texts[name], quoted, read(question)) if quoted is not None else ()
        assert given == expected, name
        assert quoted is not None or not expected


def test_a_new_question_after_a_follow_up_does_not_lean(stories) -> None:
    """A full question in a conversation is answered as if asked first."""
    question = "كم سيارة تستوعب المواقف؟"
    _, in_conversation = converse(stories["airport"], ["كم ارتفاع برج المراقبة؟", question])
    assert in_conversation == answer(stories["airport"], question)


# ------------------------------------------------------------------ the console and Telegram alike


def console_replies(story, turns: list[str]) -> list[dict]:
    out = io.StringIO()
    answer_lines(Source(story), [t + "\n" for t in turns], out, as_json=True, conversation=True)
    return [json.loads(line) for line in out.getvalue().splitlines()]


async def telegram_replies(story, turns: list[str], chat: int) -> list[dict]:
    """Through the conversation logic the Telegram handlers call (memory per chat)."""
    conversations = Conversations(story, None)
    replies = []
    for n, turn in enumerate(turns):
        turn_ = await conversations.ask(chat, chat, turn, key=f"{chat}:{n}:0")
        replies.append(answer_to_json(turn_.answer, with_article=len(story.articles) > 1))
    return replies


async def test_console_and_telegram_follow_up_the_same_way(stories) -> None:
    for chat, (name, turns, _phrase) in enumerate(CONVERSATIONS, 1):
        story = stories[name]
        assert console_replies(story, turns) == await telegram_replies(story, turns, chat), turns


async def test_telegram_end_to_end_follow_up_on_another_article(stories, standin, start_bot) -> None:
    """The real python-telegram-bot stack over HTTP: a follow-up in a chat quotes what the
    console quotes for the same conversation."""
    story = stories["trade"]
    bot = await start_bot(story_=story)
    await standin.reply_to(standin.send_text(IMPORTS, user_id=31))
    reply = await standin.reply_to(standin.send_text("والصادرات؟", user_id=31))
    # another chat's bare "and when?" has nothing to lean on
    alone = await standin.reply_to(standin.send_text("ومتى؟", user_id=32))
    await bot.stop()
    expected = console_replies(story, [IMPORTS, "والصادرات؟"])[1]
    assert expected["quotes"][0]["text"] == EXPORTS_SENTENCE
    assert EXPORTS_SENTENCE in reply.visible
    assert console_replies(story, ["ومتى؟"])[0]["quotes"] == []
    assert not any(sentence in alone.visible for sentence in TRADE.splitlines()[4:] if sentence)


def test_a_newsroom_keeps_a_follow_up_on_the_story_of_the_conversation(tmp_path) -> None:
    """A chat that never chose a story: "والصادرات؟" stays with the trade story, though
    another story of the catalogue speaks of exports too; a question of its own may move."""
    from bot.newsroom import Newsroom
    from bot.store.catalogue import Catalogue, NewStory
    from index.article import parse_article

    dates = TRADE.replace("تجارة فرنسا مع إيران", "صادرات التمور")
    dates = dates.replace("بلغت الواردات الفرنسية من إيران 62 مليون يورو في عام 2013.",
                          "ارتفعت صادرات التمور السعودية إلى أوروبا هذا العام.")
    with Catalogue.open(tmp_path / "storybot.db") as catalogue:
        catalogue.add(NewStory("trade", parse_article(TRADE, name="trade")))
        catalogue.add(NewStory("dates", parse_article(dates, name="dates")))
        newsroom = Newsroom(catalogue)
        assert newsroom.choose("والصادرات؟", previous="trade").id == "trade"
        assert newsroom.choose("ومتى؟", previous="dates").id == "dates"
        assert newsroom.choose("كم بلغت صادرات التمور السعودية إلى أوروبا؟", previous="trade").how == "best_match"


def test_who_else_is_not_answered_by_the_one_just_quoted(stories) -> None:
    first, other = converse(stories["story"], ["من ترك ميتا قبل ليكون؟", "ومن غيره؟"])
    assert first.quotes and "جويل بينو" in first.quotes[0].text
    assert other.kind is not Kind.ANSWER or other.quotes[0].text != first.quotes[0].text


# ------------------------------------------------------------------ asking for more than was quoted

COACH = """title: مدرب المنتخب
source: https://example.org/coach
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

عين الاتحاد المدرب الهولندي فان دايك مدربا للمنتخب الأول لمدة عامين.
وقال فان دايك في المؤتمر الصحفي إن اللاعبين الشباب هم مستقبل الكرة في البلاد.
وخسر المنتخب مباراته الودية الأخيرة بثلاثة أهداف. وقد أدى ذلك إلى إقالة المدرب السابق.
"""

MARKET = """title: السوق
source: https://example.org/market
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

وارتفعت أسعار الذهب في الأسواق بسبب قوة الدولار. وقد خفض ذلك الطلب على الحلي بنسبة 20 في المئة.
وقال رئيس غرفة التجارة إن التجار يتوقعون عودة الطلب في موسم الأعراس.
"""


@pytest.fixture(scope="module")
def more_stories(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return load_texts(tmp_path_factory.mktemp("more"), coach=COACH, market=MARKET)


@pytest.mark.parametrize(
    "name, first, follow_up, new",
    [("coach", "من هو مدرب المنتخب؟", "وشو قال عن اللاعبين الشباب؟", {"لاعب", "شباب"}),
     ("market", "بكم انخفض الطلب على الحلي؟", "وماذا قال عن التجار؟", {"تجار"})],
)
def test_the_new_words_of_a_follow_up(more_stories, name: str, first: str, follow_up: str, new: set[str]) -> None:
    from bot.core.followup import lean, new_terms

    story = more_stories[name]
    conversation = Conversation().after(answer(story, first))
    terms = new_terms(story, lean(story, read(follow_up), conversation))
    analyze = story.library.index.analyze
    assert terms == {t for w in new for t in analyze(w)}
    # a verb of saying and the previous question's words are not new
    assert not terms & set(analyze("قال")) and not terms & set(analyze(first))


@pytest.mark.parametrize(
    "name, turns, phrase",
    [
        # The first reply quoted the appointment; what he said about the young players is elsewhere.
        ("coach", ["من هو مدرب المنتخب؟", "وشو قال عن اللاعبين الشباب؟"], "مستقبل الكرة"),
        ("market", ["بكم انخفض الطلب على الحلي؟", "وماذا قال عن التجار؟"], "موسم الأعراس"),
        # "وقد أدى ذلك …" was quoted: "why?" is answered by what "ذلك" is, the sentence before it.
        ("market", ["بكم انخفض الطلب على الحلي؟", "وليش؟"], "بسبب قوة الدولار"),
    ],
)
def test_a_follow_up_that_asks_for_more_quotes_another_sentence(more_stories, name, turns, phrase) -> None:
    first, follow_up = converse(more_stories[name], turns)
    assert first.kind is Kind.ANSWER
    assert follow_up.kind is Kind.ANSWER and phrase in follow_up.quotes[0].text, follow_up
    if "ذلك" not in first.quotes[0].text:
        assert follow_up.quotes[0].text != first.quotes[0].text


def test_a_follow_up_answered_by_the_sentence_just_quoted_keeps_it(more_stories) -> None:
    # "ومتى؟" of the appointment: the sentence just quoted holds the span, nothing new is asked.
    first, follow_up = converse(more_stories["coach"], ["من هو مدرب المنتخب؟", "ولكم مدة؟"])
    assert follow_up.kind is Kind.ANSWER and follow_up.quotes[0].text == first.quotes[0].text


@pytest.mark.parametrize(
    "name, turns, phrase",
    [("airport", ["كم ارتفاع برج المراقبة؟", "ومواقف السيارات؟"], "8200 سيارة"),
     ("airport", ["كم بوابة في مبنى الركاب؟", "ومواقف السيارات؟"], "8200 سيارة")],
)
def test_a_substitution_that_shares_nothing_with_the_previous_subject_replaces_it(stories, name, turns, phrase) -> None:
    follow_up = converse(stories[name], turns)[1]
    assert follow_up.kind is Kind.ANSWER and phrase in follow_up.quotes[0].text, follow_up


def test_the_replaced_subject_keeps_the_previous_question_word(stories) -> None:
    from bot.core.followup import lean

    story = stories["airport"]
    conversation = Conversation().after(answer(story, "كم ارتفاع برج المراقبة؟"))
    leant = lean(story, read("ومواقف السيارات؟"), conversation)
    assert leant.kind == NUMBER and "كم" in leant.tokens and "برج" not in leant.tokens


# ------------------------------------------------------------------ what the turn itself asks

FISH = """title: أسعار السمك في الأسواق
source: https://example.org/fish
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

ارتفعت أسعار السمك في أسواق المدينة هذا الأسبوع، وقال المتسوقون إن الأسعار لم تعد في متناولهم.

وفي سوق الميناء، تراجعت أسعار الروبيان بنسبة 20 في المئة ليستقر سعر الكيلو عند 70 ريالا.

وعزا التجار هبوط أسعار الروبيان إلى كثرة المعروض بعد بدء موسم الصيد.

ويطالب المتسوقون بمراقبة الأسعار في الأسواق طوال العام.
"""
FESTIVAL = """title: مهرجان العسل
source: https://example.org/honey
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

قال رئيس لجنة المهرجان، أحمد الغامدي، إن الإقبال على أسعار العسل كبير هذا العام.

ويقام المهرجان في منتزه رغدان طوال أسبوعين.

ويعرض النحالون في المهرجان أنواع العسل والأدوات.

ويشارك في المهرجان أكثر من مئة نحال من المنطقة.
"""
NO_CAUSE = FISH.replace("وعزا التجار هبوط أسعار الروبيان إلى كثرة المعروض بعد بدء موسم الصيد.", "وباع التجار كميات كبيرة من الروبيان في الصباح.")


@pytest.fixture(scope="module")
def market_stories(tmp_path_factory) -> dict:
    return load_texts(tmp_path_factory.mktemp("market"), fish=FISH, festival=FESTIVAL, no_cause=NO_CAUSE)


@pytest.mark.parametrize(
    "name, turns, phrase",
    [
        # «… ليستقر سعر الكيلو …» says what followed the fall, not why: the cause is told elsewhere.
        ("fish", ["كم سعر كيلو الروبيان؟", "وليش؟"], "إلى كثرة المعروض"),
        # «… على أسعار العسل» is no place: the festival's place is in another paragraph.
        ("festival", ["من هو رئيس لجنة المهرجان؟", "ووين يقام؟"], "في منتزه رغدان"),
    ],
)
def test_a_turn_of_a_new_kind_is_answered_where_its_kind_is_held(market_stories, name, turns, phrase) -> None:
    first, reply = converse(market_stories[name], turns)
    assert reply.kind is Kind.ANSWER and phrase in reply.quotes[0].text
    assert reply.quotes[0].text != first.quotes[0].text


@pytest.mark.parametrize(
    "name, turns",
    [
        ("no_cause", ["كم سعر كيلو الروبيان؟", "وليش؟"]),  # no cause told anywhere
        ("festival", ["من هو رئيس لجنة المهرجان؟", "ووين كان؟"]),  # where he spoke is not told
    ],
)
def test_the_sentence_just_quoted_is_not_quoted_again_without_what_the_turn_asks(market_stories, name, turns) -> None:
    first, reply = converse(market_stories[name], turns)
    assert reply.kind is Kind.NOT_FOUND
    # What the article says of the subject is shown, as for a question of its own.
    assert reply.related and reply.related[0].text == first.quotes[0].text


# ------------------------------------------------------------------ a turn that asks a name, or a price

APP = """title: تطبيق المستشفى
source: https://example.org/app
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أطلق المستشفى الجامعي الشهر الماضي تطبيقا جديدا يحمل اسم «سند» لمتابعة المرضى في منازلهم.

وقال مدير المستشفى إن أكثر من ألفي مريض سجلوا في التطبيق خلال أسبوعين.

ويتيح التطبيق للمرضى حجز المواعيد مجانا.
"""


@pytest.fixture(scope="module")
def named_stories(tmp_path_factory) -> dict:
    return load_texts(tmp_path_factory.mktemp("named"), app=APP, festival=FESTIVAL, fish=FISH)


@pytest.mark.parametrize(
    "name, turns, phrase",
    [
        # The app's name follows a naming word right after the app.
        ("app", ["متى أطلق المستشفى التطبيق؟", "وشو اسمه؟"], "«سند»"),
        # An Arabizi price word asks a price, which the fish market gives.
        ("fish", ["بكم تراجعت أسعار الروبيان؟", "w kam se3r el kilo?"], "70 ريالا"),
        # The article names the subject but not what the turn asks: the director's name, a ticket's price.
        ("app", ["كم مريض سجل في التطبيق؟", "وشنو اسم المدير؟"], None),
        ("app", ["كم مريض سجل في التطبيق؟", "w kam se3r el ishtirak?"], None),
        ("festival", ["كم يوم يقام المهرجان؟", "w kam se3r el tathkara?"], None),
    ],
)
def test_a_turn_asking_a_name_or_a_price_needs_one(named_stories, name, turns, phrase) -> None:
    first, reply = converse(named_stories[name], turns)
    if phrase is None:
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes
        assert reply.related  # what the article says of the subject
    else:
        assert reply.kind is Kind.ANSWER and phrase in reply.quotes[0].text, reply


def test_an_arabizi_price_word_asks_a_price() -> None:
    from index.questions import PRICE, classify

    assert classify("w kam se3r el tathkara?").kind == PRICE
    assert classify("kam s3r el sahm?").kind == PRICE
    assert classify("w kam sana?").kind != PRICE


# ------------------------------------------------------------------ the bot's own opinion


@pytest.mark.parametrize(
    "text, opinion",
    [("ايش رايك في المهرجان؟", True), ("شو رأيك بالتطبيق؟", True), ("what do you think of the app?", True),
     ("هل تعتقد أن المهرجان سينجح؟", True), ("شو توقعك للمهرجان؟", True), ("انت تتوقع التطبيق ينجح؟", True),
     # "تتوقع" alone is also "she / it expects": the article's expectation is asked
     ("متى تتوقع إدارة المهرجان زيادة الزوار؟", False),
     # someone else's view is the article's; a fact asked beside "your opinion" is a question
     ("شو رأي مدير المستشفى بالتطبيق؟", False), ("what does the director think of the app?", False),
     ("أعطني رأيك الشخصي فقط: كم مريض سجل في التطبيق؟", False), ("علاش انسحب رايكونن؟", False)],
)
def test_a_question_asking_the_bots_opinion(text: str, opinion: bool) -> None:
    from bot.core.intents import asks_an_opinion

    assert asks_an_opinion(read(text)) is opinion


@pytest.mark.parametrize("name, question", [("app", "ايش رايك في تطبيق سند؟"), ("festival", "شو رأيك بمنتزه رغدان؟")])
def test_an_opinion_is_not_quoted_but_what_the_article_says_is_shown(named_stories, name, question) -> None:
    reply = answer(named_stories[name], question)
    assert reply.kind is Kind.NOT_FOUND and not reply.quotes and reply.related
    assert not answer(named_stories[name], "what do you think of the weather on Mars?").related


# A measure with a pronoun ("وكم وزنه؟", "وكم طوله؟") is no counted noun: its ه is not a ة,
# and an article that tells the measure without its word (زنة، يمتد) still answers it.
FLOUR = """title: أسعار الدقيق
source: https://example.org/flour
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

وأكد المدير ثبات سعر كيس الدقيق عند 22 ريالا للكيس زنة 45 كيلوجراما.
وتوزع المطاحن الدقيق على المخابز في جميع المناطق.
"""

BRIDGE = """title: الجسر الجديد
source: https://example.org/bridge
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

كلف إنشاء الجسر الجديد 300 مليون دولار، ويمتد فوق النهر 12 كيلومترا.
وافتتح الجسر أمام السيارات في الشهر الماضي.
"""


@pytest.mark.parametrize(
    "text, turns, expected",
    [
        (FLOUR, ["كم سعر كيس الدقيق؟", "وكم وزنه؟"], "زنة 45 كيلوجراما"),
        (BRIDGE, ["كم كلف الجسر الجديد؟", "وكم طوله؟"], "12 كيلومترا"),
    ],
)
def test_a_measure_with_a_pronoun_is_no_counted_noun(tmp_path, text: str, turns: list[str], expected: str) -> None:
    story = load_texts(tmp_path, article=text)["article"]
    reply = converse(story, turns)[-1]
    assert reply.kind is Kind.ANSWER and expected in reply.quotes[0].text



# "وكم عمره؟" after a "who" question asks the age of the one the reply named, whom the
# sentence just quoted tells it of («أمام منافسه سينر (23 عاما)»), not of the question's words
# (the deed asked, تأهل، عينت, which that sentence need not repeat).
FINAL = """title: نهائي البطولة
source: https://example.org/final
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

بلغ ألكاراز المباراة النهائية من بطولة مدريد للتنس بعد فوزه أمس.

ويلعب ألكاراز النهائي غدا في الملعب الرئيسي للبطولة أمام اللاعب الإيطالي سينر (23 عاما) الذي فاز على زفيريف.

وكان ألكاراز قد خسر أمام سينر في العام الماضي.
"""

BOARD = """title: مجلس الشركة
source: https://example.org/board
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أعلن مجلس الشركة أمس تعيين مدير تنفيذي جديد لقيادة خطتها للتوسع.

وسيتولى منصب المدير التنفيذي للشركة خلال الأعوام الثلاثة المقبلة الاقتصادي المعروف هولمبرغ (52 عاما) خلفا للمؤسس.

وتخطط الشركة لافتتاح فروع جديدة في العام المقبل.
"""


@pytest.mark.parametrize(
    "text, turns, expected",
    [
        (FINAL, ["مين تأهل للنهائي مع ألكاراز؟", "وكم عمره؟"], "(23 عاما)"),
        (BOARD, ["من سيتولى منصب المدير التنفيذي للشركة؟", "وكم عمره؟"], "(52 عاما)"),
    ],
)
def test_an_attribute_after_who_is_asked_of_the_one_the_reply_named(tmp_path, text, turns, expected) -> None:
    story = load_texts(tmp_path, article=text)["article"]
    first, reply = converse(story, turns)
    assert first.kind is Kind.ANSWER and expected in first.quotes[0].text, first
    assert reply.kind is Kind.ANSWER and expected in reply.quotes[0].text, reply


# A price word in the construct state names what the sum is the price of («سعر الدقيق عند 22
# ريالا»): a sentence that prices something else does not answer, even if it names the thing
# asked too; a price word an adjective follows («بتكلفة إجمالية قدرت بـ …») names nothing.
BAKERY = """title: المخابز والدقيق
source: https://example.org/bakery
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

وأكد المدير ثبات سعر الدقيق عند 22 ريالا للكيس، موضحا أن الخبز من السلع المدعومة من الدولة.

وتوزع المطاحن الدقيق على المخابز في جميع المناطق.
"""

FUEL = """title: أسعار الوقود
source: https://example.org/fuel
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

وارتفع سعر البنزين إلى 2.18 ريال للتر، فيما بقي الديزل مدعوما من الحكومة.

وأنشئت محطة الوقود الجديدة بتكلفة إجمالية قدرت بـ 70 مليون ريال.
"""


@pytest.mark.parametrize(
    "text, question, expected",
    [
        (BAKERY, "كم سعر الدقيق؟", "22 ريالا"),
        (BAKERY, "كم سعر الخبز؟", None),
        (FUEL, "كم سعر البنزين؟", "2.18 ريال"),
        (FUEL, "كم سعر الديزل؟", None),
        (FUEL, "كم تكلفة محطة الوقود الجديدة؟", "70 مليون ريال"),
    ],
)
def test_a_price_word_names_what_its_sum_prices(tmp_path, text, question, expected) -> None:
    story = load_texts(tmp_path, article=text)["article"]
    reply = answer(story, question)
    if expected is None:
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes, reply
    else:
        assert reply.kind is Kind.ANSWER and expected in reply.quotes[0].text, reply


def test_a_follow_up_asking_the_price_of_another_thing_is_not_answered_by_the_first_price(tmp_path) -> None:
    story = load_texts(tmp_path, article=BAKERY)["article"]
    first, reply = converse(story, ["كم سعر كيس الدقيق؟", "وكم سعر الخبز؟"])
    assert first.kind is Kind.ANSWER and "22 ريالا" in first.quotes[0].text
    assert reply.kind is Kind.NOT_FOUND and not reply.quotes, reply


# After a "who" question, a turn about "him" asks about the one the reply named. News style
# introduces a foreign name after a nisba («الألماني سيباستيان فيتيل»): that name, not the
# previous question's words, is what the turn is searched with.
RACE = """title: سباق المجر
source: https://example.org/race
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

أحرز سائق فيراري الألماني سيباستيان فيتيل المركز الأول في سباق جائزة المجر الكبرى أمس.

وشهد السباق حوادث كثيرة في اللفات الأولى بسبب الأمطار.

وأهدى فيتيل الفوز إلى صديقه الراحل ماريو بيرتي الذي توفي الأسبوع الماضي.

وتقام الجولة المقبلة من البطولة في بلجيكا بعد أربعة أسابيع.

وحضر السباق أكثر من مئة ألف متفرج.
"""

CHESS = """title: بطولة الشطرنج
source: https://example.org/chess
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

حصد اللاعب النرويجي ماغنوس كارلسن لقب بطولة العالم للشطرنج السريع في الدوحة.

وبدأت بطولة العالم للشطرنج السريع يوم الاثنين الماضي بمشاركة مئتي لاعب.

وكان كارلسن قد بدأ اللعب في سن الخامسة عام 1995.

وتقام البطولة المقبلة في نيويورك.
"""


@pytest.mark.parametrize(
    "text, turns, name",
    [
        (RACE, ["من فاز بسباق جائزة المجر الكبرى؟", "ولمن أهدى الفوز؟"], ("سيباستيان", "فيتيل")),
        (CHESS, ["من حصد لقب بطولة العالم للشطرنج السريع؟", "ومتى بدأ اللعب؟"], ("ماغنوس", "كارلسن")),
    ],
)
def test_a_turn_after_who_is_searched_with_the_name_the_reply_introduced(tmp_path, text, turns, name) -> None:
    from bot.core.followup import lean

    story = load_texts(tmp_path, article=text)["article"]
    first = answer(story, turns[0])
    assert first.kind is Kind.ANSWER and first.quotes[0].paragraph == 1, first
    searched = lean(story, read(turns[1]), Conversation().after(first))
    assert set(name) <= set(searched.tokens), searched.tokens
    # The previous question's words the quote holds are what the name now stands for.
    assert not {"المجر", "الشطرنج"} & set(searched.tokens), searched.tokens


def test_an_introduced_name_is_a_name_no_dictionary_knows(tmp_path) -> None:
    from bot.core.followup import lean

    story = load_texts(tmp_path, article=RIYAL)["article"]
    first = answer(story, "من رفع سعر الريال؟")
    assert first.kind is Kind.ANSWER, first
    searched = lean(story, read("ومتى؟"), Conversation().after(first))
    # «السعودي مقابل»: a word every dictionary knows names no one; the subject stays the question's.
    assert "الريال" in searched.tokens, searched.tokens


RIYAL = """title: سعر الصرف
source: https://example.org/riyal
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

رفع البنك المركزي سعر الريال السعودي مقابل الدولار الأمريكي في قرار مفاجئ.

وقال البنك إن القرار جاء بعد ارتفاع أسعار النفط في الأسواق.

ويسري القرار اعتبارا من الشهر المقبل.
"""


# "From which country / city?" after a "who" question asks where the one the reply named comes
# from, which news style tells by a nisba beside the name, as "وما جنسيته؟" is answered: an
# article that tells it of them is quoted there; one that tells it of no one cannot say (not a
# sentence that names some place: «معسكره الصيفي في النمسا»).
TRAINER = """title: مدرب الفريق
source: https://example.org/trainer
disclaimer: نص تجريبي كتب لاختبار البرنامج فقط.

واكتفى مدرب الفريق بقائمة تضم 25 لاعبا للمعسكر الخارجي في مدينة ميونخ.

وكان الجهاز الفني للفريق بقيادة يورغن شتاينباخ المدرب الألماني قد استبعد ثلاثة لاعبين من القائمة.

ويعود الفريق إلى الرياض بعد ثلاثة أسابيع.
"""


@pytest.mark.parametrize(
    "text, turns, expected",
    [
        (CHESS, ["من حصد لقب بطولة العالم للشطرنج السريع؟", "ومن أي بلد؟"], "النرويجي"),
        (CHESS, ["من حصد لقب بطولة العالم للشطرنج السريع؟", "and from which country?"], "النرويجي"),
        (TRAINER, ["مين مدرب الفريق؟", "w howa men ay balad?"], "الألماني"),
        (TRAINER, ["مين مدرب الفريق؟", "ومن أي دولة؟"], "الألماني"),
        (CLUB, ["من رئيس النادي؟", "ومن أي مدينة؟"], None),
        (MINISTER, ["من هو وزير النقل؟", "ومن أي مدينة؟"], None),
    ],
)
def test_from_which_country_after_who_asks_the_origin_a_nisba_tells(tmp_path, text, turns, expected) -> None:
    story = load_texts(tmp_path, article=text)["article"]
    first, reply = converse(story, turns)
    assert first.kind is Kind.ANSWER, first
    if expected is None:
        assert reply.kind is Kind.NOT_FOUND and not reply.quotes, reply
    else:
        assert reply.kind is Kind.ANSWER and expected in reply.quotes[0].text, reply
