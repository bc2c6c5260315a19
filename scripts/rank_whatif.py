"""Why a wrong sentence was quoted, and what a change of the ranking would do, in seconds.

    python scripts/rank_whatif.py [DIR …] [--dump OUT.jsonl]

For each article of each folder (default: ../shared/eval/articles and every tests/data/fresh-*/),
answers every answerable question as the console does and keeps the candidates the decision
ranked (bot.core.verdict.judge: the narrow search, or the wide one when the quote came from it),
each with the parts of its rank key (verdict._rank: retrieval score less its paragraph's part,
the paragraph's part, coverage, root share, the kind row's lift, the place asked), its misfit
and whether it holds a gold phrase. It prints:

1. the WRONG_SENT misses (a quote, not the gold one) sorted by what would have picked the gold
   sentence: not among the ranked candidates (retrieval), covering less of the question than
   the quote (a paraphrase: no ranking of the question's words picks it), covering as much or
   more (the ranking's order chose; by kind, and which part of the key made the quote win);
2. the replay: the decision's choice taken again from the candidates (the first whose misfit
   does not depend on which sentence is best), which agrees with the engine on nearly every
   question, so that a reweighting of the key's parts or a new lift can be screened here before
   it is written into the engine;
3. leave-one-folder-out: each part's weight searched (x0.6 … x1.6) on the other folders and
   scored on the one left out;
4. the lifts of FEATURES (answer-type traits of a sentence), each at a few weights.

A development tool: it states figures, holds no bar; the engine's own runs
(scripts/compare_replies.py, score_articles.py) decide.

Measured 2026-12-03 (branch hA from e8c429b), six dev articles + five fresh folders, 920
answerable questions, 769 answered with a quote, the replay agreeing with the engine on 764:
- Quoted wrong 149, of which 18 with the gold sentence not even among the wide search's 24
  (miss_causes' RETRIEVAL) and WRONG_SENT 131: gold in the wide search only, not ranked 45 (its
  paragraph most often 4th or 5th by paragraph score, the gold sentence itself sharing almost
  none of the question's words); gold covering less than the quote 50 (paraphrases: صحيحا /
  سليما، فقد حياته / انتقلت إلى رحمة الله، حبات ثلج / زخات من البرد); gold covering as much or
  more 36 (other 11, number 7, person 6, yes/no 4, place 4, reason 2, price 1, manner 1), lost
  on the retrieval score and the paragraph's part in 30, on the root share in 6 (a question
  word held only through another word of its root: الوالد for ولد).
- Leave-one-folder-out, every folder: no reweighting of the key's parts gains on the folders
  it was searched on (the weights are a strict local optimum; the engine's own sweeps agree:
  paragraph_weight 0.3/0.45/0.8, RERANK_COVERAGE 0.25/0.75/1.0, proximity_bonus 0/0.2/0.4,
  RERANK_ROOT 0.3–1.0, sentence_k1, sentence_b, the n-gram weights, local_idf_power and
  top_paragraphs 2/4/5 all lose or tie on the 2511 development replies).
- Lifts (replay gains / losses of 619 right): a denial for yes/no (لم، لا، نفى، رفض) +2 −0 at
  0.3 (engine: +1, g6-18); a number beside a question word +1 −0 at 0.1 (engine: +1, another
  question), +2 −3 at 0.5; a cause connector for why +1 −0 (engine: story sets −3); the first
  sentence of its paragraph, the sentence's length, a number anywhere, quotation marks, the
  focus word or a specific word held, the rarest word held: each loses as much as it gains or
  more; for "who" in an article without name tables, a nationality's nisba before a new word
  (الإسباني رافائيل نادال) +1 −0 at 0.1, +1 −2 at 0.3. In the engine, also measured and not
  kept: a place named with ب on it (بمستشفى، ببحيرة) as the place row's lift (0 changed) or
  test (−1); a question word's ending variants (وحد / وحدا، توف / توفت) as root-share forms (−1).
  None moves more than two questions: the misses are paraphrases, not misorderings.

Measured 2026-12-03 (branch hK from a6a804c), the same 920 questions, 155 quoted wrong:
- Gold covering as much as the quote (42): the quote's paragraph scores higher in 32 (the
  largest gap: paragraph score 12, char n-grams 9, word BM25 8, root share 8, kind lift 2,
  proximity 2); the quote repeats a question word more often than the gold sentence in 18
  (d3-09, h2-15, k1-06, n5-10 …). Yet binary term frequency loses: sentence word BM25 on each
  term once 2032 -> 2022 of 2511 replies, n-grams once -> 2028, both -> 2016.
- Gold covering less (48), not ranked (47), not retrieved (18): the gold sentence shares no
  question word in 18 / 25 / 16 (paraphrase), meets one only by root in 15 / 16 / 1 (many
  spurious: طيار / طاير، مملكة / ملك), leaves an English word untranslated in 8 / 8 / 2.
  English questions are right least often: 83 of 139, Arabic 487 of 695, Arabizi 62 of 86.
- In the engine, not kept (replies net, all 2511): sentences of the other paragraphs that the
  sentence BM25 ranks best added to the candidates (1, 2, 4 of them: 0 / 0 / -2); a paragraph's
  score blended with its best sentence's (-2 … +1); the sentence and its two neighbours as the
  context unit instead of the paragraph (0.15: +2, 0.2: -1, 0.25: +2, 0.5: +1: noise; p50
  latency x4); adjacent question-word pairs as a phrase bonus (0); a light, speech or "do" verb
  (يقوم) down-weighted in BM25 (+1 at best); another inflection of a held word (same _core:
  فضل / فضلوا) at 0.5 in paragraph and sentence BM25 (+2 -0, XQuAD-ar p@1 0.918 -> 0.917, below
  its floor; in sentences only: 0 changed); Arramooz's one-word synonyms for Arabic question
  words (0 / -1); per-kind weights of the key's parts, leave-one-folder-out (631 -> 630);
  sentence_k1 0.4 / 1.2, sentence_b 0.3 / 0.75, b 0.5 / 0.9, k1 0.8 (all lose or tie).

Measured 2026-12-04 (branch hU from 57979d1, replies against main's 2604 of 3351; developed on
the six dev articles and fresh-03/-04, 485 right, the rest 2119 the check). The WRONG_SENT
misses with the gold sentence among the candidates (55 on the development folders, 101 on the
others) lose mostly on the sentence's own retrieval score (mean gap 0.34 / 0.37 of the key)
and its paragraph's part (0.12 / 0.17); the gold stands in another paragraph than the quote in
46 of 55 and 93 of 101. Neither the lead sentence (development folders: quoted in 46 answers, 9 wrong: no more often
wrong than others) nor length (all folders: quote 44 words, gold 43) tells them apart. In the engine, not kept:
- a question word found in more than half the paragraphs (the protagonists among them) counting less towards
  coverage, x0.5: dev 485 -> 484, check 2119 -> 2110; x0: 482 / 2107 (they already weigh little
  by idf; o4-14 loses because رفسنجاني weighs too little, not too much);
- a question naming a protagonist answered only by a sentence naming it (filter: -196; held
  first: -169, +0 each): most answers name a protagonist only by pronoun or title, it seems;
- the paragraph a value must stand in taken from the best sentence holding a value of the kind
  when the best holds none (verdict.judge's other_paragraph): -1 (+3 -4); with that sentence
  covering 0.7 or 0.9 of the best: dev -2, check +2 (g2-01, m2-10), total unchanged;
- ب + a dialect "how much" (بشحال، بقديش، بقداش، بشكد) read as a price, as بكم and بكام are:
  d3-09 moves to another price sentence (a forecast), 0 right changed.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from bot.core import verdict
from bot.core.answer import answer, load_story
from bot.core.question import in_article_words, without_linking_verbs
from index.analysis import normalize
from index.kinds import holds_cause
from index.reading import read
from gold_text import holds_gold

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "eval" / "articles", *sorted((ROOT / "tests" / "data").glob("fresh-*"))]
PARTS = ("base", "para", "cov", "root", "lift", "place")
# The weights verdict._rank gives each part (verdict.RANK_WEIGHTS; its retrieval score is
# split here into the paragraph's part and the rest, both at its weight).
WEIGHTS = {"base": verdict.RANK_WEIGHTS["score"], "para": verdict.RANK_WEIGHTS["score"],
           **{p: verdict.RANK_WEIGHTS[p] for p in PARTS[2:]}}
# Misfits that only say the sentence stands away from the best one: in a replay with another
# best they may not hold, so the replay lets such a sentence be chosen.
RELATIVE = frozenset({"", None, "other_paragraph", "person_elsewhere", "name_elsewhere", "cause_elsewhere", "value_weak"})


def candidates(folders: Iterable[Path]) -> Iterable[dict]:
    """One record per answerable question: the engine's outcome and the ranked candidates."""
    for folder in folders:
        for path in sorted(Path(folder).glob("*.jsonl")):
            if not path.with_suffix(".txt").exists():
                continue
            story = load_story([path.with_suffix(".txt")])
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line) if line.strip() else None
                if row and row["answerable"]:
                    yield _record(story, row)


