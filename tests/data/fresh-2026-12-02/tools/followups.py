"""The follow-up conversations of this set; writes ../followups.jsonl (gold phrases checked)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools"))
from blindset import write_followups  # noqa: E402

F = [
 ("story", "مين يان ليكون؟", "w shu bado ya3mel halla2?", ["يقوم بتأسيس شركته الناشئة"], "L2.1: founding his startup to build world models (Levantine Arabizi)"),
 ("story", "كم دفعت ميتا عشان تجيب ألكسندر وانغ؟", "and which company was he at?", ["ألكسندر وانغ من Scale AI"], "L4.3: from Scale AI"),
 ("story", "ليش ضغطوا المستثمرين على زوك؟", "وكم نزلت الأسهم بالضبط؟", ["انخفضت الأسهم بنسبة 12.6%"], "L7.4: 12.6% in late October (Gulf)"),
 ("story", "متى أسس ليكون مختبر FAIR؟", "وشنو كان الهدف ديالو؟", ["كجهة بحثية بحتة"], "L5.1: a pure research body (Maghrebi)"),
 ("story", "ليكون قال فكرته قد إيه هتاخد وقت؟", "and what is the idea exactly?", ["تعليم الآلات لفهم العالم الفيزيائي فعليًا", "تتعلم من الصور والبيانات المكانية"], "L2.2 (teaching machines the physical world) or L2.1 (learning from images and spatial data)"),
 ("story", "ليكون رح يأسس شركة ناشئة صح؟", "وقديش جمع تمويل؟", [], "the startup is described (L2.1); no funding figure (Levantine)"),
 ("m1", "كم قيمة صفقات العقار في النصف الأول من 2015؟", "وفي نفس الفترة من 2014؟", ["2014 البالغة 234.5 مليار ريال"], "para 5: 234.5 bn"),
 ("m1", "من هو سلطان اللويحق؟", "w shu esm sharikto?", [], "he chairs 'a real estate company' (para 3), which is not named (Arabizi)"),
 ("m2", "كم تكلفة مشروع النقل العام بجدة؟", "ومتى يخلص؟", ["نتوقع في 2020 أن تكون جميع النواحي الإنشائية متكاملة"], "para 8: construction complete in 2020"),
 ("m2", "كم طول جسر أبحر؟", "what about its width?", ["وبعرض 74.5 مترا"], "para 11: 74.5 m"),
 ("m3", "كم حالة كورونا في العائلة؟", "ومين اللي توفى منهم؟", ["بالنسبة للحالة الثانية (الأم)", "وقد توفت نسأل الله لها الرحمة"], "para 5: the mother"),
 ("m3", "شنو سبب العدوى عند الأب؟", "وشكد عمره؟", [], "camel contact (para 4); no age given (Iraqi)"),
 ("m4", "مين مدرب الأهلي؟", "w howa men ay balad?", ["كريستيان غروس المدرب السويسري"], "para 8: Swiss (Arabizi)"),
 ("m4", "وين معسكر الأهلي؟", "وبعدين وين بيروحون؟", ["قبل الانتقال إلى مدينة لوزان"], "para 2: then Lausanne (Gulf)"),
 ("m5", "بكم شكة الديرك في جازان؟", "وليه غليت كده؟", ["بعد توقف الأسماك الواردة من اليمن وسلطنة عمان"], "para 1: imports from Yemen and Oman stopped (Egyptian)"),
 ("m5", "كم سعر ثلاجة الروبيان في الشرقية؟", "and why did it get cheaper?", ["الهبوط السريع لأسعار الروبيان إلى كثرة المعروض في السوق"], "para 5: oversupply at the start of the season"),
 ("m6", "قديش طول خطوط الأنابيب؟", "وكم خزان عندهم؟", ["وعددها 243 خزاناً"], "para 8: 243 tanks (Levantine)"),
 ("m6", "متى بدأت محطة رأس الخير التشغيل؟", "وبكم كلفت؟", [], "April 2014 (para 8); no cost given"),
 ("m7", "من هي وزيرة التربية الجزائرية؟", "w shnou galet 3la tasrib?", ["يعد سابقة خطيرة"], "para 8: 'a serious precedent' (Maghrebi Arabizi)"),
 ("m8", "كم مروحة رذاذ في ساحات المسجد النبوي؟", "ومين الشركة اللي صنعتها؟", [], "436 fans (para 2); no maker named"),
]

write_followups(pathlib.Path(__file__).resolve().parent.parent, F)
