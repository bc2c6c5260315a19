"""Signals the answer decision does not use yet, per development question, by outcome.

    python scripts/decision_signals.py OUT.jsonl DIR [DIR …]

For each article of each folder, answers every question as the console does and writes one
line per question that reaches the decision: its folder, id, outcome (A_OK answered right,
A_DECL answerable and declined with a gold sentence among the candidates, A_OTHER any other
answerable miss, U_OK declined right, U_QUOT an unanswerable question quoted), the verdict's
reason and a few signals of the best sentence the decision looked at. A development tool.

Measured 2026-12-02 (branch h32 from 1a4bcad) on the 38 development articles (dev d1-d6,
fresh-01, -01b, -01c, -02), per folder in that order. Groups: DECL = answerable, declined, the
gold sentence ranked first (3 15 19 12 20); U_OK = declined right (39 56 43 45 40); A_OK =
answered right (84 116 91 91 91); U_QUOT = unanswerable, quoted (9 13 21 25 25). Share of
each group showing the signal:

  signal                DECL                 U_OK                  A_OK                  U_QUOT
  absent word           3/3 12/15 12/19 9/12 11/20   16/39 39/56 26/43 28/43 22/39   17/84 57/116 37/91 39/91 20/91   2/9 9/13 13/21 16/25 13/25
  focus word absent     0/3 6/15 4/19 4/12 6/20      7/39 26/56 19/43 18/43 16/39    6/84 26/116 12/91 11/91 7/91     1/9 4/13 9/21 11/25 4/25
  rarest word unmatched 2/3 4/15 7/19 2/12 2/20      12/39 5/56 8/43 4/43 7/39       10/84 6/116 8/91 13/91 5/91      1/9 2/13 1/21 4/25 6/25
  score margin < 0.1    0/3 1/15 3/19 1/12 4/20      7/39 6/56 11/43 4/43 8/39       10/84 8/116 7/91 8/91 4/91       1/9 5/13 1/21 2/25 6/25
  score margin >= 0.3   2/3 9/15 14/19 8/12 13/20    19/39 39/56 21/43 22/43 21/39   61/84 98/116 79/91 74/91 78/91   4/9 6/13 18/21 17/25 12/25
  root-only match       2/3 7/15 8/19 5/12 6/20      7/39 13/56 9/43 5/43 10/39      15/84 22/116 18/91 17/91 19/91   1/9 1/13 5/21 2/25 6/25
  paragraphs disagree   0/3 1/15 2/19 1/12 2/20      2/39 3/56 5/43 1/43 3/39        7/84 5/116 7/91 7/91 2/91        2/9 1/13 0/21 2/25 1/25
  specific unmatched    1/3 6/15 7/19 3/12 3/20      18/39 7/56 11/43 6/43 9/39      15/84 18/116 14/91 17/91 13/91   2/9 3/13 3/21 6/25 7/25

Only two separate their pair on every folder, as rates: a root-only match (a question word
the sentence holds only in another word of its root) is commoner among DECL than U_OK, an
absent word commoner among U_QUOT than A_OK. Neither makes a decision that helps every folder,
because the groups are unequal in size (run, answerable +/- and unanswerable +/- per folder):
  root-only word credited at half weight in the floor test: +1-0/+0-1, +1-0/+0-1, +3-0/+0-1,
    +1-0/+0-2, +1-0/+0-1 (at full weight: +2/-1, +4/-2, +5/-3, +2/-4, +2/-1);
  an absent word weighing 0.75 instead of 0.5: answerable -1 -3 -1 -1 -1, unanswerable
    +0 +0 +0 +1 +1-1; 1.0: -2 -7 -2 -3 -2, +0 +1 +2 +1 +1-1; 0.25: +1-1/-1, +3/-3, +4/-2,
    +2/-4, +6/-0.
Relaxing other_paragraph (a value in another paragraph that passes every other test): 5
answerable gold sentences against 17 unanswerable questions that would be quoted. A general
word's frequency (wordfreq, Zipf >= 5) of the absent word: A_OK 38 / U_QUOT 17. No value the
decision declined was in the next sentence of the same paragraph failing only value_weak:
type_missing's gold sentences failed other_paragraph 21, no_value 11, about_other 8,
no_name 6, no_asked_word 4, value_far 4.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.core.answer import _judged
from miss_causes import answered_rows
from gold_text import holds_gold
from bot.core.verdict import (
    _floor, _rank, _term_weight, _unknown_to, _known, coverage, specific_terms,
)
from bot.core.question import focus_of
from index.reading import read


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
    gold_at = next((i for i, h in enumerate(ranked) if holds_gold(h.sentence.text, gold)), None)
    gold_why = next((why for h, why in verdict.misfits if holds_gold(h.sentence.text, gold)), None)
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
        for story, row, reply in answered_rows(folder):
                index = story.library.index
                if reply.kind.value not in ("answer", "not_found"):
                    continue
                reading = read(row["question"])
                searched = without_linking_verbs(story, iaw(story, lean(story, reading, None).without_place_words()))
                result = index.search(searched, k_paragraphs=5, k_sentences=8)
                result, verdict = _judged(story, searched, result, None)
                first = reply.quotes[0].text if reply.quotes else ""
                gold = row.get("gold") or []
                if row["answerable"]:
                    if first and holds_gold(first, gold):
                        outcome = "A_OK"
                    elif not reply.quotes:
                        wide = index.search(searched, k_paragraphs=5, k_sentences=24, sentence_paragraphs=8)
                        got = any(holds_gold(h.sentence.text, gold) for h in wide.sentences)
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
