"""Writes ../followups.jsonl: two-turn conversations (gold is for the follow-up's answer).

Run: python3 tools/followups.py   (from the set folder or anywhere)
It uses write_followups() of blindset.py, found in ../../tools when this set sits in
tests/data/<set>/, or in /work/main/tests/data/tools otherwise; it stops on any gold phrase
that is not an exact substring of the article.
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

# (article, first turn, follow-up, gold phrases for the follow-up, note)
CONVERSATIONS = [
    ("story", "ليكون ليش طالع من ميتا؟", "وكم ممكن ياخذ مشروعه؟",
     ["قد يستغرق عقدًا لكسره"], "Gulf follow-up; L2.3"),
    ("story", "who did meta put above LeCun?", "and how much did that cost them?",
     ["أنفقت ميتا 14.3 مليار دولار"], "English; L4.3"),
    ("story", "مين جويل بينو؟", "وراح فين؟",
     ["قد قفز بالفعل إلى كوهير"], "Egyptian follow-up; L7.2"),
    ("story", "شو صار بأسهم ميتا؟", "وليش؟ شو قال زوك؟",
     ["عندما ألمح إلى أن إنفاق الذكاء الاصطناعي"], "Levantine follow-up; L7.4"),
    ("story", "lecun assas FAIR emta?", "w zuckerberg 3amal beeh eh?",
     ["لكن زوكربيرغ أوقف تلك المهمة"], "Arabizi; L5.1"),
    ("story", "ليكون راح يأسس شركة جديدة؟", "وشكد رأس مالها؟",
     [], "Iraqi follow-up; the startup's capital is not given"),
    ("o1", "الأهلي قدم عرض كم للزبيدي؟", "والنصر كم عرض؟",
     ["والمقدر بـ11 مليون ريال"], "Gulf follow-up; para 1"),
    ("o1", "where is al ahli's camp?", "and who did they play last?",
     ["عندما واجه فريق لي مونت السويسري"], "English; para 6"),
    ("o2", "كم حالة جرب بالمستشفى؟", "ومنين جات العدوى؟",
     ["عبر المرضى المنقولين من مركز النقاهة"], "Maghrebi follow-up; para 1"),
    ("o2", "who is the hospital director?", "and what's his medical specialty?",
     [], "English; his specialty is not given"),
    ("o3", "مين عميد معهد اللغة العربية في أم القرى؟", "والدورة لمتى تستمر؟",
     ["تستمر حتى 20 من ذي القعدة"], "Gulf follow-up; para 4"),
    ("o3", "ليش توقفت دورة الغينيين؟", "w kam sana kanet sha3'ala abl kida?",
     ["بعد تنفيذها لمدة سنتين"], "Arabizi follow-up; para 5"),
    ("o4", "مهدي هاشمي في أي سجن؟", "ومنو زاره بالسجن؟",
     [], "Iraqi follow-up; no visitor is named"),
    ("o4", "who is Mehdi Hashemi's father?", "and when was he president?",
     ["تولى الرئاسة من 1989 إلى 1997"], "English; para 5"),
    ("o5", "الطريق مع عمان متى يفتح؟", "وكم طوله الكلي؟",
     ["(564,5) كم"], "Gulf follow-up; para 3"),
    ("o5", "مين مدير طرق الشرقية؟", "والمشروع كلف كام؟",
     [], "Egyptian follow-up; the cost is not given"),
    ("o6", "what is Predix Cloud?", "w emta tkoun mota7a lel 3omala?",
     ["خلال عام 2016"], "Arabizi follow-up; para 7"),
    ("o6", "كم إيرادات جنرال إلكتريك من البرمجيات؟", "وهالسنة كم يتوقعون؟",
     ["إلى 6 مليارات دولار في 2015"], "Gulf follow-up; para 2"),
    ("o7", "كمال بشر توفي فين؟", "وهو اتولد فين؟",
     ["في قريته محلة دياي بمركز دسوق"], "Egyptian follow-up; para 2"),
    ("o8", "why did palm oil prices fall?", "and how much palm oil does malaysia export?",
     [], "English; Malaysia's export volume is not given"),
]

if __name__ == "__main__":
    blindset.write_followups(FOLDER, CONVERSATIONS)
