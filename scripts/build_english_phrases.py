"""Build index/language/data/en_phrases.tsv.gz from Debian's WordNet (wordnet-base).

    apt-get download wordnet-base
    python scripts/build_english_phrases.py wordnet-base_*.deb

FreeDict's table keeps single English words, so a two-word expression is read word by word:
"take part" as take (الوارد) and part (الجزء), "carry out" as carry (احمل). WordNet lists such
expressions as lemmas (take_part, carry_out, go_up, set_up) in synsets with single words
(participate; execute, implement; rise; establish). For every two-word lemma, the table lists
the single-word lemmas of its first senses (its first synsets, as WordNet orders them, in every
part of speech) that FreeDict glosses (data/en_ar.tsv.gz): `first second<TAB>word|word|…`,
sorted. WordNet 3.0 is © Princeton University under the WordNet licence (en_phrases.LICENSE
beside the table).
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "index" / "language" / "data" / "en_phrases.tsv.gz"
SENSES = 2  # an expression's most frequent senses whose words are kept
MAX_WORDS = 6
_PHRASE = re.compile(r"^[a-z]{2,}_[a-z]{2,}$")
_WORD = re.compile(r"^[a-z]{3,}$")


def _wordnet_reader():
    spec = importlib.util.spec_from_file_location("build_wordnet_synonyms", ROOT / "scripts" / "build_wordnet_synonyms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def phrases(indexes: list[dict[str, list[str]]], datas: list[dict[str, list[str]]], known: set[str]) -> dict[str, list[str]]:
    """"first second" → the known single words of its first senses, first sense first."""
    table: dict[str, list[str]] = {}
    for rank in range(SENSES):
        for senses, synsets in zip(indexes, datas):
            for lemma, offsets in senses.items():
                if not _PHRASE.match(lemma) or len(offsets) <= rank:
                    continue
                words = table.setdefault(lemma.replace("_", " "), [])
                for word in synsets.get(offsets[rank], []):
                    if _WORD.match(word) and word in known and word not in words:
                        words.append(word)
    return {p: w[:MAX_WORDS] for p, w in table.items() if w}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    wordnet = _wordnet_reader()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", argv[0], tmp], check=True)
        base = Path(tmp) / "usr" / "share" / "wordnet"
        indexes = [wordnet.read_index((base / f"index.{p}").read_text(encoding="latin-1")) for p in wordnet.POS]
        datas = [wordnet.read_data((base / f"data.{p}").read_text(encoding="latin-1")) for p in wordnet.POS]
    table = phrases(indexes, datas, wordnet.known_words())
    lines = [f"{p}\t{'|'.join(w)}" for p, w in sorted(table.items())]
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"{OUT}: {len(lines)} expressions, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
