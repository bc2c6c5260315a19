"""answer(story, question, conversation) -> Answer: the pure core shared by console and Telegram.

It decides what to say (which sentences to quote, or that the article does not say); the
renderers only decide how it looks.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Sequence

from bot.answer_types import Answer, Kind, Quote
from bot.intents import Intent, classify_intent
from index.analysis import normalize, tokenize
from index.article import Article, Paragraph
from index.library import Library, load_library
from index.questions import NUMBER, PERSON, PLACE, REASON, TIME, YESNO
from index.questions import _WORDS as QUESTION_WORDS
from index.search import SearchResult, SentenceHit

MAX_QUESTION_CHARS = 600  # longer messages are searched on their question part only
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_BACK_REFERENCE = re.compile(r"^(?:وقد|وهذا|وهذه|وذلك|ذلك|هذا|هذه|لذا|لذلك)\s")
_FOLLOW_UP_MARKERS = {"غير", "غيره", "غيرها", "كمان", "ايضا", "برضو", "also", "else", "too", "اخر", "اخري"}


@dataclass(frozen=True)
class Story:
    """The articles the bot answers about, indexed once at start-up."""

    library: Library
    # Recent replies by (message, previous question): answer() is pure, and readers ask the
    # same few questions again and again.
    _recent: "OrderedDict[tuple[str, str], Answer]" = field(default_factory=OrderedDict, compare=False, repr=False)

    @cached_property
    def attribute_terms(self) -> frozenset[str]:
        analyze = self.library.index.analyze
        return frozenset(t for word in ATTRIBUTE_WORDS for t in analyze(word))

    @cached_property
    def _focus_kinds(self) -> dict[str, frozenset[str]]:
        """Focus words that ask for a name ("ما اسم", "أي شركة", "من هم المنافسون"), with the
        names that can answer them."""
        library = self.library
        kinds = {}
        for word in NAME_FOCUS_WORDS:
            for term in library.index.analyze(word):
                kinds[term] = library.entity_terms
        for word in ORG_FOCUS_WORDS:
            for term in library.index.analyze(word):
                kinds[term] = library.org_terms or library.entity_terms
        return kinds

    @cached_property
    def protagonists(self) -> frozenset[str]:
        index = self.library.index
        half = len(index.passages) / 2
        return frozenset(
            t for t in self.library.entity_terms if sum(t in terms for terms in index.paragraph_term_sets) > half
        )

    def gives_reason(self, sentence: str) -> bool:
        """A cause (لأن، بسبب، لذا) or a purpose: لـ before a verb or verbal noun the article
        uses (ليقوم، لبناء، لملاحقة), not before a name (ليكون، لميتا)."""
        analyze = self.library.index.analyze
        for word in tokenize(normalize(sentence)):
            if word in _CAUSE_WORDS:
                return True
            if len(word) >= 4 and word[0] == "ل" and word[1] != "ل":
                terms = analyze(word[1:])
                if terms and terms[0] not in self.library.entity_terms and terms[0] in self.library.index.vocabulary:
                    return True
        return False

    def named_in(self, terms: Sequence[str]) -> frozenset[str]:
        """The particular people and organisations a question names (not the protagonists,
        nor a name only the disclaimer uses)."""
        return frozenset(
            t for t in terms if t in self.library.entity_terms and t in self.library.index.vocabulary
        ) - self.protagonists

    def wanted_names(self, focus_term: str, next_term: str | None = None) -> frozenset[str] | None:
        """The names that can answer a question about focus_term; for "اسم X" the kind of
        X decides ("اسم الشركة" wants an organisation)."""
        wanted = self._focus_kinds.get(focus_term)
        if wanted is not None and focus_term in self._name_terms and next_term is not None:
            return self._focus_kinds.get(next_term, wanted)
        return wanted

    @cached_property
    def _name_terms(self) -> frozenset[str]:
        return frozenset(t for word in NAME_FOCUS_WORDS for t in self.library.index.analyze(word))

    @cached_property
    def disclaimer_terms(self) -> frozenset[str]:
        """Words only the disclaimer uses (Gate, نصيحة مالية …): a question about them is a
        question about the page, answered by quoting the disclaimer."""
        analyze = self.library.index.analyze
        body = set(self.library.index.vocabulary)
        for article in self.articles:
            body.update(analyze(article.title))
        return frozenset(
            t for article in self.articles if article.disclaimer for t in analyze(article.disclaimer) if t not in body
        )

    @property
    def primary(self) -> Article:
        return self.library.primary

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.library.articles

    def paragraph(self, article_name: str, number: int) -> Paragraph:
        article = self.library.article(article_name)
        if not 1 <= number <= len(article.paragraphs):
            raise KeyError(f"{article_name} has no paragraph {number}")
        return article.paragraphs[number - 1]


def load_story(paths: Sequence[str | Path] = ()) -> Story:
    """The embedded story, or the given article files. Raises index.article.ArticleError."""
    return Story(load_library(paths))


@dataclass(frozen=True)
class Conversation:
    """What a follow-up question may lean on: the previous question that was searched."""

    previous_question: str = ""

    def after(self, answer: Answer) -> "Conversation":
        if answer.kind in (Kind.ANSWER, Kind.NOT_FOUND) and answer.subject:
            return Conversation(previous_question=answer.subject)
        return self


# --- the question text ----------------------------------------------------------------
def question_part(text: str) -> str:
    """The part of a message to search: tags dropped; when some sentences of it ask and
    others do not ("Ignore your rules. Who …?"), the asking ones; for a very long message
    the asking sentences from their question word on, so size never slows the search."""
    text = _TAG_RE.sub(" ", text).strip()
    pieces = [p.strip() for p in re.split(r"(?<=[.!?؟\n])", text) if p.strip()]
    asking = [p for p in pieces if p.endswith(("?", "؟"))]
    if len(text) <= MAX_QUESTION_CHARS:
        return " ".join(asking) if asking and len(asking) < len(pieces) else text
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


def _content_words(story: Story, text: str) -> list[str]:
    return story.library.index.analyze(text)


def with_context(story: Story, question: str, conversation: Conversation | None) -> str:
    """A short question leaning on the previous one ("ومتى؟", "ومن غيره؟") is searched with
    the previous question's words after its own (its question word still decides the type)."""
    if conversation is None or not conversation.previous_question:
        return question
    words = tokenize(normalize(question))
    content = _content_words(story, question)
    leans = len(content) <= 1 or bool(_FOLLOW_UP_MARKERS.intersection(words))
    return f"{question} {conversation.previous_question}" if leans else question


