"""Retrieval evaluation on a SQuAD-format file: every context is a paragraph, every question
is asked, and the paragraph and first sentence returned are checked against the answer."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Callable, Sequence

from index.analysis import normalize
from index.article import Sentence
from index.search import Passage, SearchResult, StoryIndex
from index.sentences import split_sentences


@dataclass(frozen=True)
class QA:
    question: str
    answers: tuple[str, ...]
    passage: int  # index of the passage that holds the answer


@dataclass(frozen=True)
class EvalSet:
    passages: tuple[Passage, ...]
    questions: tuple[QA, ...]


def load_squad(path: str | Path) -> EvalSet:
    """Read a SQuAD v1.1-format JSON file (data[].paragraphs[].context/qas).

    Raises ValueError with a message naming the file for anything that is not that shape.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return _parse_squad(data, str(path))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, ValueError) and str(exc).startswith(f"{path}:"):
            raise
        raise ValueError(f"{path}: not a readable SQuAD-format JSON file ({exc})") from None


def _parse_squad(data: object, name: str) -> EvalSet:
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise ValueError(f"{name}: not a SQuAD-format JSON file (no top-level \"data\" list)")
    passages: list[Passage] = []
    questions: list[QA] = []
    for a_i, article in enumerate(data["data"]):
        title = str(article.get("title") or f"article-{a_i + 1}")
        for paragraph in article.get("paragraphs", []):
            number = len(passages) + 1
            passages.append(_passage(title, number, str(paragraph["context"])))
            for qa in paragraph.get("qas", []):
                answers = tuple(a["text"] for a in qa.get("answers", []) if a.get("text"))
                if answers:
                    questions.append(QA(str(qa["question"]), answers, number - 1))
    if not passages:
        raise ValueError(f"{name}: no paragraphs found (SQuAD-format data[].paragraphs[].context)")
    return EvalSet(tuple(passages), tuple(questions))


def _passage(title: str, number: int, context: str) -> Passage:
    spans = split_sentences(context)
    sentences = tuple(Sentence(context[s:e], s, e, number, i) for i, (s, e) in enumerate(spans))
    return Passage(title, number, None, context, 0, sentences)


def _contains_answer(sentence: str, answers: Sequence[str]) -> bool:
    text = " ".join(normalize(sentence).split())
    return any(" ".join(normalize(a).split()) in text for a in answers)


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def evaluate(
    evalset: EvalSet, search: Callable[[str], SearchResult] | None = None, index: StoryIndex | None = None
) -> dict[str, float]:
    """The metrics of issue 2: recall@1/@5 of the paragraph, MRR@10, sentence hit@1, latency."""
    if search is None:
        if index is None:
            raise ValueError("evaluate needs a search function or an index")
        search = lambda q: index.search(q, k_paragraphs=10, k_sentences=1)  # noqa: E731
    r1 = r5 = hit = 0
    rr = 0.0
    latencies = []
    for qa in evalset.questions:
        started = time.perf_counter()
        result = search(qa.question)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = [h.position for h in result.paragraphs]
        if ranked[:1] == [qa.passage]:
            r1 += 1
        if qa.passage in ranked[:5]:
            r5 += 1
        if qa.passage in ranked[:10]:
            rr += 1 / (ranked.index(qa.passage) + 1)
        if result.sentences and _contains_answer(result.sentences[0].sentence.text, qa.answers):
            hit += 1
    n = len(evalset.questions) or 1
    return {
        "questions": len(evalset.questions),
        "paragraph_recall@1": round(r1 / n, 4),
        "paragraph_recall@5": round(r5 / n, 4),
        "mrr@10": round(rr / n, 4),
        "sentence_hit@1": round(hit / n, 4),
        "p50_ms": round(median(latencies), 3) if latencies else 0.0,
        "p99_ms": round(_percentile(latencies, 0.99), 3),
    }
