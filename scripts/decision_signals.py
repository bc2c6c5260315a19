"""Signals the answer decision does not use yet, per development question, by outcome.

    python scripts/decision_signals.py OUT.jsonl DIR [DIR …]

For each article of each folder, answers every question as the console does and writes one
line per question that reaches the decision: its folder, id, outcome (A_OK answered right,
A_DECL answerable and declined with a gold sentence among the candidates, A_OTHER any other
answerable miss, U_OK declined right, U_QUOT an unanswerable question quoted), the verdict's
reason and a few signals of the best sentence the decision looked at. A development tool.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bot.core.answer import _judged, answer, load_story
from bot.core.verdict import (
    _floor, _rank, _term_weight, _unknown_to, _known, coverage, specific_terms,
)
from bot.core.question import focus_of
from index.reading import read


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def signals(story, result, verdict, gold=()) -> dict:
    terms = result.query.terms
    if not result.sentences:
        return {}
    index = story.library.index
    sure = result.query.sureness()
    covered = {id(h): coverage(story, terms, h, sure) for h in result.sentences}
    focus = focus_of(story, result.query.reading)
    ranked = _rank(story, result.query.reading, result, focus, covered)
    best = verdict.hits[0] if verdict.answered else ranked[0]
    second = next((h for h in ranked if h is not best), None)
    uniq = list(dict.fromkeys(terms))
    weights = {t: _term_weight(story, t) for t in uniq}
    total = sum(weights.values()) or 1.0
    absent = [t for t in uniq if not t.isascii() and _unknown_to(story, t)]
    latin_unknown = [t for t in uniq if t.isascii() and _known(story, t) is None]
    invocab = [t for t in uniq if t in index.vocabulary]
    rarest = max(invocab, key=index.idf) if invocab else None
    par_terms = index.paragraph_term_sets[index.passages.index(best.passage)]
    par_miss = [t for t in invocab if t not in par_terms]
    weak = [t for t in best.matched if sure.get(t, 1.0) < 1.0]
    spec = specific_terms(story, terms)
    gold_at = next((i for i, h in enumerate(ranked) if any(g in _squash(h.sentence.text) for g in gold)), None)
    gold_why = next((why for h, why in verdict.misfits if any(g in _squash(h.sentence.text) for g in gold)), None)
    focus_term = focus[1] if focus else None
    sent_terms = set(index.analyze(best.sentence.text))
    unmatched = [t for t in uniq if t not in best.matched]
    from index.language.lexicon import lexicon_of
    same = lexicon_of(index).same_root if index.params.language else (lambda t: [])
    by_root = [t for t in unmatched if set(same(t)) & sent_terms]
    grams = lambda w: {w[i:i + 3] for i in range(len(w) - 2)} if len(w) >= 3 else {w}
    by_gram = [t for t in unmatched if not t.isascii() and any(len(grams(t) & grams(u)) >= max(1, len(grams(t)) - 1) for u in sent_terms)]
    p_scores = [p.score for p in result.paragraphs]
    return {
        "ctx_cov": round(best.context_coverage, 3),
        "hit_cov": round(best.coverage, 3),
        "p_margin": round((p_scores[0] - p_scores[1]) / p_scores[0], 3) if len(p_scores) > 1 and p_scores[0] else None,
        "by_root": by_root,
        "by_root_w": round(sum(weights[t] for t in by_root) / total, 3),
        "by_gram": by_gram,
        "by_gram_w": round(sum(weights[t] for t in by_gram) / total, 3),
        "gold_at": gold_at,
        "gold_why": gold_why,
        "focus": focus_term,
        "focus_absent": bool(focus_term) and not focus_term.isascii() and _unknown_to(story, focus_term),
        "n_terms": len(uniq),
        "coverage": round(covered[id(best)], 3),
        "floor": _floor(story, terms, best),
        "absent": absent,
        "absent_n": len(absent),
        "absent_w": round(sum(weights[t] for t in absent) / total, 3),
        "latin_unknown": latin_unknown,
        "rarest": rarest,
        "rarest_in_sent": rarest in best.matched if rarest else None,
        "rarest_in_par": rarest in par_terms if rarest else None,
        "par_miss": par_miss,
        "par_miss_w": round(sum(weights[t] for t in par_miss) / total, 3),
        "weak": weak,
        "weak_w": round(sum(weights[t] * (1 - sure.get(t, 1.0)) for t in weak) / total, 3),
        "margin_score": round(best.score - second.score, 3) if second else None,
        "margin_cov": round(covered[id(best)] - covered[id(second)], 3) if second else None,
        "par_agree": bool(result.paragraphs) and best.passage == result.paragraphs[0].passage,
        "spec_n": len(spec),
        "spec_matched": len(spec & best.matched),
        "best": best.sentence.text[:80],
    }


def main(argv: list[str]) -> int:
    out = open(argv[0], "w", encoding="utf-8")
    from bot.core.followup import lean
    from bot.core.question import in_article_words as iaw, without_linking_verbs
    for folder in map(Path, argv[1:]):
        for path in sorted(folder.glob("*.jsonl")):
            if not path.with_suffix(".txt").exists():
                continue
            story = load_story([path.with_suffix(".txt")])
            index = story.library.index
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                row = json.loads(line)
                reply = answer(story, row["question"])
                if reply.kind.value not in ("answer", "not_found"):
                    continue
                reading = read(row["question"])
                searched = without_linking_verbs(story, iaw(story, lean(story, reading, None).without_place_words()))
                result = index.search(searched, k_paragraphs=5, k_sentences=8)
                result, verdict = _judged(story, searched, result, None)
                first = reply.quotes[0].text if reply.quotes else ""
                gold = row.get("gold") or []
                if row["answerable"]:
                    if first and any(g in _squash(first) for g in gold):
                        outcome = "A_OK"
                    elif not reply.quotes:
                        wide = index.search(searched, k_paragraphs=5, k_sentences=24, sentence_paragraphs=8)
                        got = any(any(g in _squash(h.sentence.text) for g in gold) for h in wide.sentences)
                        outcome = "A_DECL" if got else "A_OTHER"
                    else:
                        outcome = "A_OTHER"
                else:
                    outcome = "U_QUOT" if reply.quotes else "U_OK"
                record = {
                    "folder": folder.name, "id": row["id"], "q": row["question"], "kind": reading.kind,
                    "outcome": outcome, "reason": verdict.reason, "answered": bool(reply.quotes),
                }
                record.update(signals(story, result, verdict, gold))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