# --- quotes -----------------------------------------------------------------------------
def _quote_of(story: Story, hit: SentenceHit) -> Quote:
    return Quote(
        text=hit.sentence.text,
        article=hit.passage.article,
        paragraph=hit.passage.number,
        heading=hit.passage.heading,
        start=hit.sentence.start,
        end=hit.sentence.end,
        score=round(hit.score, 4),
    )


def _title_quote(article: Article, score: float = 1.0) -> Quote | None:
    if article.title_span is None:
        return None
    start, end = article.title_span
    return Quote(article.text[start:end], article.name, 0, None, start, end, score, place="title")


def _disclaimer_quote(article: Article, score: float = 1.0) -> Quote | None:
    if article.disclaimer_span is None:
        return None
    start, end = article.disclaimer_span
    return Quote(article.text[start:end], article.name, 0, None, start, end, score, place="disclaimer")


def _lead_quotes(article: Article) -> list[Quote]:
    """The title and the first sentences of the body: what a summary quotes."""
    quotes = []
    title = _title_quote(article)
    if title:
        quotes.append(title)
    for paragraph in article.paragraphs[:2]:
        sentence = paragraph.sentences[0]
        quotes.append(
            Quote(sentence.text, article.name, paragraph.number, paragraph.heading, sentence.start, sentence.end, 1.0)
        )
    return quotes[:3]


# --- deciding whether the article answers ------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    answered: bool
    hits: tuple[SentenceHit, ...]
    reason: str = ""


