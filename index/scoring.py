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


def bm25_scores(model, query: Sequence[str], doc_ids: Sequence[int] | None = None) -> np.ndarray:
    """Scores with BM25Plus's per-term constant (delta * idf, equal for every doc) removed,
    so that a document that matches nothing scores 0 whatever the variant."""
    query = [q for q in query if q in model.idf]
    if doc_ids is None:
        scores = model.get_scores(query) if query else np.zeros(model.corpus_size)
    else:
        scores = np.asarray(model.get_batch_scores(query, list(doc_ids)) if query else np.zeros(len(doc_ids)))
    if isinstance(model, BM25Plus) and query:
        scores = scores - sum(model.idf[q] * model.delta for q in query)
    elif isinstance(model, BM25L) and query:
        floor = (model.k1 + 1) * model.delta / (model.k1 + model.delta)
        scores = scores - sum(model.idf[q] * floor for q in query)
    return np.maximum(scores, 0.0)
