import gzip, json, sys
want = set(sys.argv[1:])
for l in gzip.open('/work/shared/data/saudinewsnet-5k.jsonl.gz', 'rt', encoding='utf-8'):
    r = json.loads(l)
    if r['id'][4:] in want:
        print('#####', r['id'], r['source'], r['date'], r['url']); print('T:', r['title'])
        for i, p in enumerate([p.strip() for p in r['paragraphs'] if p.strip()], 1): print(f'[{i}]', p)
