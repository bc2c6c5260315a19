"""Independent checks of the set: jsonl parses, ids unique, kinds/counts exact, dialect tags,
every gold phrase inside ONE sentence of one body paragraph, follow-up counts."""
import collections, json, pathlib, re, sys
D = pathlib.Path(__file__).resolve().parent.parent
STORY = pathlib.Path('/work/shared/story/article.txt')
ART = {'msa': 4, 'dialect': 5, 'english': 3, 'arabizi': 2, 'typo': 2, 'paraphrase': 3, 'numeric': 1, 'out_of_scope': 8, 'chitchat': 2}
STO = {'msa': 5, 'dialect': 7, 'english': 4, 'arabizi': 3, 'typo': 2, 'paraphrase': 3, 'numeric': 2, 'multi': 2, 'meta': 2, 'out_of_scope': 6, 'chitchat': 2, 'adversarial': 2}
def body(path):
    lines = path.read_text(encoding='utf-8').split('\n')
    if lines[0].startswith('title:'):
        lines = lines[lines.index('') + 1:]
    return [l.strip() for l in lines if l.strip()]
def sentences(paras):
    return [s for p in paras for s in re.split(r'(?<=[.؟!?])\s+', p) if s]
bad = 0; ids = set(); total = 0
for name in [f'n{i}' for i in range(1, 9)] + ['story21']:
    rows = [json.loads(l) for l in open(D / f'{name}.jsonl', encoding='utf-8')]
    sents = sentences(body(STORY if name.startswith('story') else D / f'{name}.txt'))
    kinds = collections.Counter(r['kind'] for r in rows)
    want = STO if name.startswith('story') else ART
    if dict(kinds) != want: print('COUNTS', name, dict(kinds)); bad += 1
    dia = collections.Counter(re.search(r'\[(\w+)\]', r['note']).group(1) for r in rows if r['kind'] == 'dialect')
    wd = {'Gulf': 2, 'Egyptian': 1, 'Levantine': 2, 'Maghrebi': 1, 'Iraqi': 1} if name.startswith('story') else dict.fromkeys(['Gulf', 'Egyptian', 'Levantine', 'Maghrebi', 'Iraqi'], 1)
    if dict(dia) != wd: print('DIALECTS', name, dict(dia)); bad += 1
    for r in rows:
        if r['id'] in ids: print('DUP', r['id']); bad += 1
        ids.add(r['id'])
        if r['answerable'] != bool(r['gold']) or r['answerable'] != (r['kind'] not in ('out_of_scope', 'chitchat', 'adversarial')):
            print('ANSWERABLE?', r['id']); bad += 1
        for g in r['gold']:
            total += 1
            if not any(g in s for s in sents): print('NOT IN ONE SENTENCE', r['id'], g); bad += 1
            if '\u00a0' in g: print('NBSP in gold', r['id'])
    print(name, len(rows), 'answerable', sum(r['answerable'] for r in rows), 'ok')
fu = [json.loads(l) for l in open(D / 'followups.jsonl', encoding='utf-8')]
for r in fu:
    if r['id'] in ids: print('DUP', r['id']); bad += 1
    ids.add(r['id'])
    assert len(r['turns']) == 2
    sents = sentences(body(STORY if r['article'] == 'story' else D / f"{r['article']}.txt"))
    for g in r['gold']:
        total += 1
        if not any(g in s for s in sents): print('NOT IN ONE SENTENCE', r['id'], g); bad += 1
print('followups', len(fu), 'answerable', sum(r['answerable'] for r in fu), collections.Counter(r['article'] for r in fu))
print('gold phrases', total, 'problems', bad)
sys.exit(1 if bad else 0)
