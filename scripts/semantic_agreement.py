"""Experiment: can the sentence encoder (index.language.semantic) earn a place through signals
other than its cosine fused into every sentence score?

    python scripts/semantic_agreement.py [--rebuild]

Every question of the development folders (the six articles of shared/eval, fresh-01, -01b,
-01c, -02, -02b) is answered once as the console does (default engine: encoder off), and once
each with the encoder fused into sentence ranking at weights 0.5, 1 and 2 (STORYBOT_SEMANTIC's
path, Params.semantic_weight). For the default run the script keeps, per question: the reply,
why the rules declined (the verdict's reason), the engine's own ranking of its candidates
(bot.core.verdict._rank: what the decision looks at first) and the encoder's cosine to every
sentence of the article. Everything is cached in /tmp; the variants are then evaluated from it:

  agree     a question the rules decline for weak coverage (reason low_coverage; or for any
            reason after the search) is answered with the engine's best candidate when that one
            is also the encoder's nearest sentence of the article (rank 0), and the encoder's
            top-1 / top-2 margin is at least m
  agree-k   the same with the candidate within the encoder's first k sentences
  veto      the rules' answer is withdrawn when its quoted sentence stands at rank >= r of the
            encoder's order of the article's sentences (and its cosine is below the top's by >= g)
  language  the encoder fused at weight w only into questions of one language, read from the
            message (Latin letters: English, or Arabizi by index.arabizi.looks_arabizi; else Arabic)

Held out: every threshold is chosen on one half of the folders (A: d1-d6, fresh-01, fresh-01c;
B: fresh-01b, fresh-02, fresh-02b) by the most right replies (answerable right + declined right),
ties to the fewer changed replies, and reported on the other half; and the other way round.
  floor     a weak-coverage decline re-judged with the coverage floor scaled by 0, 0.5 or 0.75
            (every other test of the decision as before), answered only where the encoder agrees
            (its quote within the encoder's first k sentences, margin >= m), or alone

Measured 2026-12-02 (branch h56 from main 8539ba7; 1380 questions, 920 answerable / 460 not;
the rules 610 / 361; half A 302/440 180/220, half B 308/480 181/240). Figures: answerable right,
declined right, (+replies won −lost).

- The two rankers agree often, but as often on what the article does not say: of the rules' 75
  answerable weak-coverage declines the engine's best holds the gold 33 times, and the encoder
  agrees (nearest sentence) on 12 of them; of the 45 unanswerable ones it agrees on 12. On the
  kind tests' declines (type_missing) it agrees on 84 of 174 unanswerable questions.
- agree, low_coverage, k=1: m=0 620/920 349/460 (+12 −12); m=0.05 614 / 360 (+4 −1);
  k=2 m=0 630 / 345 (+20 −16). Held out: chosen on A (k=2 m=0.05), on B 309/480 180/240 (+1 −1);
  chosen on B (k=1, m=0, coverage >= 0.2), on A 305/440 178/220 (+3 −2). Any decline reason:
  at best 618 / 334 (+8 −27); held out it chooses "none" both ways.
- The encoder's nearest sentence answered where the engine ranks it first (k=1) is the same
  variant; within its first 2-3: 624-625 / 337-341 (+14-15 −20-24).
- floor lowered where the rankers agree: x0.75 k<=3 m>=0.05 612 / 361 (+2 −0, both in half A),
  x0 k=2 m=0 628 / 352 (+18 −9); the floor lowered without the encoder x0.75 622 / 355 (+12 −6),
  x0 639 / 329 (+29 −32): the encoder's agreement mostly removes answers, right and wrong ones.
  Held out: chosen on A (x0, k=2, m=0.05), on B 309/480 180/240 (+1 −1); chosen on B (x0.75 alone),
  on A 305/440 174/220 (+3 −6).
- veto (the quote at rank >= r of the encoder's order): the rules' right answers sit far down
  too (rank 0: 335 right, 42 wrong, 47 unanswerable quoted; rank 5-9: 49 right / 26 / 6;
  rank >= 10: 6 / 6 / 3); r=12 606 / 364 (+3 −4), r=5 555 / 370. Held out: "none" chosen on A;
  chosen on B (r>=12), on A 298/440 182/220 (+2 −4).
- by language (the encoder fused at weight w into one language's questions only): Arabic (1091
  questions) w=0.5/1/2 +2−5, +4−8, +4−12; English (208) +0−0, +2−2, +2−2; Arabizi (81) −1 at every
  weight. Held out: English chosen on B (w=1), on A 301/440 (+0 −1); Arabic, Arabizi, English +
  Arabizi: none or a loss. (XQuAD en-ar with the encoder on: p@1 0.6941 → 0.694, s@1 0.5403 →
  0.573; XQuAD-ar 0.9168 / 0.7403 → 0.917 / 0.749: sentence ranking gains there, but the
  development folders' replies do not.)

Outcome: no variant gains held out on both answerable and declined, nor a clear net gain; the
product is unchanged. Cost, had one been kept: the encoder loads only with STORYBOT_SEMANTIC=1;
`storybot ask` measured 0.31 s / 41-44 MB without it against 1.35-1.84 s / 166-170 MB with it
(`python -c "import numpy"` 0.08-0.13 s): within 200 MB, but far past 4x, so only a long-running
console or Telegram bot could carry it (the load paid once at start-up, each question then
~10-30 ms of encoding).
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.core.answer as answer_module  # noqa: E402
import bot.core.verdict as verdict_module  # noqa: E402
from bot.core.answer import answer, load_story  # noqa: E402
from bot.core.answer_types import Kind  # noqa: E402
from bot.core.question import focus_of  # noqa: E402
from bot.core.verdict import _rank, coverage  # noqa: E402
from index.arabizi import looks_arabizi  # noqa: E402
from index.language import semantic  # noqa: E402
from gold_text import squash  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
CACHE = Path("/tmp/h56_semantic_agreement.pkl")
WEIGHTS = (0.5, 1.0, 2.0)
FLOOR_SCALES = (0.0, 0.5, 0.75)
HALF_A = ("d1", "d2", "d3", "d4", "d5", "d6", "fresh-01", "fresh-01c")
HALF_B = ("fresh-01b", "fresh-02", "fresh-02b")
FOLDERS = HALF_A + HALF_B


def language_of(text: str) -> str:
    """english / arabizi / arabic, from the letters of the message."""
    latin = sum(c.isascii() and c.isalpha() for c in text)
    arabic = sum("\u0600" <= c <= "\u06ff" for c in text)
    if latin <= arabic:
        return "arabic"
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9']+", text)]
    return "arabizi" if looks_arabizi(words) else "english"


@dataclass
class Row:
    folder: str
    article: str
    qid: str
    kind: str  # the set's own label (msa, english, paraphrase …), to read the figures
    lang: str  # read from the message
    answerable: bool
    right: dict[float, bool]  # by encoder weight (0.0 the product)
    changed: dict[float, bool] = field(default_factory=dict)  # first quote differs from weight 0
    reply: str = ""  # the default reply's kind
    reason: str = ""  # the verdict's reason of a decline after the search, "" otherwise
    quoted: int = -1  # the default answer's first sentence (article sentence id), -1 none
    ranked: tuple[int, ...] = ()  # the engine's candidates as the decision ranks them
    coverages: tuple[float, ...] = ()  # their coverage
    gold: frozenset[int] = frozenset()  # sentences holding a gold phrase
    cos: np.ndarray = field(default_factory=lambda: np.zeros(0))  # encoder cosine, every sentence
    # A weak-coverage decline re-answered with the coverage floor scaled (bot.core.verdict._floor
    # times the key), every other test of the decision as before: (answered, sentence id, right).
    relaxed: dict[float, tuple[bool, int, bool]] = field(default_factory=dict)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles():
    for art in sorted((SHARED / "articles").glob("d*.txt")):
        yield art.stem, art
    for name in FOLDERS[6:]:
        folder = ROOT / "tests" / "data" / name.replace("fresh-", "fresh-2026-12-")
        for art in sorted(folder.glob("*.txt")):
            if art.with_suffix(".jsonl").is_file():
                yield name, art


def _rows_of(folder: str, art: Path) -> list[Row]:
    story = load_story([art])
    index = story.library.index
    sentences = [s for p in index.passages for s in p.sentences]
    sid = {id(s): i for i, s in enumerate(sentences)}
    texts = [squash(s.text) for s in sentences]
    base_params = index.params
    questions = [q for q in _jsonl(art.with_suffix(".jsonl")) if "question" in q]
    rows: list[Row] = []
    captured: list = []
    original = answer_module._judged

    def judged(story_, searched, result, quoted):
        out = original(story_, searched, result, quoted)
        captured.append((searched, out[0], out[1]))
        return out

    answer_module._judged = judged
    try:
        for q in questions:
            captured.clear()
            reply = answer(story, q["question"])
            gold = [squash(g) for g in q.get("gold", [])]
            first = squash(reply.quotes[0].text) if reply.quotes else ""
            right = any(g in first for g in gold) if q["answerable"] else not reply.quotes
            row = Row(folder, art.stem, q.get("id", ""), q.get("kind", ""), language_of(q["question"]),
                      q["answerable"], {0.0: right}, {0.0: False}, reply.kind.value)
            row.gold = frozenset(i for i, t in enumerate(texts) if any(g in t for g in gold))
            if reply.kind is Kind.ANSWER and reply.quotes:
                row.quoted = next((i for i, t in enumerate(texts) if t == first), -1)
            if captured:
                searched, result, verdict = captured[0]
                if reply.kind is Kind.NOT_FOUND and not verdict.answered:
                    row.reason = verdict.reason
                if result.sentences:
                    reading = result.query.reading
                    terms = result.query.terms
                    sure = result.query.sureness()
                    covered = {id(h): coverage(story, terms, h, sure) for h in result.sentences}
                    ranked = _rank(story, reading, result, focus_of(story, reading), covered)
                    row.ranked = tuple(sid[id(h.sentence)] for h in ranked)
                    row.coverages = tuple(covered[id(h)] for h in ranked)
                row.cos = semantic.similarities(index, result.query.text, list(range(len(sentences))))
            rows.append((row, first))
    finally:
        answer_module._judged = original
    for weight in WEIGHTS:
        index.params = replace(base_params, semantic_weight=weight)
        story._recent.clear()
        for q, (row, first0) in zip(questions, rows):
            reply = answer(story, q["question"])
            gold = [squash(g) for g in q.get("gold", [])]
            first = squash(reply.quotes[0].text) if reply.quotes else ""
            row.right[weight] = any(g in first for g in gold) if q["answerable"] else not reply.quotes
            row.changed[weight] = first != first0
    index.params = base_params
    story._recent.clear()
    original_floor = verdict_module._floor
    for scale in FLOOR_SCALES:
        verdict_module._floor = lambda st, terms, best, scale=scale: scale * original_floor(st, terms, best)
        story._recent.clear()
        try:
            for q, (row, _) in zip(questions, rows):
                if row.reason != "low_coverage":
                    continue
                reply = answer(story, q["question"])
                gold = [squash(g) for g in q.get("gold", [])]
                first = squash(reply.quotes[0].text) if reply.quotes and reply.kind is Kind.ANSWER else ""
                right = any(g in first for g in gold) if q["answerable"] else not first
                at = next((i for i, t in enumerate(texts) if t == first), -1) if first else -1
                row.relaxed[scale] = (bool(first), at, right)
        finally:
            verdict_module._floor = original_floor
    story._recent.clear()
    return [row for row, _ in rows]


def build() -> list[Row]:
    rows: list[Row] = []
    for folder, art in _articles():
        rows += _rows_of(folder, art)
        print(f"  {folder}/{art.stem}: {len(rows)} questions", file=sys.stderr, flush=True)
    return rows


# ---------------------------------------------------------------- variants
# A variant maps a row to (answers, sentence id) or None for "as the rules did".


def _order(row: Row) -> np.ndarray:
    return np.argsort(-row.cos, kind="stable")


def _enc_rank(row: Row, sentence: int) -> int:
    order = _order(row)
    return int(np.nonzero(order == sentence)[0][0]) if sentence >= 0 and len(order) else 10**6


def _margin(row: Row) -> float:
    if len(row.cos) < 2:
        return 0.0
    top = np.sort(row.cos)[::-1]
    return float(top[0] - top[1])


def outcome(row: Row, decision) -> tuple[bool, bool]:
    """(right, changed) of a row under a decision: None (the rules), ("answer", sid), ("decline",)."""
    if decision is None:
        return row.right[0.0], False
    if decision[0] == "decline":
        return (not row.answerable), True
    sid = decision[1]
    return (row.answerable and sid in row.gold), True


def agree(reasons: frozenset[str] | None, k: int, m: float, min_cov: float = 0.0):
    """Answer a decline (of the given reasons; None: any reason after the search) with the
    engine's best candidate when it stands within the encoder's first k sentences and the
    encoder's top-1 / top-2 margin is >= m."""

    def decide(row: Row):
        if row.reply != Kind.NOT_FOUND.value or not row.reason or not row.ranked:
            return None
        if reasons is not None and row.reason not in reasons:
            return None
        best = row.ranked[0]
        if row.coverages[0] < min_cov:
            return None
        if _enc_rank(row, best) < k and _margin(row) >= m:
            return ("answer", best)
        return None

    return decide


