"""Write followups.jsonl for blind-2026-12-07: 20 two-turn conversations on r1-r8.

Run from the set's folder: python3 tools/followups.py
Each tuple: (article, first turn, follow-up, gold phrases for the follow-up's answer, note).
No gold = the article names the subject but not what the follow-up asks.
"""
import pathlib
import sys

FOLDER = pathlib.Path(__file__).resolve().parents[1]
for cand in (FOLDER.parent / "tools", pathlib.Path("/work/main/tests/data/tools")):
    if (cand / "blindset.py").exists():
        sys.path.insert(0, str(cand))
        break
import blindset  # noqa: E402

CONVERSATIONS = [
    ("r1", "مين قال إن المبيعات تزيد في العشر الأواخر؟", "وهو شنو شغلته؟",
     ["خبير العطور وصاحب أحد محلات العطور"], "para 4: Al-Ghamdi's role (Iraqi)"),
    ("r1", "how big is the perfume market in Saudi?", "w el as3ar zadat kam?",
     ["ما بين 20 إلى 30 %"], "para 2: prices up 20-30% (Arabizi)"),
    ("r1", "مين عبدالسميع عمر؟", "وعنده محل وين؟",
     [], "unanswerable: his role is given (para 7), no shop or place (Gulf)"),
    ("r2", "مين واجه الأهلي بالودية الخامسة؟", "وقديش كانت النتيجة؟",
     ["بثلاثة أهداف نظيفة"], "para 5: won 3-0 against Freiburg (Levantine)"),
    ("r2", "when does Al-Ahli's camp end?", "w ba3dha yerja3o wein?",
     ["والعودة إلى مدينة جدة"], "para 2: back to Jeddah (Arabizi)"),
    ("r2", "مين حارس الأهلي قدام فرايبورغ؟", "وعنده كام سنة؟",
     [], "unanswerable: the goalkeeper is named (para 5), no age (Egyptian)"),
    ("r3", "وش المجلة اللي نشرت دراسة المياه البيضاء؟", "ومين من السعودية شارك فيها؟",
     ["الدكتور ايقور كوزاك", "مستشفى الملك خالد التخصصي للعيون أحد المشاركين"],
     "para 3 (Kozak of King Khalid Eye Hospital) or para 5 (the hospital took part) (Gulf)"),
    ("r3", "جربوا القطرة على ايش؟", "and did it work?",
     ["أظهرت عودة العدسة إلى صفائها"], "para 4: the lens became clear again (English)"),
    ("r3", "what is the new cataract treatment?", "w kam se3r el 2a6ra?",
     [], "unanswerable: the drops are described (para 2), no price (Arabizi)"),
    ("r4", "مين رئيس برنامج موهبة في جامعة الملك خالد؟", "وإيه أهداف البرنامج اللي قالها؟",
     ["نشر وترسيخ مبادئ الإيمان والأمن والوسطية"], "para 4: goals named by Al Gharamah (Egyptian)"),
    ("r4", "كم طالب في برنامج موهبة هالسنة؟", "w kam bi tool el barnamaj?",
     ["والذي يستمر لمدة شهر خلال فترة الصيف الحالي", "سيستمر البرنامج لمدة شهر كامل"],
     "para 2 or para 3: one month (Arabizi)"),
    ("r5", "وين يعرض العجيمي حاليا؟", "ولين متى؟",
     ["حتى الخامسة عشرة من الشهر الحالي"], "para 11: until the 15th (Gulf)"),
    ("r5", "شو نقاط القوة بالمسرح السعودي حسب العجيمي؟", "وبالنسبة للمسارح نفسها، وين أحسنها؟",
     ["كمسرح أمانة الدمام"], "para 8: Dammam municipality theatre and others (Levantine)"),
    ("r5", "what's the name of Al-Ajimi's play in Qatif?", "who wrote it?",
     [], "unanswerable: the title is given (para 11), no author (English)"),
    ("r6", "مين القاضية في قضية الشمبانزي؟", "وشو كان قرارها؟",
     ["لكنها رفضت طلبا تقدمت به", "ورفضت محاولة مجموعة"], "para 1 or para 3: she rejected the request (Levantine)"),
    ("r6", "شنو اسم الشمبانزي؟", "وشكد عمرهم؟",
     [], "unanswerable: the names are given (paras 3, 7), no age (Iraqi)"),
    ("r7", "وش الخاصية الجديدة في جوجل؟", "وتشتغل على الجوال؟",
     ["متاحة عبر الأجهزة المحمولة والكمبيوتر الشخصي"], "para 6: mobile and PC (Gulf)"),
    ("r7", "متى طرحت جوجل خدمة طلب الأكل؟", "وكيفاش كتخدم؟",
     ["تتيح للمستخدم طلب الطعام من خلال نتائج البحث"], "para 7: order food from the search results (Maghrebi)"),
    ("r8", "مين قائد شرطة نيروبي؟", "وكم شرطي قال بينشرون؟",
     ["عشرة الاف شرطي"], "para 3: ten thousand police (Gulf)"),
    ("r8", "where does Obama go after Kenya?", "w leish ethiopia?",
     ["حيث مقر الاتحاد الافريقي"], "para 2: the African Union's seat (Arabizi)"),
]

if __name__ == "__main__":
    blindset.write_followups(FOLDER, CONVERSATIONS)