def _focus(story: Story, question: str) -> tuple[str, str] | None:
    """The word the question asks about, right after its question word (كم عمر → عمر),
    as (normalised word, index term)."""
    analyze = story.library.index.analyze
    tokens = tokenize(normalize(question))
    for i, token in enumerate(tokens):
        bare = token[1:] if token.startswith("و") and token[1:] in QUESTION_WORDS else token
        if (
            bare in QUESTION_WORDS
            or bare in ("اي", "which")  # "مع أي شركات …": what follows names the focus
            or (bare in WHAT_WORDS and i == 0)
        ):
            for follower in tokens[i + 1 : i + 3]:
                terms = analyze(follower)
                if terms:
                    return follower, terms[0]
            return None
    return None


def _after_focus(story: Story, question: str, focus: tuple[str, str]) -> str | None:
    """The first content word after the focus word ("اسم الشركة" → شركة)."""
    tokens = tokenize(normalize(question))
    if focus[0] not in tokens:
        return None
    for token in tokens[tokens.index(focus[0]) + 1 :]:
        terms = story.library.index.analyze(token)
        if terms:
            return terms[0]
    return None


def _known(story: Story, word: str, term: str) -> bool:
    """In the articles' vocabulary, allowing for an inflection the light stemmer leaves
    (وضعت / وضع): the word or its term shares its first three letters with a vocabulary
    term of about the same length."""
    vocabulary = story.library.index.vocabulary
    if term in vocabulary:
        return True
    for form in {word, term}:
        if len(form) >= 3 and any(v[:3] == form[:3] and abs(len(v) - len(form)) <= 2 for v in vocabulary):
            return True
    return False


def _name_distance(story: Story, hit: SentenceHit, query_terms: set[str]) -> int:
    """Words between a new name in the sentence and the nearest word of the question."""
    terms = story.library.index.analyze(hit.sentence.text)
    names = story.library.entity_terms - query_terms - story.protagonists
    name_at = [i for i, t in enumerate(terms) if t in names]
    asked_at = [i for i, t in enumerate(terms) if t in query_terms]
    if not name_at or not asked_at:
        return len(terms)
    return min(abs(i - j) for i in name_at for j in asked_at)


def _has_new_entity(story: Story, hit: SentenceHit, query_terms: set[str], kinds: frozenset[str]) -> bool:
    """The sentence names someone the question does not, and not merely the story's
    protagonists (named in most paragraphs: Meta, LeCun), who answer no "who" question."""
    terms = set(story.library.index.analyze(hit.sentence.text))
    return bool((terms & kinds) - query_terms - story.protagonists)


def _type_ok(story: Story, result: SearchResult, hit: SentenceHit) -> bool:
    kind = result.query.qtype.kind
    query_terms = set(result.query.terms)
    if kind in (NUMBER, TIME):
        return hit.typed
    if kind == PERSON and story.library.person_terms:
        return _has_new_entity(story, hit, query_terms, story.library.entity_terms)
    if kind == PLACE and story.library.entity_terms:
        return _has_new_entity(story, hit, query_terms, story.library.entity_terms) or hit.typed
    return True


def _term_weight(story: Story, term: str) -> float:
    """How much a question word counts towards coverage. A word the articles never use
    weighs as the rarest word, except an untranslated Latin word: it cannot match Arabic
    text, so it says little about whether the article answers."""
    index = story.library.index
    if term in index.vocabulary:
        return index.idf(term)
    weight = index.idf(term)
    return weight * (0.25 if term.isascii() else OOV_WEIGHT)


def _present(story: Story, query_terms: Sequence[str], hit: SentenceHit) -> set[str]:
    """The question's words found in the sentence or in its section heading."""
    heading = set(story.library.index.analyze(hit.passage.heading)) if hit.passage.heading else set()
    return set(hit.matched) | (heading & set(query_terms))


def _share(story: Story, query_terms: Sequence[str], present: set[str]) -> float:
    unique = set(query_terms)
    total = sum(_term_weight(story, t) for t in unique)
    return sum(_term_weight(story, t) for t in unique if t in present) / total if total else 0.0


def coverage(story: Story, query_terms: Sequence[str], hit: SentenceHit) -> float:
    """Idf-weighted share of the question's words found in the sentence or its heading."""
    return _share(story, query_terms, _present(story, query_terms, hit))


