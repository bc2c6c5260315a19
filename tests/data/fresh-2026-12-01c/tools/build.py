"""Build kN.jsonl from tools/*.spec and verify every gold phrase.

Spec line: kind | question | gold1 ;; gold2 | note      (no gold => answerable false)
Gold phrases must be exact substrings of the article's paragraph text (header lines excluded,
except for meta questions, which may quote the title/disclaimer lines as they stand).
"""
import json, sys, pathlib, re
HERE = pathlib.Path(__file__).resolve().parent.parent

def paragraphs(txt_path):
    lines = pathlib.Path(txt_path).read_text(encoding='utf-8').split('\n')
    if lines[0].startswith('title:'):
        i = lines.index('')
        header = lines[:i]
        body = [l for l in lines[i+1:] if l.strip()]
    else:
        header, body = [], [l for l in lines if l.strip()]
    return header, body

def ctx(para, g):
    i = para.index(g)
    a, b = max(0, i - 30), min(len(para), i + len(g) + 30)
    return ('…' if a else '') + para[a:b] + ('…' if b < len(para) else '')

def build(name, txt, out_prefix, label='para '):
    header, body = paragraphs(txt)
    spec = (HERE / 'tools' / f'{name}.spec').read_text(encoding='utf-8')
    rows, n = [], 0
    for line in spec.split('\n'):
        if not line.strip() or line.startswith('#'):
            continue
        parts = [p.strip() for p in line.split(' | ')]
        assert len(parts) == 4, line
        kind, q, golds, note = parts
        gold = [g.strip() for g in golds.split(';;') if g.strip()]
        locs = []
        for g in gold:
            hits = [k for k, p in enumerate(body, 1) if g in p]
            if not hits and kind == 'meta':
                hits = [f'header:{h.split(":")[0]}' for h in header if g in h]
            if not hits:
                sys.exit(f'GOLD NOT FOUND in {name}: {g!r}')
            k = hits[0]
            if isinstance(k, int):
                locs.append(f'{label}{k}: «{ctx(body[k-1], g)}»')
            else:
                locs.append(f'{k}: «{g}»')
        n += 1
        full_note = note
        if gold:
            full_note = (note + ' ' if note else '') + ' | '.join(locs)
        rows.append({'id': f'{out_prefix}-{n:02d}', 'question': q, 'kind': kind,
                     'answerable': bool(gold), 'gold': gold, 'note': full_note})
    return rows

if __name__ == '__main__':
    for name in sys.argv[1:]:
        if name == 'story15':
            rows = build(name, '../../../../shared/story/article.txt', 's15', label='L')
        else:
            rows = build(name, HERE / f'{name}.txt', name)
        with open(HERE / f'{name}.jsonl', 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
        from collections import Counter
        c = Counter(r['kind'] for r in rows)
        print(name, len(rows), 'answerable', sum(r['answerable'] for r in rows), dict(c))
