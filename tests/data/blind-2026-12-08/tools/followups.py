"""Write followups.jsonl for blind-2026-12-08: 20 two-turn conversations on s1-s8 and the story.

Run from the set's folder: python3 tools/followups.py
Each tuple: (article, first turn, follow-up, gold phrases for the follow-up's answer, note).
No gold = the article names the subject but not what the follow-up asks.
(Mechanics copied from blind-2026-12-07/tools/followups.py; the conversations are new.)
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
    ("s1", "مين عبدالله الهجرس؟", "وكم زادت الأسعار حسب كلامه؟",
     ["ما بين 20 و25 في المائة"], "para 1: prices up 20-25% (Gulf)"),
    ("s1", "ليش الناس صارت تقبل على العضوي؟", "ومين قال هالكلام؟",
     ["ماجد الخميس رئيس اللجنة الوطنية الزراعية"], "para 7: Majed Al-Khamis said it (Gulf)"),
    ("s1", "where do imported organic vegetables come from?", "w el chocolate?",
     ["فتستورد من إيطاليا"], "para 3: chocolate, nuts and sweets from Italy (Arabizi)"),
    ("s2", "مين مدرب النصر؟", "وشو طلب من الإدارة؟",
     ["بضرورة إبعاد الثنائي أحمد عباس وعلي الخيبري"], "para 2: drop Abbas and Al-Khaibari (Levantine)"),
    ("s2", "وين بيلعب النصر السوبر؟", "وكم تذكرة انباعت؟",
     [], "unanswerable: the stadium and its 18,000 capacity are given (paras 1, 4), no tickets sold (Gulf)"),
    ("s3", "who was the first patient to get the pump?", "w kan 3ando eh abl kda?",
     ["من نوبة قلبية في أغسطس"], "para 3: a heart attack in August (Egyptian Arabizi)"),
    ("s3", "كم سعر المضخة؟", "ومين اللي بيدفع؟ التأمين؟",
     [], "unanswerable: the price is given (para 5), not who pays (Egyptian)"),
    ("s4", "مين المتحدث الرسمي للمؤسسة؟", "وشنو كال عن المنهجية؟",
     ["منهجية الإطار الأوروبي المرجعي المشترك للغات"], "para 4: the CEFR method (Iraqi)"),
    ("s4", "كم فرع عند البرنامج؟", "وفين كاينين ديال البنات؟",
     ["وللبنات (6) فروع في كل من الرياض وجدة"], "para 3: the six girls' branches (Maghrebi)"),
    ("s5", "شو اسم فيلم منال فلمبان؟", "وقديش مدته؟",
     ["فيلم وثائقي مدته خمس دقائق"], "para 3: five minutes (Levantine)"),
    ("s5", "who directed Phosphene?", "and when is it showing?",
     [], "unanswerable: director and length given (paras 1, 2), no date (English)"),
    ("s6", "مين رئيس المحكمة في قضية الظواهري؟", "وهيحكموا إمتى؟",
     ["جلسة 27 سبتمبر (أيلول) المقبل"], "para 2: verdict on 27 September (Egyptian)"),
    ("s6", "مين محمد ربيع الظواهري؟", "وكم عمره؟",
     [], "unanswerable: his kinship and role are given (paras 1, 4), no age (Gulf)"),
    ("s7", "what did Intel announce?", "w 3ala ay me3mariyye?",
     ["سيعتمد على معمارية معالج Skylake"], "para 2: the Skylake architecture (Arabizi)"),
    ("s7", "وش سرعة Thunderbolt 3؟", "ويشتغل على كل المعالجات؟",
     ["ولكنها تتطلب وجود متحكم خارجي", "هذه التقنية متاحة لمعالجات Skylake"],
     "para 5: available on Skylake but needs an external controller (Gulf)"),
    ("s8", "وين بتصير المناظرة الأولى؟", "and who will be in the middle of the stage?",
     ["سيحتل وسط المسرح"], "para 1: Trump takes the centre of the stage (English)"),
    ("s8", "مين كارلي فيورينا؟", "ومن وين هي؟",
     [], "unanswerable: her former job is given (para 4), no state or home town (Levantine)"),
    ("story", "مين جويل بينو؟", "ولوين راح؟",
     ["قد قفز بالفعل إلى كوهير"], "L7.2: jumped to Cohere (Levantine)"),
    ("story", "كم نزلت أسهم ميتا؟", "and when?",
     ["في أواخر أكتوبر"], "L7.4: late October (English)"),
    ("story", "who founded FAIR?", "w emta?",
     ["في عام 2013"], "L5.1: in 2013 (Arabizi)"),
]

if __name__ == "__main__":
    blindset.write_followups(FOLDER, CONVERSATIONS)