def agree_enc_top(reasons: frozenset[str] | None, k: int, m: float):
    """Answer a decline with the encoder's nearest sentence when the engine ranks it within its
    first k candidates and the encoder's margin is >= m."""

    def decide(row: Row):
        if row.reply != Kind.NOT_FOUND.value or not row.reason or not row.ranked:
            return None
        if reasons is not None and row.reason not in reasons:
            return None
        top = int(_order(row)[0])
        if top in row.ranked[:k] and _margin(row) >= m:
            return ("answer", top)
        return None

    return decide


def relaxed(scale: float, k: int | None, m: float):
    """A weak-coverage decline re-judged with the coverage floor times scale (every other test
    as before) is answered when its quote stands within the encoder's first k sentences and the
    encoder's margin is >= m; k None: without the encoder (the floor alone)."""

    def decide(row: Row):
        if row.reason != "low_coverage" or scale not in row.relaxed:
            return None
        answered, sid, _ = row.relaxed[scale]
        if not answered:
            return None
        if k is not None and not (_enc_rank(row, sid) < k and _margin(row) >= m):
            return None
        return ("answer", sid)

    return decide


def veto(r: int, g: float):
    """Withdraw the rules' answer when its quote stands at rank >= r of the encoder's order and
    its cosine is >= g below the encoder's top."""

    def decide(row: Row):
        if row.reply != Kind.ANSWER.value or row.quoted < 0 or not len(row.cos):
            return None
        if _enc_rank(row, row.quoted) >= r and float(row.cos.max() - row.cos[row.quoted]) >= g:
            return ("decline",)
        return None

    return decide


