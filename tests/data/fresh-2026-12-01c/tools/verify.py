"""Independent check: every gold phrase is an exact substring of one paragraph of its article."""
import json, re, pathlib, collections
H = pathlib.Path(__file__).resolve().parent.parent
def body(path):
    lines = pathlib.Path(path).read_text(encoding='utf-8').split('\n')
    if lines[0].startswith('title:'):
        lines = lines[lines.index('') + 1:]
    return [l.strip() for l in lines if l.strip()]
total = bad = 0
sets = {f'k{i}': H / f'k{i}.txt' for i in range(1, 9)}

for name, txt in sets.items():
    paras = body(txt)
    rows = [json.loads(l) for l in open(H / f'{name}.jsonl', encoding='utf-8')]
    assert len({r['id'] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == {'id', 'question', 'kind', 'answerable', 'gold', 'note'}, r
        assert r['answerable'] == bool(r['gold'])
        for g in r['gold']:
            total += 1
            if not any(g in p for p in paras):
                bad += 1; print('MISSING', name, r['id'], g)
            if re.search(r'[.؟!?](?!\d)\s', g):
                print('WARN crosses a sentence end?', name, r['id'], g)
    print(name, len(rows), collections.Counter(r['kind'] for r in rows), 'answerable', sum(r['answerable'] for r in rows))
for r in []:
    paras = body(sets['story15'] if r['article'] == 'story' else sets[r['article']])
    assert len(r['turns']) == 2 and r['answerable'] == bool(r['gold'])
    for g in r['gold']:
        total += 1
        if not any(g in p for p in paras):
            bad += 1; print('MISSING followups', r['id'], g)
print('gold phrases checked:', total, 'missing:', bad)
