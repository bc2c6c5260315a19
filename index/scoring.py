"""BM25 variants from rank-bm25, picked by name, with scores made comparable across queries."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

_VARIANTS = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}


def build_bm25(corpus: Sequence[Sequence[str]], variant: str = "plus", k1: float = 1.2, b: float = 0.75):
    """A rank-bm25 model over tokenised documents.

    BM25Okapi floors negative idf at epsilon * mean idf, so in a small article a word found in
    half the paragraphs scores (almost) nothing; BM25Plus keeps idf = log((N+1)/df) > 0.
    """
    try:
        cls = _VARIANTS[variant]
    except KeyError:
        raise ValueError(f"unknown BM25 variant {variant!r}; use one of {sorted(_VARIANTS)}") from None
    docs = [list(doc) or ["\0"] for doc in corpus]  # rank-bm25 divides by zero on empty corpora
    return cls(docs, k1=k1, b=b)


def _term_scores(model, term: str) -> np.ndarray:
    """One term's score in every document, as rank-bm25 computes it, with BM25Plus's and
    BM25L's per-term constant (equal for every document) removed, so that a document without
    the term scores 0. Memoised on the model: a term's scores never change, and questions
    about one story use the same few hundred terms again and again."""
    cache = model.__dict__.setdefault("_storybot_term_scores", {})
    scores = cache.get(term)
    if scores is None:
        scores = np.asarray(model.get_scores([term]), dtype=float)
        if isinstance(model, BM25Plus):
            scores = scores - model.idf[term] * model.delta
        elif isinstance(model, BM25L):
            scores = scores - model.idf[term] * (model.k1 + 1) * model.delta / (model.k1 + model.delta)
        scores = np.maximum(scores, 0.0)
        scores.setflags(write=False)
        cache[term] = scores
    return scores


def bm25_scores(model, query: Sequence[str], doc_ids: Sequence[int] | None = None) -> np.ndarray:
    """BM25 scores of the query (a sum over its terms, repeats counted) for every document,
    or for doc_ids; terms the corpus does not hold add nothing."""
    total = np.zeros(model.corpus_size)
    for term in query:
        if term in model.idf:
            total += _term_scores(model, term)
    return total if doc_ids is None else total[list(doc_ids)]


def weighted_bm25_scores(
    model, query: Sequence[tuple[str, float]], doc_ids: Sequence[int] | None = None
) -> np.ndarray:
    """bm25_scores with a weight per query term (a term and its stand-ins share one weight)."""
    total = np.zeros(model.corpus_size)
    for term, weight in query:
        if term in model.idf:
            total += weight * _term_scores(model, term)
    return total if doc_ids is None else total[list(doc_ids)]


def locally_weighted_bm25_scores(
    model, query: Sequence[tuple[str, float]], doc_ids: Sequence[int], power: float
) -> np.ndarray:
    """weighted_bm25_scores over doc_ids, each term's score scaled by its idf among them,
    log((m + 1) / df) / log(m + 1) to the given power (m documents, df of them holding the
    term): a word most of the candidates hold (the topic of the paragraphs found) singles
    none of them out, and the question's words rare among them weigh more."""
    ids = list(doc_ids)
    m = len(ids)
    total = np.zeros(m)
    if m < 2:
        return weighted_bm25_scores(model, query, ids)
    norm = np.log(m + 1)
    for term, weight in query:
        if term not in model.idf:
            continue
        scores = _term_scores(model, term)[ids]
        df = int(np.count_nonzero(scores))
        if df:
            total += weight * (np.log((m + 1) / df) / norm) ** power * scores
    return total
