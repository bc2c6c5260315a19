"""answer(story, question, conversation) -> Answer: the pure core shared by console and Telegram.

It decides what to say (which sentences to quote, or that the article does not say); the
renderers only decide how it looks. The question is read in `bot.core.question`, the decision is
`bot.core.verdict`'s, the story's words are known to `bot.core.story`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from bot.core.answer_types import Answer, Kind, Quote, quoted_title
from bot.core.intents import Intent, asks_for_advice, classify_intent, opinion_subject, phrase_words
from bot.core.followup import FOLLOW_UP_SENTENCES, lean, leaves_the_article, on_its_own, toward_quoted

from bot.core.question import Conversation, QuotedAt, in_article_words, without_linking_verbs
from index.reading import question_part, read
from bot.core.shelf import Shelf, UnknownStory, load_shelf, shelf_of
from bot.core.story import Story, load_story, story_of
from bot.core.verdict import Verdict, about_the_page, judge, pick_quotes, related_hits, specific_terms
from index.article import Article
from index.reading import Reading
from index.search import SearchResult, SentenceHit

__all__ = [
    "Answer", "Conversation", "Shelf", "Story", "UnknownStory", "answer", "answer_from_shelf", "example_questions",
    "load_shelf", "load_story", "question_part", "shelf_of", "story_of",
]


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


def _source_quote(article: Article, score: float = 1.0) -> Quote | None:
    if article.source_span is None:
        return None
    start, end = article.source_span
    return Quote(article.text[start:end], article.name, 0, None, start, end, score, place="source")


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


# --- replies -----------------------------------------------------------------------------
LEAD_ANSWER = "هذا ما يقوله المقال:"
LEAD_SUMMARY = "باختصار، هذا ما يقوله المقال:"
LEAD_TITLE = "عنوان المقال كما نُشر:"
LEAD_SOURCE = "لا يذكر المقال كاتبه، وهذا ما يقوله الموقع الذي نشره:"
LEAD_PUBLISHER = "مصدر المقال كما ورد فيه:"
LEAD_NOT_FOUND = "لم أجد في المقال ما يجيب عن هذا السؤال."
REASON_NOT_FOUND = "المقال لا يذكر ذلك، ولن أقتبس منه جملة لا تجيب عن سؤالك."
REASON_PARTIAL = "المقال يذكر ما سألت عنه، لكنه لا يقول ذلك. هذا ما يقوله عنه، لا جوابًا عن سؤالك:"
LEAD_GREETING = "أهلًا بك! أنا بوت يجيب عن أسئلتك حول الخبر، بالاقتباس من نصه حرفيًا."
LEAD_THANKS = "العفو! يسعدني أن أساعد. اسألني أي شيء آخر عن الخبر."
LEAD_HELP = "أنا بوت يجيب عن أسئلتك حول هذا الخبر، بالاقتباس من نصه حرفيًا مع ذكر موضع كل اقتباس."
REASON_TASK = "لا أكتب ولا أتخيل ولا أؤلف: أجيب فقط عن أسئلة حول هذا الخبر، بالاقتباس من نصه."
LEAD_OPINION = "لا أبدي رأيًا: أنقل فقط ما يقوله المقال، بالاقتباس من نصه."
REASON_OPINION = "هذا ما يقوله المقال عمّا سألت عنه، لا رأيًا مني:"
REASON_EMPTY = "لم أجد في رسالتك سؤالًا. اكتب سؤالك بالعربية أو بأي لغة تشاء."


def example_questions(story: Story | Shelf) -> tuple[str, ...]:
    """Two example questions for help replies, from the article's examples file."""
    return story.examples


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
        story=story.id,
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
        story=story.id,
    )


def _judged(story: Story, searched: Reading, result: SearchResult, quoted: QuotedAt | None) -> tuple[SearchResult, Verdict]:
    """The verdict on a search result; when what was asked for (a name, a number) is not in
    the best region, on a wider search."""
    verdict = judge(story, result, diagnose=False)
    if verdict.reason == "type_missing":
        wider = story.library.index.search(searched, k_paragraphs=5, k_sentences=24, sentence_paragraphs=8)
        wider = toward_quoted(story, wider, searched, quoted, 24)
        verdict = judge(story, wider, diagnose=False)
        if verdict.answered:
            return wider, verdict
    return result, verdict


