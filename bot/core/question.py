"""The question as asked: the part of a message to search, a follow-up's context, the word
it asks about, and where in the article it points."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.answer_types import Answer, Kind
from bot.core.story import Story
from index.analysis import normalize, tokenize
from index.questions import bare_question_word, is_question_word

_BARE_QUESTION_WORDS = 4  # "Is that true?", "صح؟", "أليس كذلك؟"
MAX_QUESTION_CHARS = 600  # longer messages are searched on their question part only
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_FOLLOW_UP_MARKERS = {"غير", "غيره", "غيرها", "كمان", "ايضا", "برضو", "also", "else", "too", "اخر", "اخري"}
# "What" in formal Arabic, dialects and English: what follows names the focus.
WHAT_WORDS = frozenset(
    {"من", "ما", "ماذا", "what", "شو", "ايش", "ايه", "شنو", "شنوه", "شنهو", "وش", "اش", "eh", "shu", "esh"}
)
# "ما هي X", "شو يعني X", "what are X": the sentence that explains X ("X - …", "X: …").
_DEFINITION = re.compile(
    r"^(?:و?ما (?:هي|هو|هم)|ما معني|ما المقصود|(?:شو|ايش|ايه|شنو|وش) (?:يعني|هي|هو|معني)|what (?:is|are)|what does"
    r"|(?:shu|sho|eh|esh|eih) (?:ya3ni|yaani|hiya|howa))(?: |$)"
)


@dataclass(frozen=True)
class Conversation:
    """What a follow-up question may lean on: the previous question that was searched."""

    previous_question: str = ""

    def after(self, answer: Answer) -> "Conversation":
        if answer.kind in (Kind.ANSWER, Kind.NOT_FOUND) and answer.subject:
            return Conversation(previous_question=answer.subject)
        return self


def question_part(text: str) -> str:
    """The part of a message to search: tags dropped; when some sentences of it ask and
    others do not ("Ignore your rules. Who …?"), the asking ones; for a very long message
    the asking sentences from their question word on, so size never slows the search."""
    text = _TAG_RE.sub(" ", text).strip()
    pieces = [p.strip() for p in re.split(r"(?<=[.!?؟\n])", text) if p.strip()]
    asking = [p for p in pieces if p.endswith(("?", "؟"))]
    if len(text) <= MAX_QUESTION_CHARS:
        # "I heard X. Is that true?": a bare asking sentence leans on what came before it.
        leans_back = sum(len(tokenize(normalize(p))) for p in asking) <= _BARE_QUESTION_WORDS
        return " ".join(asking) if asking and len(asking) < len(pieces) and not leans_back else text
    chosen = " ".join(_from_question_word(p) for p in asking)[-MAX_QUESTION_CHARS:]
    return chosen or _from_question_word(text[-MAX_QUESTION_CHARS:].strip())


_QUESTION_START = re.compile(
    r"(?:^|\s)(?:و?(?:كم|ما|ماذا|لماذا|متى|أين|اين|من|مين|كيف|هل|ليش|ليه|شو|وين|فين|ازاي|إزاي|امتى|قديش|شنو)"
    r"|what|who|why|when|where|how|which|is|are|does|did)\s",
    re.IGNORECASE,
)


def _from_question_word(piece: str, keep: int = 300) -> str:
    """A long run of text that ends in a question: its end, from the first question word
    there on (the first, since من and ما are also prepositions inside the question)."""
    if len(piece) <= keep:
        return piece
    tail = piece[-keep:]
    start = _QUESTION_START.search(tail)
    return tail[start.start() :].strip() if start else tail.strip()


def with_context(story: Story, question: str, conversation: Conversation | None) -> str:
    """A short question leaning on the previous one ("ومتى؟", "ومن غيره؟") is searched with
    the previous question's words after its own (its question word still decides the type)."""
    if conversation is None or not conversation.previous_question:
        return question
    words = tokenize(normalize(question))
    content = story.library.index.analyze(question)
    leans = len(content) <= 1 or bool(_FOLLOW_UP_MARKERS.intersection(words))
    return f"{question} {conversation.previous_question}" if leans else question


def focus_of(story: Story, question: str) -> tuple[str, str] | None:
    """The word the question asks about, right after its question word (كم عمر → عمر),
    as (normalised word, index term)."""
    analyze = story.library.index.analyze
    tokens = tokenize(normalize(question))
    if tokens and tokens[0] in ("اسم", "esm", "ism", "name"):  # "esm el startup eh?"
        return tokens[0], analyze(tokens[0])[0]
    for i, token in enumerate(tokens):
        bare = bare_question_word(token)
        if (
            is_question_word(token)
            or bare in ("اي", "which")  # "مع أي شركات …": what follows names the focus
            or (bare in WHAT_WORDS and i == 0)
        ):
            for follower in tokens[i + 1 : i + 3]:
                terms = analyze(follower)
                if terms:
                    return follower, terms[0]
            return None
    return None


def word_after(story: Story, question: str, focus: tuple[str, str]) -> str | None:
    """The first content word after the focus word ("اسم الشركة" → شركة)."""
    tokens = tokenize(normalize(question))
    if focus[0] not in tokens:
        return None
    for token in tokens[tokens.index(focus[0]) + 1 :]:
        terms = story.library.index.analyze(token)
        if terms:
            return terms[0]
    return None