def _record(story, row: dict) -> dict:
    index = story.library.index
    reply = answer(story, row["question"])
    first = reply.quotes[0].text if reply.quotes else ""
    reading = in_article_words(story, without_linking_verbs(story, read(row["question"]).without_place_words()))
    wide = index.search(reading, k_paragraphs=5, k_sentences=24, sentence_paragraphs=8)  # the answer's wider search
    result = index.search(reading, k_paragraphs=5, k_sentences=8)
    if first and not any(h.sentence.text == first for h in result.sentences):
        result = wide
    terms = result.query.terms
    misfits = {id(h): why for h, why in verdict.judge(story, result).misfits}
    focus = verdict.focus_of(story, reading)
    sure = result.query.sureness()
    covered = verdict._coverages(story, terms, result.sentences, sure)  # as judge reads it
    rank_parts = verdict.rank_parts(story, reading, result, focus, covered)  # the engine's own parts
    scores = index.paragraph_scores(result.query)
    top = float(scores.max()) or 1.0
    ranked = []
    for hit in result.sentences:
        para = index.params.paragraph_weight * float(scores[index.passages.index(hit.passage)]) / top
        engine = dict(zip(verdict.RANK_PARTS, rank_parts(hit)))
        parts = {"base": engine["score"] - para, "para": para, **{p: engine[p] for p in PARTS[2:]}}
        ranked.append({
            "text": hit.sentence.text, "paragraph": hit.passage.number, "index": hit.sentence.index, "parts": parts,
            "matched": sorted(hit.matched), "misfit": misfits.get(id(hit)), "gold": holds_gold(hit.sentence.text, row["gold"]),
            "quoted": hit.sentence.text == first,
        })
    return {
        "gold_searched": any(holds_gold(h.sentence.text, row["gold"]) for h in wide.sentences),
        "id": row["id"], "question": row["question"], "kind": reading.kind, "terms": list(terms),
        "focus": focus[1] if focus else None, "specific": sorted(verdict.specific_terms(story, terms)),
        "answered": bool(first), "right": bool(first) and holds_gold(first, row["gold"]), "candidates": ranked,
    }


