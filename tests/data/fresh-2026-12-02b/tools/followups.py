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
 ("story", "مين يان ليكون؟", "وشو رح يعمل هلق؟", ["يقوم بتأسيس شركته الناشئة"], "L2.1: founding his startup (Levantine)"),
 ("story", "who did Meta hire to lead the superintelligence lab?", "w howa mashhoor b eh?", ["أحد مبدعي ChatGPT"], "L8.1: one of ChatGPT's creators (Egyptian Arabizi)"),
 ("story", "كم دفعت ميتا على ألكسندر وانغ؟", "ومن وين جابوه؟", ["ألكسندر وانغ من Scale AI"], "L4.3: from Scale AI (Gulf)"),
 ("story", "متى أسس ليكون مختبر FAIR؟", "وشنو كان الهدف ديالو؟", ["كجهة بحثية بحتة"], "L5.1: a pure research body (Maghrebi)"),
 ("story", "قديش نزلت أسهم ميتا؟", "and when was that?", ["في أواخر أكتوبر"], "L7.4: late October"),
 ("story", "شنو يعني نماذج العالم؟", "وشكد راح تكلف؟", [], "world models described (L2); no cost given (Iraqi)"),
 ("n1", "متى يبدأ مهرجان بريدة للتمور؟", "وكم يستمر؟", ["ويستمر الموسم لأكثر من 30 يوما"], "para 1: more than 30 days (Gulf)"),
 ("n1", "كم مبسط في خيمة التجزئة؟", "w el khayma mkayyafa?", ["وتم توفير التكييف لحفظ التمور المعروضة"], "para 2: air-conditioned (Arabizi)"),
 ("n2", "وين بتنبنى أول محطة طاقة شمسية؟", "وشو اسمها؟", ["اطلق عليها اسم محطة ليلي"], "para 4: Layla station (Levantine)"),
 ("n2", "مين بيبني محطة ليلي؟", "and who buys the electricity?", ["التي ستقوم بشراء جميع إنتاج المشروع من الكهرباء"], "para 4: Saudi Electricity Company"),
 ("n3", "شو اسم طيارة فيسبوك؟", "وقديش بتضل طايرة؟", ["الطيران دون هبوط لثلاثة أشهر في المرة الواحدة"], "para 2: three months (Levantine)"),
 ("n3", "وين بيختبروا الطيارة؟", "ومتى بالضبط؟ أي شهر؟", [], "later this year in the US (para 5); no month (Levantine)"),
 ("n4", "كم طبيب انحكم عليه بالخطأ الطبي؟", "وكم واحد منهم عنده ماجستير؟", ["و171 يحملون شهادة الماجستير"], "para 3: 171 (Gulf)"),
 ("n4", "كام سعودي اتدان؟", "وغير السعوديين كام؟", ["و473 غير سعودي"], "para 2: 473 (Egyptian)"),
 ("n5", "كم بلغت القروض العقارية في 2014؟", "وكم نسبة الارتفاع؟", ["لتبلغ حوالي 148.9 مليار ريال بارتفاع 31%"], "para 6: up 31%"),
 ("n5", "شنو هي سمة؟", "وشحال كيخلصو الناس باش يشوفو التقرير ديالهم؟", [], "SIMAH described (paras 8-12); no fee given (Maghrebi)"),
 ("n6", "من وين انطلق الباص السياحي؟", "ووين يودي الناس؟", ["بين أهم المواقع السياحية والتراثية والأثرية"], "para 7: tourist, heritage and archaeological sites (Gulf)"),
 ("n6", "كم يوم تستمر عروض الصوت والضوء؟", "w kam se3r el tathkara?", [], "40 days (para 3); no ticket price (Arabizi)"),
 ("n7", "مين أدى مسرحية في العيادة؟", "وعن شو بتحكي؟", ["كيفية التعامل مع الأمراض المزمنة"], "para 4: dealing with chronic illness (Levantine)"),
 ("n8", "شكد عمر الجاني؟", "وشنو اسمه؟", [], "24 years old (para 2); not named (Iraqi)"),
]

write_followups(_here.parent.parent, F)