def language_weight(lang: str, weight: float):
    def decide(row: Row):
        if row.lang != lang:
            return None
        right = row.right[weight]
        return ("fixed", right, row.changed[weight])

    return decide


def evaluate(rows: list[Row], decide) -> dict[str, int]:
    stats = {"a": 0, "a_n": 0, "d": 0, "d_n": 0, "changed": 0, "gain": 0, "loss": 0}
    for row in rows:
        d = decide(row)
        if d is not None and d[0] == "fixed":
            right, changed = d[1], d[2]
        else:
            right, changed = outcome(row, d)
        before = row.right[0.0]
        key = "a" if row.answerable else "d"
        stats[key + "_n"] += 1
        stats[key] += right
        stats["changed"] += changed and right != before or False
        stats["gain"] += right and not before
        stats["loss"] += before and not right
    return stats


def fmt(s: dict[str, int]) -> str:
    return f"{s['a']}/{s['a_n']} {s['d']}/{s['d_n']} (+{s['gain']} -{s['loss']})"


def _choose(rows: list[Row], grid: dict[str, object]) -> str:
    def key(name):
        s = evaluate(rows, grid[name])
        return (s["a"] + s["d"], -(s["gain"] + s["loss"]))

    return max(grid, key=key)


def held_out(rows: list[Row], family: str, grid: dict[str, object]) -> None:
    a = [r for r in rows if r.folder in HALF_A]
    b = [r for r in rows if r.folder in HALF_B]
    rules_a, rules_b = evaluate(a, lambda r: None), evaluate(b, lambda r: None)
    pick_a, pick_b = _choose(a, grid), _choose(b, grid)
    print(f"{family}:")
    print(f"  chosen on A: {pick_a:38s} on B {fmt(evaluate(b, grid[pick_a]))}   rules on B {fmt(rules_b)}")
    print(f"  chosen on B: {pick_b:38s} on A {fmt(evaluate(a, grid[pick_b]))}   rules on A {fmt(rules_a)}")


