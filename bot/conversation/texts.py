"""The bot's fixed Arabic texts, plain: user-facing, short, and never built from an exception.

Front ends format them (the Telegram wing escapes them for HTML); none holds its own copy.
"""

from __future__ import annotations

APOLOGY = "عذرًا، حدث خطأ أثناء الإجابة. حاول مرة أخرى بعد قليل."
RATE_LIMITED = "لقد طرحت أسئلة كثيرة خلال وقت قصير. من فضلك حاول مرة أخرى بعد قليل."
NON_TEXT_HINT = "أقرأ النصوص فقط. اكتب سؤالك عن المقال نصًّا، مثلًا: ما ملخص المقال؟"
UNKNOWN_COMMAND = "لا أعرف هذا الأمر. الأوامر المتاحة: /start و/help و/about و/stories و/ask و/privacy و/forget."
ASK_USAGE = "اكتب سؤالك بعد الأمر، مثلًا: /ask ما ملخص المقال؟"
FEEDBACK_THANKS = "شكرًا على تقييمك!"
FEEDBACK_NOT_KEPT = "لم يُحفظ هذا التقييم: لم تعد هذه الإجابة محفوظة عندي."
FEEDBACK_FAILED = "تعذّر حفظ تقييمك الآن، فلم يُسجَّل. حاول مرة أخرى بعد قليل."  # the store failed
BUTTON_UNKNOWN = "هذا الزر لم يعد يعمل."
PARAGRAPH_GONE = "لم تعد هذه الفقرة متاحة."
FORGET_NO_STORE = "لا يحفظ هذا البوت أسئلتك، فلا شيء لحذفه."
# /forget is all or nothing (bot.store.database.Store.forget): when it fails, nothing was deleted.
FORGET_FAILED = "تعذّر حذف بياناتك الآن، فلم يُحذف منها شيء. أرسل /forget مرة أخرى بعد قليل."
# /forget while the store's file is damaged: the request is held (bot.store.database.ForgetHeld)
# and deletes the user's rows once the file is restored; nothing is deleted yet, which it says.
FORGET_HELD = "سجّلتُ طلب الحذف، لكن لم يُحذف شيء بعد: ملف الحفظ معطّل الآن، وسيُنفَّذ طلبك حين يُستعاد."
STATS_FAILED = "تعذّر قراءة الإحصاءات الآن."
STATS_NO_STORE = "لا يوجد مخزن للأسئلة في هذا التشغيل، فلا إحصاءات."
NOTHING_FOUND_TITLE = "لا يذكر المقال ذلك"
SOURCE_IN_DISCLAIMER = "لا يذكره المقال؛ انظر تنبيه الموقع الذي نشره أدناه"
SOURCE_UNKNOWN = "غير مذكور في المقال"
EMPTY_INLINE_QUERY = "ملخص المقال"  # what an empty inline query shows: the article in brief
# A best match for a crowded question (bot.newsroom.Choice.crowded): many stories share its words.
NOT_SINGLED_OUT = "سؤالك لا يحدد خبرًا بعينه، فكلماته في أخبار كثيرة وهذا أقربها إليه."


def count_of(n: int, one: str, two: str, few: str, many: str) -> str:
    """`n` things with Arabic number agreement: one and two are the noun alone (singular, dual);
    3-10 take the plural, 11-99 the singular accusative; 100, 1000... the singular (genitive).
    The last two digits decide for larger numbers (103 سجلات, 111 سجلًّا, 200 سجلّ)."""
    if n == 0:
        return f"لا {few}"
    if n == 1:
        return f"{one} واحد"
    if n == 2:
        return two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n} {few}"
    if 11 <= rest <= 99:
        return f"{n} {many}"
    return f"{n} {one}"


def records(n: int) -> str:
    return count_of(n, "سجلّ", "سجلّان", "سجلات", "سجلًّا")


def forgotten(n: int) -> str:
    """/forget's reply: what was deleted, and that the rate limit's count stays."""
    return (f"حُذفت كل بياناتك المحفوظة ({records(n)}). لن يبقى عندي شيء عنك، "
            "سوى عدد أسئلتك في الساعة الأخيرة (بلا نصوصها) إلى أن تنقضي الساعة.")


def privacy_lines(retention_days: int) -> tuple[str, ...]:
    """What is kept, for how long, and how to delete it (the store is on)."""
    return (
        "نص كل رسالة توجّهها إليّ (سؤالًا كانت أو تحية)، ووقتها، ومعرّف المحادثة ومعرّفك الرقمي في تيليغرام، "
        "وكذلك ما تكتبه بعد اسمي في أي محادثة (الوضع المضمَّن).",
        "نوع الإجابة والجمل المقتبسة ودرجاتها، ومدة الإجابة.",
        "تقييمك بـ 👍 أو 👎 إن ضغطت عليهما.",
        "الخبر الذي اخترته للمحادثة (من رابط الخبر أو من /stories)، لأبقى عليه بعد إعادة تشغيلي.",
        "عدد أسئلتك في الساعة الأخيرة، لتحديد المعدل. لا يحذفه /forget (فلا نص فيه)، ويزول وحده بعد ساعة.",
        "الرسائل التي وصلتني ولم أجب عنها بعد، لأجيب عنها إن توقفت فجأة؛ تُمحى نصوصها حين أجيب.",
    )


PRIVACY_NOT_STORED = (
    "لا يحفظ هذا التشغيل من البوت أسئلتك ولا أي بيانات عنك. يتذكر فقط آخر سؤال في المحادثة، "
    "في الذاكرة، ليفهم أسئلة المتابعة."
)
