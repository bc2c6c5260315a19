"""XQuAD figures and per-question latency of the story engine beside a naive rank-bm25
baseline, run in the same process, and an ablation (no stemming / no n-grams / full).

    python benchmarks/bench_index.py [FILE.json]

Figures only; nothing here asserts. The naive baseline is BM25Okapi on whitespace tokens of
each context; its first sentence is the best BM25Okapi sentence (whitespace tokens) of its
top paragraph.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

import numpy as np
from rank_bm25 import BM25Okapi

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.analysis import Analyzer  # noqa: E402
from index.article import Sentence  # noqa: E402
from index.evaluate import EvalSet, evaluate, load_squad  # noqa: E402
from index.search import ParagraphHit, Params, Query, SearchResult, SentenceHit, StoryIndex  # noqa: E402
from index.questions import classify  # noqa: E402

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "xquad.ar.json"


def naive_search(evalset: EvalSet) -> Callable[[str], SearchResult]:
    """BM25Okapi over whitespace tokens: paragraphs, then sentences of the top paragraph."""
    passages = evalset.passages
    paragraphs = BM25Okapi([p.text.split() or ["\0"] for p in passages])
    sentences: list[Sentence] = [s for p in passages for s in p.sentences]
    owner = [i for i, p in enumerate(passages) for _ in p.sentences]
    first = np.cumsum([0] + [len(p.sentences) for p in passages])
    sentence_model = BM25Okapi([s.text.split() or ["\0"] for s in sentences])

    def search(text: str) -> SearchResult:
        tokens = text.split()
        scores = paragraphs.get_scores(tokens)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:10]]
        hits = tuple(ParagraphHit(passages[i], i, float(scores[i])) for i in order)
        ids = list(range(first[order[0]], first[order[0] + 1]))
        s_scores = sentence_model.get_batch_scores(tokens, ids)
        best = ids[int(np.argmax(s_scores))]
        top = SentenceHit(passages[owner[best]], sentences[best], float(max(s_scores)), frozenset(), 0.0, 0.0, False)
        return SearchResult(Query(text, tuple(tokens), (), classify(text)), hits, (top,))

    return search


def _row(name: str, metrics: dict[str, float], build_s: float) -> str:
    return (
        f"{name:28} {metrics['paragraph_recall@1']:>6.3f} {metrics['paragraph_recall@5']:>6.3f} "
        f"{metrics['mrr@10']:>6.3f} {metrics['sentence_hit@1']:>7.3f} "
        f"{metrics['p50_ms']:>7.2f} {metrics['p99_ms']:>7.2f} {build_s:>8.2f}"
    )


def main(path: Path = DEFAULT_FILE) -> None:
    evalset = load_squad(path)
    print(f"{path.name}: {len(evalset.passages)} paragraphs, {len(evalset.questions)} questions")
    print(f"{'engine':28} {'p@1':>6} {'p@5':>6} {'mrr10':>6} {'sent@1':>7} {'p50ms':>7} {'p99ms':>7} {'build_s':>8}")
    started = time.perf_counter()
    naive = naive_search(evalset)
    built = time.perf_counter() - started
    print(_row("naive rank-bm25 (Okapi, ws)", evaluate(evalset, search=naive), built))
    variants = {
        "no stemming": (Analyzer(stem=False), Params()),
        "no char n-grams": (Analyzer(), Params(ngram_weight=0.0, sentence_ngram_weight=0.0)),
        "no question types": (Analyzer(), Params(type_bonus=0.0)),
        "no clitic folding": (Analyzer(), Params(fold_clitics=False)),
        "full engine": (Analyzer(), Params()),
    }
    for name, (analyzer, params) in variants.items():
        started = time.perf_counter()
        index = StoryIndex(evalset.passages, analyzer, params)
        built = time.perf_counter() - started
        print(_row(name, evaluate(evalset, index=index), built))
    print("\nrobustness: the full engine on each half of the articles (alternate titles)")
    for half, subset in enumerate(halves(evalset)):
        started = time.perf_counter()
        index = StoryIndex(subset.passages, Analyzer(), Params())
        built = time.perf_counter() - started
        print(_row(f"half {half} ({len(subset.questions)} q)", evaluate(subset, index=index), built))


def halves(evalset: EvalSet) -> list[EvalSet]:
    """The set split by article (alternate titles), each half indexed on its own."""
    titles = list(dict.fromkeys(p.article for p in evalset.passages))
    out = []
    for half in (0, 1):
        keep = [i for i, p in enumerate(evalset.passages) if titles.index(p.article) % 2 == half]
        new_pos = {old: new for new, old in enumerate(keep)}
        passages = tuple(evalset.passages[i] for i in keep)
        questions = tuple(replace(q, passage=new_pos[q.passage]) for q in evalset.questions if q.passage in new_pos)
        out.append(EvalSet(passages, questions))
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE, help="a SQuAD-format JSON file (default: XQuAD-ar)")
    try:
        main(parser.parse_args().file)
    except ValueError as exc:  # a missing or unreadable file: say which, no traceback
        sys.exit(f"bench_index: {exc}")
