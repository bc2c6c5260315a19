"""Writes ../n1.txt … ../n8.txt from SaudiNewsNet (simple article format)."""
import gzip, json, pathlib, re
OUT = pathlib.Path(__file__).resolve().parent.parent
PICK = {"n1": "snn-2616", "n2": "snn-0054", "n3": "snn-0581", "n4": "snn-0438",
        "n5": "snn-4009", "n6": "snn-2764", "n7": "snn-4475", "n8": "snn-4634"}
SITE = {"alyaum": "صحيفة اليوم", "aawsat": "صحيفة الشرق الأوسط", "alwatan": "صحيفة الوطن",
        "3alyoum": "صحيفة عين اليوم", "aljazirah": "صحيفة الجزيرة", "alriyadh": "صحيفة الرياض"}
rows = {}
for l in gzip.open('/work/shared/data/saudinewsnet-5k.jsonl.gz', 'rt', encoding='utf-8'):
    r = json.loads(l)
    rows[r['id']] = r
for name, cid in PICK.items():
    r = rows[cid]
    paras = [p.strip() for p in r['paragraphs'] if p.strip()]
    text = [f"title: {' '.join(r['title'].split())}",
            f"source: {SITE[r['source']]}، {r['url']}، عن مجموعة بيانات SaudiNewsNet",
            "disclaimer: المحتوى منقول من المصدر لأغراض إعلامية فقط.", ""] + paras
    (OUT / f"{name}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    print(name, cid, r['source'], r['date'], len(paras))