# --- the replay -----------------------------------------------------------------------------
Feature = Callable[[dict, dict], float]


def key(candidate: dict, weights: dict[str, float], feature: Feature | None = None, lift: float = 0.0, q: dict | None = None) -> float:
    value = sum(weights[p] * candidate["parts"][p] for p in PARTS)
    return value + (lift * feature(q, candidate) if feature is not None else 0.0)


def replay(q: dict, weights: dict[str, float] = WEIGHTS, feature: Feature | None = None, lift: float = 0.0) -> dict | None:
    """The decision's choice under these weights: the first candidate in the new order whose
    misfit does not depend on the best sentence (None when every one fails its own test)."""
    order = sorted(q["candidates"], key=lambda c: -key(c, weights, feature, lift, q))
    return next((c for c in order if c["misfit"] in RELATIVE), None)


def right(questions: list[dict], weights: dict[str, float] = WEIGHTS, feature: Feature | None = None, lift: float = 0.0) -> set[str]:
    chosen = ((q["id"], replay(q, weights, feature, lift)) for q in questions if q["answered"] and q["candidates"])
    return {qid for qid, c in chosen if c is not None and c["gold"]}


def search_weights(questions: list[dict]) -> dict[str, float]:
    """Coordinate search: each part's weight times 0.6 … 1.6 while the replay gains."""
    weights, best = dict(WEIGHTS), len(right(questions))
    for _ in range(3):
        for part in ("para", "cov", "root", "lift", "place"):
            for factor in (0.6, 0.8, 1.25, 1.6):
                trial = {**weights, part: weights[part] * factor}
                score = len(right(questions, trial))
                if score > best:
                    weights, best = trial, score
    return weights


# --- answer-type traits a lift may reward (each of a question record and a candidate) ------
_DENIAL = re.compile(r"(?:^| )[وف]?(?:لا|لم|لن|ليس|ليست|غير|عدم|دون|بدون|نفي|نفت|ينفي|تنفي|رفض|رفضت|يرفض|ترفض)(?= |$)")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:1[3-9]|20)\d\d\D?$")


