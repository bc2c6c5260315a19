"""Lists candidate SaudiNewsNet articles by topic keywords (5-14 paragraphs, excluded ids dropped)."""
import gzip, json, sys, re
EXCL = set("0106 0263 0328 0337 0487 0731 0762 0966 1107 1381 1415 1429 1520 1680 1736 1869 1930 1983 2103 2121 2123 2277 2557 2579 2630 2716 2783 2825 3254 3321 3444 3473 3549 3664 3693 3720 3767 3795 3796 3800 3880 3941 3958 4108 4179 4240 4271 4316 4402 4697 4774 4788 4809 4848 4863 4924 2540 0884 2514 1510 2082 1565 4926 0400 0068".split())
DTITLES = [l.split("\n")[0] for l in ()]
rows = [json.loads(l) for l in gzip.open('/work/shared/data/saudinewsnet-5k.jsonl.gz', 'rt', encoding='utf-8')]
def ok(r):
    ps = [p.strip() for p in r['paragraphs'] if p.strip()]
    return r['id'][4:] not in EXCL and 5 <= len(ps) <= 14
kw = sys.argv[1]
for r in rows:
    if ok(r) and re.search(kw, r['title']):
        ps = [p.strip() for p in r['paragraphs'] if p.strip()]
        print(r['id'], r['source'], r['date'], len(ps), sum(map(len, ps)), r['title'][:90])