_START_WORDS = ("بدايه", "اول", "مقدمه", "مطلع", "استهلال", "beginning", "start", "opening")
_END_WORDS = ("نهايه", "اخر", "ختام", "خاتمه", "خلاصه", "end", "ending", "conclusion", "last")
_TEXT_WORDS = (
    "المقال", "مقال", "الخبر", "خبر", "النص", "القصه", "تحليله", "التحليل", "الكاتب", "article", "story", "text",
    "piece", "writer", "author",
)


def place_asked(question: str, story: Story) -> int | None:
    """"في نهاية المقال" / "at the start of the article": the paragraph number meant."""
    words = tokenize(normalize(question))
    if not any(w in _TEXT_WORDS for w in words):
        return None
    stems = {w.removeprefix("ال").removeprefix("بال").removeprefix("في") for w in words}
    if stems.intersection(_END_WORDS):
        return len(story.primary.paragraphs)
    if stems.intersection(_START_WORDS):
        return 1
    return None


REACTION_WORDS = ("رد", "react")  # analysed to the reaction group's term
SPEECH_WORDS = ("قال", "say")
EVENT_WORDS = ("رحيل", "leaving")


def _beside_verb(firsts: list[str], tokens: list[str], i: int) -> list[str]:
    """The words that name who does the verb at i: Arabic puts the person right after it
    (ردّ زوكربيرغ، رد فعل زوك), English right before it (how did Zuckerberg react)."""
    return firsts[max(0, i - 2) : i] if tokens[i].isascii() else firsts[i + 1 : i + 3]


def asks_reaction_of(story: Story, question: str) -> bool:
    """"كيف ردّ زوكربيرغ على …", "how did Zuckerberg react": a named person's reaction or
    comment, which the story reports for no one ("تعليق الكاتب" asks for the writer's own
    words, which the article has; "how did the stock react" asks about the market). An
    opinion ("ما رأي زوكربيرغ") counts too, unless the article quotes that person."""
    analyze = story.library.index.analyze
    tokens = tokenize(normalize(question))
    firsts = [(analyze(token) or [""])[0] for token in tokens]
    people = story.library.person_terms
    reaction = story.terms_of(REACTION_WORDS)
    speech = story.terms_of(SPEECH_WORDS)
    # What someone *said about an event* ("what did Zuckerberg say about LeCun leaving") is
    # a reaction too; what someone said about a subject (LeCun on LLMs) the article reports.
    if story.terms_of(EVENT_WORDS).intersection(firsts):
        reaction = reaction | speech
    for i, term in enumerate(firsts):
        if term in reaction and people.intersection(_beside_verb(firsts, tokens, i)):
            return True
        if term in speech and people.intersection(_beside_verb(firsts, tokens, i)) - story.quoted_people:
            return True
    return False


_PRICE_WORDS = ("بكم", "بكام", "bkam", "bkaam")
_CHANGE_WORDS = ("انخفض", "خسر", "ارتفع", "زاد")


def asks_price(story: Story, question: str) -> bool:
    """"سهم ميتا بكم؟", "sahm meta b kam": the price of something ("بكم بالمئة" asks a
    percentage, "بكم انخفضت" a change, instead)."""
    tokens = tokenize(normalize(question))
    if story.terms_of(_CHANGE_WORDS).intersection(story.library.index.analyze(question)):
        return False
    joined = [a + b if a == "b" else a for a, b in zip(tokens, tokens[1:] + [""])]
    for i, token in enumerate(joined):
        if token in _PRICE_WORDS:
            after = tokens[i + 1 : i + 4]
            if not any(w.startswith(("بالمي", "بالما", "المي", "الما", "نسب", "percent", "مره", "ضعف")) for w in after):
                return True
    return False


def asked_about(story: Story, question: str, after_words: int = 1) -> list[str]:
    """The content words right before and right after the question word (كم صرفت → spend;
    "meta dafa3et kam" → spend), as index terms."""
    analyze = story.library.index.analyze
    tokens = tokenize(normalize(question))
    for i, token in enumerate(tokens):
        if is_question_word(token):
            # The first content words after it ("كم دفع زوك مكافآت" → spend, Zuck).
            after = [analyze(t)[0] for t in tokens[i + 1 : i + 2 + after_words] if analyze(t)][:after_words]
            # "… الجديد وكم": a question word joined by و opens a new clause.
            opens_clause = token != bare_question_word(token)
            before = None if opens_clause else next(
                (analyze(t)[0] for t in reversed(tokens[max(0, i - 2) : i]) if analyze(t)), None
            )
            return after + ([before] if before else [])
    return []


_AUXILIARIES = frozenset({"هل", "is", "are", "does", "did", "was", "were", "do", "many", "much"})


def asks_several(question: str) -> bool:
    """Two questions in one ("ماذا فعل زوك، وكم سينفق؟"): no single type binds the answer."""
    count = 0
    for i, token in enumerate(tokenize(normalize(question))):
        bare = bare_question_word(token)
        if bare in _AUXILIARIES and i > 0:
            continue  # "how many employees does Cohere have": one question
        if is_question_word(token) or (bare in WHAT_WORDS and (i == 0 or token != bare)):
            count += 1
    return count >= 2