def _denial(q: dict, c: dict) -> float:
    return float(q["kind"] == "yesno" and bool(_DENIAL.search(normalize(c["text"]))))


def _number_beside(q: dict, c: dict) -> float:
    """A number right beside a word holding a matched term (a prefix test: no analyser here)."""
    if q["kind"] not in ("number", "price"):
        return 0.0
    words = [normalize(w).strip(".,،؛:()«»\"") for w in c["text"].split()]
    numbers = [i for i, w in enumerate(words) if _DIGIT.search(w) and not _YEAR.match(w)]
    asked = [i for i, w in enumerate(words) if any(t in w for t in c["matched"])]
    return float(any(0 < abs(i - j) <= 1 for i in numbers for j in asked))


def _cause(q: dict, c: dict) -> float:
    return float(q["kind"] == "reason" and holds_cause(normalize(c["text"])))


FEATURES: dict[str, Feature] = {
    "denial (yes/no)": _denial,
    "number beside a question word": _number_beside,
    "cause connector (why)": _cause,
    "first sentence of its paragraph": lambda q, c: float(c["index"] == 0),
    "length (words / 60)": lambda q, c: min(len(c["text"].split()), 60) / 60,
    "focus word held": lambda q, c: float(bool(q["focus"]) and q["focus"] in c["matched"]),
    "specific word held": lambda q, c: float(bool(set(q["specific"]) & set(c["matched"]))),
}


# --- the report -------------------------------------------------------------------------------
def wrong_sentences(questions: list[dict]) -> None:
    groups: Counter = Counter()
    kinds: Counter = Counter()
    lost_on: Counter = Counter()
    for q in questions:
        if not q["answered"] or q["right"]:
            continue
        gold = next((c for c in q["candidates"] if c["gold"]), None)
        quoted = next((c for c in q["candidates"] if c["quoted"]), None)
        if not q["gold_searched"]:
            groups["gold not among the wide search's 24 (miss_causes' RETRIEVAL)"] += 1
        elif gold is None or quoted is None:
            groups["gold only in the wide search, not ranked"] += 1
        elif gold["parts"]["cov"] < quoted["parts"]["cov"] - 1e-9:
            groups["gold covers less than the quote"] += 1
        else:
            groups["gold covers as much or more"] += 1
            kinds[q["kind"]] += 1
            gaps = {p: WEIGHTS[p] * (quoted["parts"][p] - gold["parts"][p]) for p in PARTS}
            lost_on["root share" if gaps["root"] > 0 and gaps["root"] == max(gaps.values()) else "retrieval score and paragraph"] += 1
    print(f"quoted, not the gold sentence: {sum(groups.values())}: " + ", ".join(f"{g} {n}" for g, n in groups.most_common()))
    print("  covering as much or more, by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("  ... lost on: " + ", ".join(f"{k} {n}" for k, n in lost_on.most_common()))


def main(argv: list[str]) -> int:
    dump = Path(argv[argv.index("--dump") + 1]) if "--dump" in argv else None
    folders = [Path(a) for a in argv if not a.startswith("--") and (dump is None or Path(a) != dump)] or FOLDERS
    questions = list(candidates(folders))
    if dump is not None:
        dump.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    answered = [q for q in questions if q["answered"]]
    agree = sum(1 for q in answered if (replay(q) or {}).get("quoted"))
    base = right(questions)
    print(f"{len(questions)} answerable questions, {len(answered)} quoted, {sum(q['right'] for q in questions)} right; "
          f"the replay agrees with the engine on {agree} and has {len(base)} right")
    wrong_sentences(questions)
    print("leave one folder out (the id's letter names the folder): right on the folder left out, before -> after")
    for letter in sorted({q["id"][0] for q in questions}):
        held = [q for q in questions if q["id"][0] == letter]
        weights = search_weights([q for q in questions if q["id"][0] != letter])
        changed = {p: round(w, 2) for p, w in weights.items() if abs(w - WEIGHTS[p]) > 1e-9}
        print(f"  {letter}: {len(right(held))} -> {len(right(held, weights))}  {changed or 'no reweighting gains'}")
    print("lifts: right before -> after (+ won, - lost)")
    for name, feature in FEATURES.items():
        for lift in (0.1, 0.3, 0.5):
            after = right(questions, WEIGHTS, feature, lift)
            print(f"  {name:32} {lift:.1f}: {len(base)} -> {len(after)} (+{len(after - base)} -{len(base - after)}) "
                  + " ".join(sorted(after - base)[:4]) + (" | " + " ".join(sorted(base - after)[:4]) if base - after else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
