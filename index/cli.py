"""`python -m index`: search the story (or given articles) and evaluate on a SQuAD-format file.

    python -m index search "سؤال" [--article FILE ...] [--json]
    python -m index eval FILE.json [--json]

Exit status: 0 on success, 2 for a usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from index.analysis import Analyzer
from index.article import Article, ArticleError, load_article, load_embedded_story
from index.evaluate import evaluate, load_squad
from index.search import Params, SearchResult, StoryIndex, passages_of

EXIT_OK = 0
EXIT_USAGE = 2
METRIC_KEYS = (
    "questions", "paragraph_recall@1", "paragraph_recall@5", "mrr@10", "sentence_hit@1", "p50_ms", "p99_ms",
)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m index", description="The story engine's retrieval tools.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = sub.add_parser("search", help="ranked paragraphs and sentences for a question")
    search.add_argument("question", nargs="+", help="the question")
    search.add_argument(
        "--article", action="append", default=[], metavar="FILE",
        help="search this UTF-8 article file instead of the embedded story (repeatable)",
    )
    search.add_argument("-k", type=int, default=5, help="how many paragraphs and sentences to show")
    search.add_argument("--json", action="store_true", help="print one JSON object")
    ev = sub.add_parser("eval", help="retrieval metrics on a SQuAD-format JSON file")
    ev.add_argument("file", help="SQuAD v1.1-format JSON (data[].paragraphs[].context/qas)")
    ev.add_argument("--json", action="store_true", help="print exactly one JSON object")
    return parser


# --- building an index ------------------------------------------------------------------
def story_index(paths: Sequence[str], params: Params = Params()) -> StoryIndex:
    """The index the product uses: the lead's library (alias tables, synonym groups) when
    present, else a plain Analyzer over the articles. Raises ArticleError."""
    try:
        from index import library
    except ImportError:
        library = None  # type: ignore[assignment]
    if library is not None and hasattr(library, "load_library"):
        return library.load_library(list(paths), params).index
    articles: list[Article] = [load_article(p) for p in paths] or [load_embedded_story()]
    analyzer = library.build_analyzer(articles) if library is not None else Analyzer()
    passages = [p for article in articles for p in passages_of(article)]
    return StoryIndex(passages, analyzer, params)


# --- search -----------------------------------------------------------------------------
def _result_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query.text,
        "terms": list(result.query.terms),
        "type": result.query.qtype.kind,
        "paragraphs": [
            {
                "article": h.passage.article, "paragraph": h.passage.number, "heading": h.passage.heading,
                "score": round(h.score, 4), "text": h.passage.text,
            }
            for h in result.paragraphs
        ],
        "sentences": [
            {
                "article": h.passage.article, "paragraph": h.passage.number,
                "start": h.sentence.start, "end": h.sentence.end, "score": round(h.score, 4),
                "coverage": round(h.coverage, 3), "context_coverage": round(h.context_coverage, 3),
                "typed": h.typed, "matched": sorted(h.matched), "text": h.sentence.text,
            }
            for h in result.sentences
        ],
    }


def _print_result(result: SearchResult) -> None:
    query = result.query
    print(f"question: {query.text}")
    print(f"terms: {' '.join(query.terms) or '(none)'}   type: {query.qtype.kind}")
    if not result.paragraphs:
        print("no paragraph matches")
        return
    print("\nparagraphs:")
    for rank, hit in enumerate(result.paragraphs, 1):
        heading = f" [{hit.passage.heading}]" if hit.passage.heading else ""
        print(f"{rank:2}. {hit.score:.3f}  {hit.passage.article} ¶{hit.passage.number}{heading}  {_clip(hit.passage.text)}")
    print("\nsentences:")
    for rank, hit in enumerate(result.sentences, 1):
        flags = f"cov {hit.coverage:.2f} ctx {hit.context_coverage:.2f}{' typed' if hit.typed else ''}"
        print(f"{rank:2}. {hit.score:.3f}  {hit.passage.article} ¶{hit.passage.number} ({flags})  {hit.sentence.text}")


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_search(args: argparse.Namespace) -> int:
    try:
        index = story_index(args.article)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = index.search(" ".join(args.question), k_paragraphs=args.k, k_sentences=args.k)
    if args.json:
        print(json.dumps(_result_json(result), ensure_ascii=False))
    else:
        _print_result(result)
    return EXIT_OK


# --- eval -------------------------------------------------------------------------------
def run_eval(args: argparse.Namespace) -> int:
    try:
        evalset = load_squad(args.file)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    metrics = evaluate(evalset, index=StoryIndex(evalset.passages, Analyzer(), Params()))
    metrics = {key: metrics[key] for key in METRIC_KEYS}
    if args.json:
        print(json.dumps(metrics))
    else:
        print(f"{Path(args.file).name}: {len(evalset.passages)} paragraphs")
        for key in METRIC_KEYS:
            print(f"  {key:20} {metrics[key]}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "search":
        return run_search(args)
    if args.command == "eval":
        return run_eval(args)
    parser.print_help(sys.stderr)
    return EXIT_USAGE
