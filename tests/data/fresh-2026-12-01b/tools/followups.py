"""The follow-up conversations of this set; writes ../followups.jsonl (gold phrases checked)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tools"))
from blindset import write_followups  # noqa: E402

F = [
 ("story", "كم عامل فصلت ميتا؟", "ومن أي قسم؟", ["بفصل 600 عامل من قسم الذكاء الاصطناعي"], "L7.3: the AI division"),
 ("story", "شو صار بنموذج لاما 4؟", "and what did Zuck do after that?", ["ألقى زوك $100 مليون مكافآت"], "L5.2: $100M bonuses"),
 ("story", "مين شينغجيا تشاو؟", "w eh elli hay2odo?", ["قامت مختبر السوبر انتليجنس الجديد في ميتا بتوظيف شينغجيا تشاو"], "L8.2: the new superintelligence lab (Egyptian Arabizi)"),
 ("story", "شو رأي ليكون بالـ LLMs؟", "وزوك؟ شو موقفه؟", ["في حين أن زوك يذهب بكل قوته في المنافسة مع OpenAI وGoogle"], "L4.2: Zuck all-in against OpenAI/Google (Levantine)"),
 ("story", "قديش خسرت ميتا من قيمتها السوقية؟", "وليش؟", ["عندما ألمح إلى أن إنفاق الذكاء الاصطناعي قد يصل إلى $100 مليار العام المقبل", "انخفضت الأسهم بنسبة 12.6%"], "L7.4: the hint of $100B AI spending (L7.5 says 'that' wiped out $240B)"),
 ("story", "وين راحت جويل بينو؟", "وشو منصبها هناك؟", [], "she moved to Cohere (L7.2); her role at Cohere is not given"),
 ("g1", "كم كانت خسارة موبايلي في الربع الثاني؟", "وليش؟", ["تسجيل مخصص احتياطي للديون", "ارتفاع مصاريف الزكاة بـ81 مليونا"], "para 4 (Zain provision) or para 5 (zakat, depreciation)"),
 ("g1", "كم صافي قروض موبايلي؟", "and at the end of last year?", ["مقابل 15.03 مليار في نهاية العام الماضي"], "para 8: 15.03bn"),
 ("g2", "مين سجل أول هدف للهلال؟", "w fi ay de2i2a?", ["الدقيقة 25 التي شهدت هدف الهلال الأول"], "para 3: minute 25"),
 ("g2", "مين جاب هدف الاتحاد؟", "كان من ضربة جزاء؟", ["أعلن الحكم ركلة جزاء للاتحاد", "تقدم لها وسجلها فهد المولد"], "para 4: yes, a penalty"),
 ("g2", "من حكم المباراة؟", "ومن أي مدينة؟", [], "Saleh Al-Hadhloul (para 7); no city or nationality given"),
 ("g3", "من قادت الدراسة؟", "and which university is she at?", ["في جامعة بيتسبرج"], "para 4: University of Pittsburgh"),
 ("g3", "كم شخص شارك في الدراسة؟", "وكم أعمارهم؟", ["تتراوح أعمارهم بين 38 و50 عاماً"], "para 7: 38-50"),
 ("g5", "من يجسد شخصية لبيد بن ربيعة؟", "وجنسيته ايش؟", ["الممثل الأردني منذر الرياحنة"], "para 3: Jordanian (Gulf)"),
 ("g5", "كم يوم تعرض المسرحية؟", "وشحال من فصل؟", ["وستقدم المسرحية في أربعة فصول"], "para 8: four acts (Maghrebi)"),
 ("g5", "متى تعرض مسرحية سراة الشعر والكهولة؟", "وبكام التذكرة؟", [], "Wednesday at the opening (para 2); no ticket price (Egyptian)"),
 ("g6", "من هو مدير تعليم الليث؟", "وشو قال عن تركي؟", ["أن تركي سيظل ابنًا من أبنائنا", "تعديل السلوك الخاطئ"], "para 8 (one of our sons) or para 7 (correcting the behaviour) (Levantine)"),
 ("g7", "كم نمو الشرق الأوسط في مايو؟", "what about Europe?", ["الناقلات الأوروبية سجلت زيادة في الطلب بنسبة 5.9 في المائة"], "para 4: European carriers +5.9%"),
 ("g8", "ما اسم الثغرة اللي في أندرويد؟", "وشكد جهاز بخطر؟", ["بما يعادل حوالي 950 مليون جهاز", "حوالي 95% من الأجهزة العاملة بنظام أندرويد"], "para 10 (950 million) or para 9 (95%) (Iraqi)"),
 ("g8", "ما الشركة التي كتب باحثوها عن خطورة الثغرة؟", "وفين مقرها؟", [], "Zimperium (para 7); no headquarters given"),
]

write_followups(pathlib.Path(__file__).resolve().parent.parent, F)