# "What" in formal Arabic, dialects and English: what follows names the focus.
WHAT_WORDS = frozenset({"من", "ما", "ماذا", "what", "شو", "ايش", "ايه", "شنو", "شنهو", "وش", "اش", "eh", "shu", "esh"})
# "ما هي X", "شو يعني X", "what are X": the sentence that explains X ("X - …", "X: …").
_DEFINITION = re.compile(
    r"^(?:و?ما (?:هي|هو|هم)|ما معني|ما المقصود|(?:شو|ايش|ايه|شنو|وش) (?:يعني|هي|هو|معني)|what (?:is|are)|what does)(?: |$)"
)
_APPOSITION = re.compile(r"\S\s+[-–—:]\s+\S")
_CAUSE_WORDS = frozenset({"لان", "لانه", "لانها", "بسبب", "لذا", "لذلك", "لكي", "كي", "بهدف", "نتيجه"})
NAME_FOCUS_WORDS = ("اسم", "name")
ORG_FOCUS_WORDS = ("شركة", "شركات", "منافسون", "منظمة", "جهة", "companies", "company", "competitors", "rivals")

# Attributes a question can ask for; when the article never uses the word, it cannot say.
ATTRIBUTE_WORDS = (
    "عمر", "راتب", "تمويل", "طقس", "خليفة", "يخلف", "سعر", "جنسية", "ميلاد", "مولد",
    "زوجة", "أولاد", "مقر", "عنوان", "هاتف", "ثروة", "دين", "ديانة", "تقييم", "إجمالي", "مجموع",
)

MIN_COVERAGE = 0.28  # idf-weighted share of the question's words the quoted sentence holds
OOV_WEIGHT = 0.5  # an Arabic word the article never uses may be a paraphrase: half weight
DISCLAIMER_SHARE = 0.3  # share of a question in disclaimer-only words that makes it about the page
DEFINITION_BONUS = 0.3  # for "what is X": a sentence that sets X off with a dash or colon
REASON_BONUS = 0.3  # for "why": a sentence that gives a cause or a purpose
PLACE_BONUS = 0.5  # "at the end of the article": the last paragraph's sentences go first
VALUE_NEAR_BEST = 0.5  # a sentence holding the number asked for, if it covers this much
NEAR_BEST = 0.7  # a sentence naming what was asked may stand in for a best one this close
MIN_GAIN = 0.2  # share of the question a further quote must add
RERANK_COVERAGE = 0.5  # how much that share lifts a sentence over its retrieval score


def judge(story: Story, question: str, result: SearchResult) -> Verdict:
    """Pure: does the best sentence answer, or does the article not say?"""
    if not result.sentences:
        return Verdict(False, (), "no_match")
    terms = result.query.terms
    vocabulary = story.library.index.vocabulary
    if any(t in story.attribute_terms and t not in vocabulary for t in terms):
        return Verdict(False, (), "attribute_unknown")
    place = _place_asked(question, story)
    why = result.query.qtype.kind == REASON
    focus = _focus(story, question)
    defined = focus[1] if focus is not None and _DEFINITION.search(" ".join(tokenize(normalize(question)))) else None
    ranked = sorted(
        result.sentences,
        key=lambda h: -(
            h.score
            + RERANK_COVERAGE * coverage(story, terms, h)
            + (PLACE_BONUS if place is not None and h.passage.number == place else 0.0)
            + (REASON_BONUS if why and story.gives_reason(h.sentence.text) else 0.0)
            + (DEFINITION_BONUS if defined in h.matched and _APPOSITION.search(h.sentence.text) else 0.0)
        ),
    )
    # A question that names someone particular (Pineau, Cohere, Wang) is answered by a
    # sentence that names them too, not by one that only shares its other words.
    named = story.named_in(terms)
    if named:
        ranked = [h for h in ranked if named.intersection(h.matched)]
        if not ranked:
            return Verdict(False, (), "name_missing")
    best = ranked[0]
    best_coverage = coverage(story, terms, best)
    if best_coverage < MIN_COVERAGE:
        return Verdict(False, (), "low_coverage")
    # The answer must hold what the question asks for (a number for كم, a new name for من
    # or "ما اسم"): the best such sentence in the best sentence's paragraph goes first.
    wanted = story.wanted_names(focus[1], _after_focus(story, question, focus)) if focus else None
    value_asked = result.query.qtype.kind in (NUMBER, TIME)

    who = result.query.qtype.kind == PERSON and wanted is None

    def fits(h: SentenceHit) -> bool:
        if who and h.passage != best.passage:
            # "Who else left?": the person may stand in a sentence nearly as good as the best,
            # judged on the question's words other than the story's protagonists.
            asked = [t for t in terms if t not in story.protagonists] or list(terms)
            near = coverage(story, asked, h) >= NEAR_BEST * coverage(story, asked, best)
            return near and _type_ok(story, result, h)
        if wanted is not None:
            # Naming what was asked ("أي شركات" → OpenAI) stands for the asking word itself.
            if not _has_new_entity(story, h, set(terms), wanted):
                return False
            near = _share(story, terms, _present(story, terms, h) | {focus[1]}) >= NEAR_BEST * best_coverage
            return (h.passage == best.passage or near) and _type_ok(story, result, h)
        if h.passage != best.passage or not _type_ok(story, result, h):
            return False
        # A number or date must be about what was asked, not merely near it.
        # (its own words: a section heading says nothing about the number).
        return not value_asked or _share(story, terms, set(h.matched)) >= VALUE_NEAR_BEST * best_coverage

    typed = [h for h in ranked if fits(h)]
    if not typed:
        return Verdict(False, (), "type_missing")
    if who:
        # The person asked about is the one standing next to the question's words
        # ("جويل بينو قد قفز"), not one named at the far end of the sentence.
        typed.sort(key=lambda h: _name_distance(story, h, set(terms)))
    first = typed[0]
    return Verdict(True, (first,) + tuple(h for h in ranked if h != first))