def table(rows: list[Row], grid: dict[str, object], title: str) -> None:
    a = [r for r in rows if r.folder in HALF_A]
    b = [r for r in rows if r.folder in HALF_B]
    print(f"\n{title}  (half A | half B | all; answerable right, declined right, +won -lost)")
    for name, decide in grid.items():
        print(f"  {name:38s} {fmt(evaluate(a, decide)):28s} {fmt(evaluate(b, decide)):28s} {fmt(evaluate(rows, decide))}")


def describe(rows: list[Row]) -> None:
    """How the two rankers agree, by outcome, on the questions the rules decline."""
    print("\nDeclines after the search, by reason: answerable (gold = engine's best) / unanswerable")
    reasons: dict[str, list[int]] = {}
    for row in rows:
        if row.reply == Kind.NOT_FOUND.value and row.reason and row.ranked:
            c = reasons.setdefault(row.reason, [0, 0, 0, 0, 0, 0])
            agree1 = _enc_rank(row, row.ranked[0]) == 0
            if row.answerable:
                c[0] += 1
                c[1] += row.ranked[0] in row.gold
                c[2] += agree1 and row.ranked[0] in row.gold
            else:
                c[3] += 1
                c[4] += agree1
            c[5] += agree1
    print("  reason            answerable  best-is-gold  agree&gold | unanswerable  agree")
    for reason, c in sorted(reasons.items(), key=lambda kv: -kv[1][0] - kv[1][3]):
        print(f"  {reason:16s}  {c[0]:10d}  {c[1]:12d}  {c[2]:10d} | {c[3]:12d}  {c[4]:5d}")
    print("\nAnswers of the rules: encoder rank of the quoted sentence, right / wrong answers")
    buckets = [(0, 1), (1, 2), (2, 3), (3, 5), (5, 10), (10, 10**6)]
    for lo, hi in buckets:
        right = wrong_a = wrong_u = 0
        for row in rows:
            if row.reply == Kind.ANSWER.value and row.quoted >= 0:
                rank = _enc_rank(row, row.quoted)
                if lo <= rank < hi:
                    if row.right[0.0]:
                        right += 1
                    elif row.answerable:
                        wrong_a += 1
                    else:
                        wrong_u += 1
        print(f"  rank {lo}-{hi - 1 if hi < 10**6 else '…'}: right {right}, wrong (answerable) {wrong_a}, quoted unanswerable {wrong_u}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if CACHE.exists() and not args.rebuild:
        rows = pickle.loads(CACHE.read_bytes())
    else:
        rows = build()
        CACHE.write_bytes(pickle.dumps(rows))
    print(f"{len(rows)} questions; rules: {fmt(evaluate(rows, lambda r: None))}")
    for folder in FOLDERS:
        part = [r for r in rows if r.folder == folder]
        print(f"  {folder:10s} rules {fmt(evaluate(part, lambda r: None))}  "
              + "  ".join(f"w={w} {fmt(evaluate(part, lambda r, w=w: ('fixed', r.right[w], r.changed[w])))}" for w in WEIGHTS))
    describe(rows)

    low = frozenset({"low_coverage"})
    grids = {}
    for label, reasons in (("low_coverage", low), ("any reason", None)):
        grid = {}
        for k in (1, 2, 3):
            for m in (0.0, 0.02, 0.05, 0.08, 0.12):
                grid[f"agree {label} k={k} m={m}"] = agree(reasons, k, m)
        for m in (0.0, 0.05, 0.1):
            for cov in (0.1, 0.2):
                grid[f"agree {label} k=1 m={m} cov>={cov}"] = agree(reasons, 1, m, cov)
        grid[f"none ({label})"] = lambda r: None
        grids[f"agree ({label})"] = grid
        grid2 = {f"enc-top {label} in engine k={k} m={m}": agree_enc_top(reasons, k, m)
                 for k in (1, 2, 3) for m in (0.0, 0.05, 0.1)}
        grid2[f"none ({label})"] = lambda r: None
        grids[f"encoder's top among the engine's candidates ({label})"] = grid2
    rgrid = {}
    for scale in FLOOR_SCALES:
        rgrid[f"floor x{scale} alone"] = relaxed(scale, None, 0.0)
        for k in (1, 2, 3):
            for m in (0.0, 0.03, 0.05, 0.08):
                rgrid[f"floor x{scale} agree k={k} m={m}"] = relaxed(scale, k, m)
    rgrid["none"] = lambda r: None
    grids["floor lowered where the rankers agree (low_coverage)"] = rgrid
    vgrid = {f"veto r>={r} gap>={g}": veto(r, g) for r in (2, 3, 5, 8, 12, 20) for g in (0.0, 0.05, 0.1, 0.15)}
    vgrid["none"] = lambda r: None
    grids["veto"] = vgrid
    for lang in ("english", "arabizi", "arabic"):
        lgrid = {f"{lang} w={w}": language_weight(lang, w) for w in WEIGHTS}
        lgrid["none"] = lambda r: None
        grids[f"language {lang}"] = lgrid
    both = {}
    for we in (0.0,) + WEIGHTS:
        for wz in (0.0,) + WEIGHTS:
            def decide(row, we=we, wz=wz):
                w = we if row.lang == "english" else wz if row.lang == "arabizi" else 0.0
                return None if w == 0.0 else ("fixed", row.right[w], row.changed[w])
            both[f"english w={we} arabizi w={wz}"] = decide
    grids["language english + arabizi"] = both

    for title, grid in grids.items():
        table(rows, grid, title)
    print("\nHeld out (threshold chosen on one half, reported on the other):")
    for title, grid in grids.items():
        held_out(rows, title, grid)
    print("\nBy language (rows, and the rules / each weight):")
    for lang in ("arabic", "english", "arabizi"):
        part = [r for r in rows if r.lang == lang]
        print(f"  {lang:8s} n={len(part):4d} rules {fmt(evaluate(part, lambda r: None))}  "
              + "  ".join(f"w={w} {fmt(evaluate(part, lambda r, w=w: ('fixed', r.right[w], r.changed[w])))}" for w in WEIGHTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
