"""What a message is before it is a search: a greeting, thanks, a request for help, for a
summary, or a question about the article itself. Read from normalised text, any register."""

from __future__ import annotations

import re
from enum import Enum

from index.analysis import normalize, tokenize


class Intent(str, Enum):
    EMPTY = "empty"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    SUMMARY = "summary"
    TITLE = "title"
    SOURCE = "source"  # source, author, site, disclaimer, "is this advice?"
    TASK = "task"  # a request that asks nothing about the article (write, imagine, a joke)
    QUESTION = "question"


def _pattern(*phrases: str) -> re.Pattern[str]:
    normalized = sorted({" ".join(tokenize(normalize(p))) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?:^| )(?:" + "|".join(re.escape(p) for p in normalized if p) + r")(?= |$)")


_GREETING = _pattern(
    "السلام عليكم", "سلام عليكم", "سلام", "مرحبا", "مرحبًا", "اهلا", "أهلا", "اهلين", "هلا", "هلو",
    "صباح الخير", "مساء الخير", "صباح النور", "مساء النور", "هاي", "الو", "hi", "hello", "hey",
    "salam", "salam alaykum", "marhaba", "ahlan", "good morning", "good evening", "yo",
)
_THANKS = _pattern(
    "شكرا", "شكراً", "شكرًا", "مشكور", "مشكورة", "تسلم", "تسلمي", "يسلمو", "يعطيك العافية",
    "جزاك الله خيرا", "جزاك الله", "الله يعطيك العافية", "ممتاز", "رائع", "حلو", "تمام",
    "thanks", "thank you", "thx", "merci", "shokran", "shukran", "great", "perfect", "أفدتني", "افدتني",
)
_HELP = _pattern(
    "مساعدة", "مساعده", "ساعدني", "من انت", "من أنت", "مين انت", "مين إنت", "شو انت", "ايش انت",
    "انت مين", "انت شو", "ماذا تفعل", "ماذا تستطيع", "شو بتعمل", "ايش تقدر", "ايش تسوي",
    "كيف استخدمك", "كيف أستخدمك", "ماذا يمكنك", "help", "who are you", "what are you",
    "what can you do", "how does this work", "شو بتعرف", "بتعرف تعمل", "شو بتقدر", "ايش تقدر تسوي",
    "تقدر تساعدني", "بتعمل ايه", "بتعرف تعمل ايه", "شو بتعمل",
)
_SUMMARY = _pattern(
    "لخص", "لخصلي", "لخص لي", "ملخص", "تلخيص", "الملخص", "باختصار", "اختصر", "الخلاصة",
    "عن ماذا يتحدث", "عن ايش", "عن شو", "ما موضوع", "ما هو موضوع", "موضوع المقال", "موضوع الخبر",
    "شو القصة", "ايش القصة", "ايه الحكاية", "ايش الخبر", "شو الخبر", "ما الخبر", "الفكرة الرئيسية",
    "الفكره الرئيسيه", "ماذا يقول المقال", "ايش يقول المقال", "شو بيقول المقال", "ما قصة",
    "summary", "summarize", "summarise", "tldr", "tl dr", "what is this story about",
    "what is the story about", "what is this about", "what's this about", "what is the article about",
    "gist", "main points", "tell me about the article", "tell me about the story", "about the article",
    "اهم النقاط", "أهم النقاط", "النقاط الرئيسية", "النقاط الرئيسيه", "اهم ما في المقال", "أهم ما في الخبر", "what this article about", "what article about", "what this story about",
    "what story about", "what it about", "whats it about",
)
_TITLE = _pattern(
    "عنوان المقال", "عنوان الخبر", "ما العنوان", "ما عنوان", "شو عنوان", "ايش عنوان", "شنو عنوان", "وش عنوان",
    "ايه عنوان", "عنوان هالمقال", "عنوان هذا المقال", "عنوانه",
    "title of the article", "title of this article", "article's title", "article title", "story title",
    "headline",
)
_SOURCE = _pattern(
    "المصدر", "مصدر", "مصدر الخبر", "مصدر المقال", "من اين هذا", "من أي موقع", "اي موقع",
    "من كتب", "مين كتب", "من الكاتب", "مين الكاتب", "من هو الكاتب", "اسم الكاتب", "كاتب المقال",
    "من نشر", "مين نشر", "الناشر", "ناشره", "مين ناشره", "ما الموقع", "اسم الموقع", "موقع الخبر",
    "منقول", "منقول من", "نقله", "مصدره",
    "إخلاء المسؤولية", "اخلاء المسؤولية", "اخلاء مسؤولية", "نصيحة مالية", "نصيحه ماليه",
    "نصيحة استثمارية", "هل هذه نصيحة", "هل هذا نصيحة", "موثوق", "source", "author", "who wrote",
    "website", "site", "publisher", "disclaimer", "financial advice", "investment advice",
    "توصية", "توصيات", "هل اشتري", "هل أشتري", "اشتري السهم", "ابيع السهم", "شراء السهم", "بيع السهم",
    "should i buy", "should i sell", "buy or sell",
)
# "Is this (investment) advice?": a yes/no question about advice is about the page itself.
_ADVICE_QUESTION = re.compile(
    r"(?:^| )(?:هل|is|are|does|can|should)(?= ).*(?:^| )[كبل]?(?:نصيحه|نصايح|توصيه|توصيات|advice|recommendation)"
)
# Requests to do something else than answer from the article; with no question in them.
_TASK = _pattern(
    "اكتب", "اكتبلي", "اكتب لي", "تخيل", "ألف", "الف لي", "أنشئ", "ترجم", "احكيلي نكتة", "نكته", "نكتة",
    "قصيدة", "قصيده", "شعر", "انس المقال", "انسى المقال", "تجاهل المقال", "write", "imagine", "pretend",
    "compose", "translate", "joke", "poem", "forget the article", "ignore the article", "roleplay",
    "ابعت", "ابعتلي", "ارسل لي", "أرسل لي", "رابط", "كلمة السر", "كلمه السر", "send me", "link", "password",
)
_ASKS = re.compile(r"[?؟]")
# "what is this article about", "what's the story about", "what this piece about"
_ABOUT_WHAT = re.compile(r"(?:^| )what(?: is| s)?(?: this| the| that)? (?:article|story|piece|news|text|it) (?:is )?about")
_AT_THE_END = re.compile(r"(?:^| )(?:ال|في|بال)?(?:اخر|نهايه|ختام|خاتمه)(?: |$)|(?:^| )(?:end|ending|conclusion)(?: |$)")
_COMMAND = re.compile(r"^/[A-Za-z_]+(?:@\w+)?$")
_HAS_CONTENT = re.compile(r"[\u0621-\u064aa-z0-9]")


def classify_intent(text: str) -> Intent:
    """Pure: the intent of one message. Chit-chat only counts when the message is short,
    so a real question that opens with "مرحبا" is still a question."""
    norm = " ".join(tokenize(normalize(text)))
    if not _HAS_CONTENT.search(norm):
        return Intent.EMPTY
    if _COMMAND.match(text.strip()):
        return Intent.HELP  # "/start" typed where commands are not read (a pipe, a group)
    words = norm.split()
    short = len(words) <= 6
    if (_SOURCE.search(norm) or _ADVICE_QUESTION.search(norm)) and len(words) <= 14:
        return Intent.SOURCE
    if _TITLE.search(norm) and len(words) <= 10:
        return Intent.TITLE
    # "the writer's conclusion at the end" asks about the last paragraph, not for a summary.
    if (_SUMMARY.search(norm) or _ABOUT_WHAT.search(norm)) and len(words) <= 14 and not _AT_THE_END.search(norm):
        return Intent.SUMMARY
    if _TASK.search(norm) and not _ASKS.search(text):
        return Intent.TASK
    if short and _HELP.search(norm):
        return Intent.HELP
    if short and _THANKS.search(norm):
        return Intent.THANKS
    if short and _GREETING.search(norm) and len(words) <= 4:
        return Intent.GREETING
    return Intent.QUESTION