_START_WORDS = ("بدايه", "اول", "مقدمه", "مطلع", "استهلال", "beginning", "start", "opening")
_END_WORDS = ("نهايه", "اخر", "ختام", "خاتمه", "خلاصه", "end", "ending", "conclusion", "last")
_TEXT_WORDS = ("المقال", "مقال", "الخبر", "خبر", "النص", "القصه", "article", "story", "text", "piece")


def _place_asked(question: str, story: Story) -> int | None:
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


def _about_the_page(story: Story, query_terms: Sequence[str]) -> bool:
    """The question leans on words only the site's disclaimer uses, or names the site."""
    if not query_terms or not story.disclaimer_terms.intersection(query_terms):
        return False
    if story.library.entity_terms.intersection(story.disclaimer_terms).intersection(query_terms):
        return True
    # Words of the disclaimer weigh in full here, even a Latin name such as Gate.
    unique = set(query_terms)
    top = max(story.library.index.idf(t) for t in unique)
    weights = {t: top if t in story.disclaimer_terms else _term_weight(story, t) for t in unique}
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in story.disclaimer_terms) / total >= DISCLAIMER_SHARE


def _pick_quotes(story: Story, query_terms: Sequence[str], hits: Sequence[SentenceHit]) -> list[SentenceHit]:
    """The first sentence, then at most two more that add to it: the sentence it refers
    back to ("وقد محى ذلك …"), or one that covers a good share of the question the quotes so
    far leave uncovered (two-part questions)."""
    first = hits[0]
    chosen = [first]
    if _BACK_REFERENCE.match(first.sentence.text) and first.sentence.index > 0:
        previous = first.passage.sentences[first.sentence.index - 1]
        chosen += [h for h in hits[1:] if h.sentence == previous][:1]
    covered = set().union(*(_present(story, query_terms, h) for h in chosen))
    for hit in hits[1:]:
        if len(chosen) >= 3:
            break
        if hit in chosen or coverage(story, query_terms, hit) < MIN_COVERAGE:
            continue
        gain = _share(story, query_terms, covered | hit.matched) - _share(story, query_terms, covered)
        if gain >= MIN_GAIN:
            chosen.append(hit)
            covered |= hit.matched
    return chosen