def _not_found(story: Story, question: str, subject: str, related: tuple[Quote, ...] = ()) -> Answer:
    return Answer(
        question=question,
        kind=Kind.NOT_FOUND,
        lead=LEAD_NOT_FOUND,
        reason=REASON_PARTIAL if related else REASON_NOT_FOUND,
        hints=_sections(story),
        article_title=story.primary.title,
        subject=subject,
        story=story.id,
        related=related,
        disclaimer=story.primary.disclaimer if related else None,
    )


def _opinion(story: Story, question: str, reading: Reading) -> Answer:
    """"ايش رايك في X؟": the bot gives no view of its own; what the article says of X, when it
    names X, is shown as related quotes (never as an answer)."""
    subject = opinion_subject(reading)
    if not subject:
        return Answer(question=question, kind=Kind.NOT_FOUND, lead=LEAD_OPINION, hints=_sections(story),
                      article_title=story.primary.title, story=story.id)
    searched = in_article_words(story, read(subject))
    result = story.library.index.search(searched, k_paragraphs=5, k_sentences=8)
    related = tuple(_quote_of(story, hit) for hit in related_hits(story, result, "type_missing"))
    return Answer(
        question=question,
        kind=Kind.NOT_FOUND,
        lead=LEAD_OPINION,
        reason=REASON_OPINION if related else None,
        hints=_sections(story),
        article_title=story.primary.title,
        story=story.id,
        related=related,
        disclaimer=story.primary.disclaimer if related else None,
    )


RECENT_ANSWERS = 2048


def answer(story: Story | Shelf, question: str, conversation: Conversation | None = None) -> Answer:
    """Pure: the reply to one message, in Arabic, quoting the article or saying it does not.
    Given a shelf of several stories, the reply comes from the one the question is about
    (see answer_from_shelf)."""
    if isinstance(story, Shelf):
        return answer_from_shelf(story, question, conversation)
    key = (question, conversation.previous_question if conversation else "", conversation.quoted if conversation else None)
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


# Replies that come from an article, and so name it when a shelf chose it among several.
_ABOUT_AN_ARTICLE = (Kind.ANSWER, Kind.NOT_FOUND, Kind.SUMMARY, Kind.META)
LEAD_ARTICLE = "من مقال {title}:"  # the title as quoted_title quotes it


def answer_from_shelf(
    shelf: Shelf, question: str, conversation: Conversation | None = None, story_id: str | None = None
) -> Answer:
    """Pure: the reply from one story of the shelf: the one named by story_id, else the one
    the conversation is about (Conversation.story, set by a front end), else the one the
    question's words point at (a short follow-up stays with the story of the last reply).
    When the shelf chose among several, the reply's lead names the article. Raises
    bot.core.shelf.UnknownStory for a story_id the shelf does not hold."""
    chosen = story_id or (conversation.story if conversation else "")
    if chosen:
        return answer(shelf.story(chosen), question, conversation)
    last = conversation.last_story if conversation else ""
    reading = read(question)
    if last in shelf and conversation is not None and conversation.previous_question and reading.leans_back:
        story = shelf.story(last)
    else:
        story = shelf.best_for(reading, default=last or None)
    reply = answer(story, question, conversation if story.id == last or not last else None)
    if len(shelf.stories) > 1 and reply.kind in _ABOUT_AN_ARTICLE:
        reply = replace(reply, lead=f"{LEAD_ARTICLE.format(title=quoted_title(story.primary.title))} {reply.lead}")
    return reply


_PAGE_WORDS = phrase_words("source", "publisher")


