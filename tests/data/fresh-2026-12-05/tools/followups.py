"""Write ../followups.jsonl for blind-2026-12-05: 20 two-turn conversations over q1-q8.

Each tuple: (article, first turn, elliptic second turn, gold phrases for the second turn's answer, note).
No gold = the article does not answer the second turn. Run: python3 tools/followups.py
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FOLDER = HERE.parent
for cand in (FOLDER.parent / "tools", pathlib.Path("/work/main/tests/data/tools")):
    if (cand / "blindset.py").exists():
        sys.path.insert(0, str(cand))
        break
import blindset  # noqa: E402

CONVERSATIONS = [
    ("q1", "ليش نزلت أسعار الذهب؟", "ومين قال هالكلام؟", ["وأرجع الكندي سبب هبوط الذهب", "علي الكندي"], "[Gulf] who; para 4 or para 1"),
    ("q1", "كم سعر سبيكة الخمسين جرام؟", "وليش الوافدين يشترون سبايك؟", ["لسرعة بيعها واستغلال الفروقات"], "[Gulf] why; para 9"),
    ("q1", "مين البائع اللي تكلم عن سوق الذهب في جدة؟", "وكم سنة له يشتغل بالذهب؟", [], "[Gulf] seller named, no years in trade"),
    ("q2", "Who scored Liverpool's goal?", "and in which minute?", ["في الدقيقة 86 أمس (الأحد)"], "english; number; para 1"),
    ("q2", "مين سجل هدف وست هام الثاني؟", "ومن وين هو؟", ["الارجنتيني ماورو زاراتي"], "[Gulf] where (nationality); para 5"),
    ("q2", "مين مدرب ارسنال؟", "وكم سنة صار له مع الفريق؟", [], "[Levantine] coach named, no tenure"),
    ("q3", "كم شخص شاركوا بالتجارب على البالون؟", "وأعمارهم كم؟", ["تراوحت أعمارهم بين 22 و60 عاما"], "[Gulf] number; para 7"),
    ("q3", "How long does the balloon stay in the stomach?", "and how is it taken out?", ["بطريقة غير جراحية أيضا"], "english; how; para 2"),
    ("q3", "مين الشركة اللي تصنع الجهاز؟", "وفين مقرها؟", [], "[Egyptian] company named, no headquarters"),
    ("q4", "كم طلب وصل جامعة الدمام؟", "وكم منهم بنات؟", ["منها 22 الف طالبة"], "[Gulf] number; para 6"),
    ("q4", "امتى اختبار تحديد المستوى؟", "وهو ده إجباري؟", ["مؤكدا ان الاختبارات إلزامية للجميع"], "[Egyptian] yes/no; para 2"),
    ("q5", "مين فاز بجائزة بلند الحيدري؟", "وقديش قيمتها؟", ["وتبلغ قيمة الجائزة 10 آلاف دولار"], "[Levantine] number; para 1"),
    ("q5", "شكون كان رئيس لجنة التحكيم؟", "w min ay balad howwe?", ["من الشاعر المغربي المهدي أخريف رئيسا للجنة"], "[Maghrebi] then arabizi; where; para 3"),
    ("q5", "متى توفي بلند الحيدري؟", "ووين اندفن؟", [], "[Iraqi] year given, no burial place"),
    ("q6", "كم حساب بنكي عند المتهم؟", "ووين هي؟", ["وله ثمانية حسابات بنكية في الإمارات والصين"], "[Gulf] where; para 6"),
    ("q6", "ليش القاضي رفع الجلسة؟", "وإمتى الجلسة الجاية؟", [], "[Levantine] adjourned, no next date"),
    ("q7", "شو اسم طيارة فيسبوك؟", "وقديش وزنها؟", ["كما تزن حوالي 880 طن"], "[Levantine] number; para 4"),
    ("q7", "How high does Aquila fly during the day?", "and at night?", ["وتهبط الى 60 ألف قدم"], "english; number; para 5"),
    ("q8", "كم شاب مات عند تقاطع الموت؟", "وشلون؟", ["حين سقطت سيارتهم وسط العبارة غير المؤمنة"], "[Iraqi] how; para 2"),
    ("q8", "مين اشتكى من تقاطع شارع المئة؟", "ولمين قدموا الشكوى؟", ["يتقدمون بشكوى لإدارة المرور"], "[Levantine] who; para 1"),
]

if __name__ == "__main__":
    blindset.write_followups(FOLDER, CONVERSATIONS)