# --- replies -----------------------------------------------------------------------------
LEAD_ANSWER = "هذا ما يقوله المقال:"
LEAD_SUMMARY = "باختصار، هذا ما يقوله المقال:"
LEAD_TITLE = "عنوان المقال كما نُشر:"
LEAD_SOURCE = "لا يذكر المقال كاتبه، وهذا ما يقوله الموقع الذي نشره:"
LEAD_NOT_FOUND = "لم أجد في المقال ما يجيب عن هذا السؤال."
REASON_NOT_FOUND = "المقال لا يذكر ذلك، ولن أقتبس منه جملة لا تجيب عن سؤالك."
LEAD_GREETING = "أهلًا بك! أنا بوت يجيب عن أسئلتك حول خبر واحد، بالاقتباس من نصه حرفيًا."
LEAD_THANKS = "العفو! يسعدني أن أساعد. اسألني أي شيء آخر عن الخبر."
LEAD_HELP = "أنا بوت يجيب عن أسئلتك حول هذا الخبر، بالاقتباس من نصه حرفيًا مع ذكر موضع كل اقتباس."
REASON_EMPTY = "لم أجد في رسالتك سؤالًا. اكتب سؤالك بالعربية أو بأي لغة تشاء."


def example_questions(story: Story) -> tuple[str, ...]:
    """Two example questions drawn from the article's own content words."""
    if story.primary.name == "lecun-meta":
        return ("لماذا يغادر يان ليكون ميتا؟", "كم أنفقت ميتا للحصول على ألكسندر وانغ؟")
    return ("ما موضوع المقال؟", "لخص لي المقال")


def _sections(story: Story) -> tuple[str, ...]:
    return story.primary.headings or (story.primary.title,)


def _chitchat(story: Story, question: str, kind: Kind, lead: str, reason: str | None = None) -> Answer:
    return Answer(
        question=question,
        kind=kind,
        lead=lead,
        reason=reason,
        hints=example_questions(story),
        article_title=story.primary.title,
    )


def _quoting(story: Story, question: str, kind: Kind, lead: str, quotes: Sequence[Quote], subject: str = "") -> Answer:
    article = story.library.article(quotes[0].article)
    return Answer(
        question=question,
        kind=kind,
        lead=lead,
        quotes=tuple(quotes),
        disclaimer=article.disclaimer,
        article_title=article.title,
        subject=subject,
    )


RECENT_ANSWERS = 2048


def answer(story: Story, question: str, conversation: Conversation | None = None) -> Answer:
    """Pure: the reply to one message, in Arabic, quoting the article or saying it does not."""
    key = (question, conversation.previous_question if conversation else "")
    recent = story._recent
    cached = recent.get(key)
    if cached is not None:
        recent.move_to_end(key)
        return cached
    reply = _answer(story, question, conversation)
    recent[key] = reply
    if len(recent) > RECENT_ANSWERS:
        recent.popitem(last=False)
    return reply


def _answer(story: Story, question: str, conversation: Conversation | None) -> Answer:
    text = question_part(question)
    intent = classify_intent(text)
    primary = story.primary
    if intent is Intent.EMPTY:
        return _chitchat(story, question, Kind.HELP, LEAD_HELP, REASON_EMPTY)
    if intent is Intent.GREETING:
        return _chitchat(story, question, Kind.GREETING, LEAD_GREETING)
    if intent is Intent.THANKS:
        return _chitchat(story, question, Kind.THANKS, LEAD_THANKS)
    if intent is Intent.HELP:
        return _chitchat(story, question, Kind.HELP, LEAD_HELP)
    if intent is Intent.SUMMARY:
        return _quoting(story, question, Kind.SUMMARY, LEAD_SUMMARY, _lead_quotes(primary))
    if intent is Intent.TITLE and (title := _title_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_TITLE, [title])
    if intent is Intent.SOURCE and (disclaimer := _disclaimer_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_SOURCE, [disclaimer])

    searched = with_context(story, text, conversation)
    result = story.library.index.search(searched, k_paragraphs=5, k_sentences=8)
    if _about_the_page(story, result.query.terms) and (disclaimer := _disclaimer_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_SOURCE, [disclaimer])
    verdict = judge(story, searched, result)
    if not verdict.answered:
        return Answer(
            question=question,
            kind=Kind.NOT_FOUND,
            lead=LEAD_NOT_FOUND,
            reason=REASON_NOT_FOUND,
            hints=_sections(story),
            article_title=primary.title,
            subject=searched,
        )
    quotes = [_quote_of(story, hit) for hit in _pick_quotes(story, result.query.terms, verdict.hits)]
    return _quoting(story, question, Kind.ANSWER, LEAD_ANSWER, quotes, subject=searched)
