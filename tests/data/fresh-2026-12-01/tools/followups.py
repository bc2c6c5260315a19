"""Write ../followups.jsonl and verify every gold phrase against its article's paragraphs."""
import json, sys, pathlib
from build import paragraphs, HERE
F = [
 ("story", "من هو ألكسندر وانغ؟", "وكم دفعت ميتا للحصول عليه؟", ["أنفقت ميتا 14.3 مليار دولار", "مليار دولار فقط للحصول على ألكسندر وانغ"], "L4.3: $14.3B"),
 ("story", "متى أسس ليكون مختبر FAIR؟", "وماذا فعل به زوكربيرغ؟", ["زوكربيرغ أوقف تلك المهمة", "نحو المنتجات التجارية وتطوير نماذج اللغة الكبيرة"], "L5.1"),
 ("story", "هل ليكون أول من يغادر ميتا؟", "ومن غيره؟", ["جويل بينو قد قفز بالفعل إلى كوهير"], "L7.2: Pineau"),
 ("story", "بكم انخفضت أسهم ميتا؟", "ومتى؟", ["في أواخر أكتوبر"], "L7.4: late October"),
 ("story", "ماذا سيبني ليكون في شركته الجديدة؟", "and how long will it take?", ["قد يستغرق عقدًا لكسره"], "L2.3: a decade"),
 ("story", "من عينت ميتا لقيادة مختبر السوبر انتليجنس؟", "وكم راتبه؟", [], "Zhao's pay is not given; trap: $100M bonuses are for talent in general"),
 ("h1", "مين مدرب النصر؟", "ومن وين هو؟", ["المدرب الأوروجوياني خورخي دا سيلفا"], "para 6: Uruguayan"),
 ("h2", "وين منوم الأب؟", "وولده؟", ["ابن للحالة الأولى والثانية ومنوم بمستشفى الأمير محمد بن عبدالعزيز"], "para 4: the son, Prince Mohammed bin Abdulaziz hospital"),
 ("h3", "من هو المتحدث الرسمي للدفاع المدني في جازان؟", "وبماذا حذر؟", ["باحتمال هطول أمطار رعدية متوسطة إلى غزيرة", "مطالبا بعدم المجازفة بالحياة في اجتياز الأودية", "تحذيرات عن سيول منقولة"], "para 4 (para 11 repeats the warning)"),
 ("h4", "من هو رئيس اللجنة المنظمة لمهرجان العسل؟", "وكم عمره؟", [], "Dr. Ahmed Al-Khazim Al-Ghamdi; no age"),
 ("h5", "ما الحكم الصادر على سيف الإسلام القذافي؟", "وأين هو الآن؟", ["في منطقة الزنتان بعيدا عن سيطرة الحكومة المركزية"], "para 8: held in Zintan"),
 ("h5", "كم عدد المتهمين الذين برأتهم المحكمة؟", "ومن هم؟", [], "four acquitted, none named"),
 ("h6", "كم شقة باعت الشركات في المعرض؟", "ومتى يتم التسليم؟", ["وسيتم التسليم خلال ٢٠ شهرا من توقيع العقود"], "para 9: within 20 months"),
 ("h7", "من هي الباحثة التي تحدثت عن نتائج حمية مايند؟", "and where does she work?", ["اخصائية التغذية والاوبئة بالمركز الطبي في جامعة راش"], "para 3: Rush University Medical Center"),
 ("h8", "ما أعلى تكلفة للحج هذا العام؟", "وأقلها؟", ["وحدد برنامج الحج الميسر بثلاثة آلاف ريال", "و3900 و3000 ريال"], "para 3: 3000 riyals (الحج الميسر, or low-cost non-comprehensive lowest category)"),
]
out = []
for n, (art, q1, q2, gold, note) in enumerate(F, 1):
    txt = '../../../../shared/story/article.txt' if art == 'story' else HERE / f'{art}.txt'
    _, body = paragraphs(txt)
    for g in gold:
        if not any(g in p for p in body):
            sys.exit(f'GOLD NOT FOUND f{n:02d}: {g!r}')
    out.append({"id": f"f{n:02d}", "article": art, "turns": [q1, q2], "answerable": bool(gold), "gold": gold, "note": note})
with open(HERE / 'followups.jsonl', 'w', encoding='utf-8') as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print('followups', len(out), 'answerable', sum(r['answerable'] for r in out))
