"""The follow-up conversations of this set; writes ../followups.jsonl (gold phrases checked)."""
import pathlib
import sys

_here = pathlib.Path(__file__).resolve()
for _tools in (_here.parents[2] / "tools", pathlib.Path("/work/main/tests/data/tools")):
    if (_tools / "blindset.py").exists():
        sys.path.insert(0, str(_tools))
        break
from blindset import write_followups  # noqa: E402

F = [
 ("story", "ليكون شو رح يبني بشركته الجديدة؟", "وقديش رح ياخد وقت؟", ["قد يستغرق عقدًا لكسره"], "L2.3: a decade (Levantine)"),
 ("story", "who is Joelle Pineau?", "w ra7et feen?", ["قد قفز بالفعل إلى كوهير"], "L7.2: to Cohere (Egyptian Arabizi)"),
 ("story", "كم موظف فصلت ميتا؟", "ومن أي قسم؟", ["من قسم الذكاء الاصطناعي"], "L7.3: from the AI division (Gulf)"),
 ("story", "مين شينغجيا تشاو؟", "وشنو غادي يدير؟", ["مختبر السوبر انتليجنس الجديد في ميتا"], "L8.1: Meta's new superintelligence lab (Maghrebi)"),
 ("story", "شكد خسرت ميتا من قيمتها السوقية؟", "وليش؟", ["عندما ألمح إلى أن إنفاق الذكاء الاصطناعي قد يصل", "انخفضت الأسهم بنسبة 12.6%"], "L7.4: shares fell when Zuck hinted at $100bn AI spending (Iraqi)"),
 ("story", "مين ألكسندر وانغ؟", "وقديش عمره؟", [], "from Scale AI (L4.3); no age (Levantine)"),
 ("n1", "كم خسرت موبايلي بالربع الثاني؟", "وليش؟", ["بعدما جنبت الشركة مخصص ديون مشكوك في تحصيلها"], "para 2: a doubtful-debt provision (Gulf)"),
 ("n1", "how much did the banks earn this quarter?", "w sabic?", ["لتصل إلى 6.17 مليار ريال"], "para 3: SABIC 6.17bn (Arabizi)"),
 ("n2", "الهلال خسر قدام مين؟", "والماتش كان فين؟", ["مساء أمس في إيطاليا"], "para 1: in Italy (Egyptian)"),
 ("n2", "مين لاعب لخويا اللي انصاب؟", "وقديش رح يغيب؟", ["لفترة لا تقل عن الأسبوعين"], "para 6: at least two weeks (Levantine)"),
 ("n3", "لين متى تشتغل العيادات الحين؟", "ومين قال هالكلام؟", ['مصادر مطلعة لـ"الوطن"'], "para 2: informed sources to Al-Watan (Gulf)"),
 ("n3", "كم رقم مركز الاتصال؟", "وبيرد 24 ساعة؟", [], "toll-free number given (para 5); no hours (Levantine)"),
 ("n4", "كم مشروع مدرسي اعتمد الوزير لحائل؟", "وبكم؟", ["بقيمة تجاوزت 134.230.000 مليون ريال"], "para 2: over 134.23 million riyals (Gulf)"),
 ("n4", "مين مدير تعليم حائل؟", "and who did he thank?", ["جهود صاحب السمو الملكي الأمير سعود بن عبدالمحسن", "لمعالي وزير التعليم"], "para 4: the emir of Hail, and the minister (same sentence)"),
 ("n5", "وين بينعمل مهرجان جرش؟", "وقديش بعيدة عن عمان؟", ["على بعد 45 كيلومترا شمال عمان"], "para 1: 45 km north of Amman (Levantine)"),
 ("n5", "هي نانسي عجرم جاية المهرجان؟", "وحفلتها امتى؟", [], "she is listed (para 5); no date (Egyptian)"),
 ("n6", "كم واحد انصاب بحريق الخالدية؟", "w fee 7ad mat?", ["ولم تُسجّل حالات وفاة"], "para 2: no deaths (Arabizi)"),
 ("n6", "وين صار الحريق؟", "وكم دور فيها العمارة؟", [], "Khalidiya (para 1); no floor count (Gulf)"),
 ("n7", "متى بتطلق أبل الآيفون الجديد؟", "وشو الجديد فيه؟", ["شاشة تعمل باللمس حسب القوة"], "para 2: force-touch screen, camera, processor (Levantine)"),
 ("n8", "مين افتتح قناة السويس الجديدة؟", "وشكد كلفت؟", [], "Sisi (para 1); no cost (Iraqi)"),
]

NOHAMZA = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا'})  # readers type bare alifs
F = [(a, q1.translate(NOHAMZA), q2.translate(NOHAMZA), g, n) for a, q1, q2, g, n in F]
write_followups(_here.parent.parent, F)