def _asks_what_the_article_tells(story: Story, reading: Reading) -> bool:
    """A source or site phrase beside a word the article singles something out with ("ما
    مصدر *العدوى*", "على أي موقع نشروا *المواضيع* في *الجزائر*"): the question asks what the
    article tells, not where the page comes from (its disclaimer's words do not count).
    Whether it is advice is a question about the page, whatever it names (أسهم ميتا)."""
    if asks_for_advice(reading):
        return False
    index = story.library.index
    terms = [t for word in reading.tokens if word not in _PAGE_WORDS for t in index.analyze(word)]
    return bool(specific_terms(story, terms) - story.disclaimer_terms)


def _answer(story: Story, question: str, conversation: Conversation | None) -> Answer:
    reading = read(question)
    intent = classify_intent(reading)
    primary = story.primary
    if intent is Intent.EMPTY:
        return _chitchat(story, question, Kind.HELP, LEAD_HELP, REASON_EMPTY)
    if intent is Intent.GREETING:
        return _chitchat(story, question, Kind.GREETING, LEAD_GREETING)
    if intent is Intent.THANKS:
        return _chitchat(story, question, Kind.THANKS, LEAD_THANKS)
    if intent is Intent.HELP:
        return _chitchat(story, question, Kind.HELP, LEAD_HELP)
    if intent is Intent.TASK:
        return _chitchat(story, question, Kind.HELP, LEAD_HELP, REASON_TASK)
    if intent is Intent.OPINION:
        return _opinion(story, question, reading)
    if intent is Intent.SUMMARY:
        return _quoting(story, question, Kind.SUMMARY, LEAD_SUMMARY, _lead_quotes(primary))
    if intent is Intent.TITLE and (title := _title_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_TITLE, [title])
    if intent in (Intent.SOURCE, Intent.PUBLISHER) and _asks_what_the_article_tells(story, reading):
        intent = Intent.QUESTION
    if intent is Intent.PUBLISHER and (source := _source_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_PUBLISHER, [source])
    if intent in (Intent.SOURCE, Intent.PUBLISHER) and (disclaimer := _disclaimer_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_SOURCE, [disclaimer])

    # Words that point at a place ("في نهاية المقال") say where to look, not what to find.
    # Dialect words the article never uses are read as its formal words (index.dialect), after
    # a number question's linking verb is dropped: read first in the article's words (وصلت of
    # an article writing واصلت "went on" loses its و), it is no linking verb and is asked about.
    searched = in_article_words(story, without_linking_verbs(story, lean(story, reading, conversation).without_place_words()))
    if leaves_the_article(story, searched):
        return _not_found(story, question, searched.asking)
    quoted = conversation.quoted if conversation else None
    index = story.library.index
    # A follow-up looks at more sentences first: the one just quoted may be lifted among them.
    wide = FOLLOW_UP_SENTENCES if searched.follows else 8
    result = toward_quoted(story, index.search(searched, k_paragraphs=5, k_sentences=wide), searched, quoted, 8)
    if about_the_page(story, result.query.terms) and (disclaimer := _disclaimer_quote(primary)):
        return _quoting(story, question, Kind.META, LEAD_SOURCE, [disclaimer])
    result, verdict = _judged(story, searched, result, quoted)
    if not verdict.answered and (alone := on_its_own(story, reading, conversation)) is not None:
        # Read with the previous question, the article has no answer; the turn names a
        # subject of its own ("وكم بوابة فيه؟"): read it on its own, in the same place.
        alone = in_article_words(story, without_linking_verbs(story, alone.without_place_words()))
        first = toward_quoted(story, index.search(alone, k_paragraphs=5, k_sentences=FOLLOW_UP_SENTENCES), alone, quoted, 8)
        alone_result, alone_verdict = _judged(story, alone, first, quoted)
        if alone_verdict.answered:
            searched, result, verdict = alone, alone_result, alone_verdict
    if not verdict.answered:
        related = tuple(_quote_of(story, hit) for hit in related_hits(story, result, verdict.reason))
        return _not_found(story, question, searched.asking, related)
    quotes = [_quote_of(story, hit) for hit in pick_quotes(story, result.query.terms, verdict.hits)]
    return _quoting(story, question, Kind.ANSWER, LEAD_ANSWER, quotes, subject=searched.asking)
