"""Write ../followups.jsonl (20 two-turn conversations) through blindset.write_followups."""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SET = HERE.parent
for cand in (SET.parent / "tools", pathlib.Path("/work/main/tests/data/tools")):
    if (cand / "blindset.py").exists():
        sys.path.insert(0, str(cand))
        break
import blindset  # noqa: E402

C = [
    ("story", "مين يان ليكون؟", "وشو رح يعمل هلق؟", ["يقوم بتأسيس شركته الناشئة"], "Levantine; L2.1"),
    ("story", "كم دفعت ميتا على الكسندر وانغ؟", "ووين حطوه؟", ["ووضعه فوق ليكون"], "Gulf; L4.3"),
    ("story", "مين جويل بينو؟", "and where did they go?", ["قفز بالفعل إلى كوهير"], "English; L7.2"),
    ("story", "كم نزلت الاسهم؟", "w lesh?", ["عندما ألمح إلى أن إنفاق"], "Arabizi; L7.4"),
    ("story", "امتى اتأسس FAIR؟", "ومين اللي أسسه؟", ["أسس ليكون مختبر FAIR"], "Egyptian; L5.1"),
    ("story", "مين شينغجيا تشاو؟", "وشكد راتبه؟", [], "Iraqi; salary not given"),
    ("p1", "مين المهوس؟", "وش قال عن المهرجان؟", ["كرنفالا اقتصاديا فريدا"], "Gulf; para 4"),
    ("p1", "كم سيارة وصلت السوق؟", "وكم كرتون كان فيها؟", ["202.028 كرتونا"], "Gulf; para 1"),
    ("p2", "مين فيصل الخراع؟", "وبقداش غادي يشريوه؟", ["مقابل 8 ملايين ريال"], "Maghrebi; para 2"),
    ("p2", "مين كي هيون بوم؟", "وكم راتبه المتوقع؟", [], "Gulf; salary not given"),
    ("p3", "who led the study?", "and where does she work?", ["معهد كارولينسكا في ستوكهولم"], "English; para 3"),
    ("p3", "كم طفل شملت الدراسة؟", "وشو لقوا؟", ["وانخفاض حساسية الجيوب الأنفية بمقدار النصف", "واكتشفوا وجود صلة"], "Levantine; para 6 or para 2"),
    ("p4", "مين محمد العيسى؟", "شكد طالب يتابعون؟", ["أكثر من 120 ألف طالب وطالبة"], "Iraqi; para 2"),
    ("p4", "وين صار برنامج مسك؟", "وكم يوم استمر؟", [], "Gulf; duration not given"),
    ("p5", "لمن ديوان شيمه؟", "وكم صفحة؟", ["فيقع في 165 صفحة"], "Gulf; para 8"),
    ("p5", "كم شاعر شارك بأمير الشعراء؟", "w kam 2asida 2addamo?", ["82 قصيدة مميزة"], "Arabizi; para 6"),
    ("p6", "مين يعقوب مامون؟", "وكان عمره كام؟", [], "Egyptian; age not given"),
    ("p6", "وين انعدم يعقوب مامون؟", "وفي أي ولاية؟", ["ولاية ماهاراشترا"], "Gulf; para 2"),
    ("p7", "مين سيلفيو سيزار؟", "and how much did his setup cost?", ["يكلف 1000 دولار أمريكي"], "English; para 4"),
    ("p8", "كم عقار بينزع للتوسعة؟", "ومتى يبدا الهدم؟", [], "Gulf; date not given"),
]

if __name__ == "__main__":
    for art, _, _, gold, _ in C:  # own check before writing
        _, body = blindset.paragraphs(blindset.STORY if art == "story" else SET / f"{art}.txt")
        for g in gold:
            assert sum(g in p for p in body) >= 1, (art, g)
    blindset.write_followups(SET, C)
