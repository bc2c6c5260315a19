"""Build index/language/data/en_synonyms.tsv.gz from Debian's WordNet (wordnet-base).

    apt-get download wordnet-base
    python scripts/build_wordnet_synonyms.py wordnet-base_*.deb

FreeDict glosses an English word with one sense (mix → المزيج, eyeing → المراقبة) while an
article may use the Arabic of another word of the same meaning (mixture → الخليط). For every
single-word English lemma of WordNet, the table lists the other single-word lemmas of its most
frequent senses (its first synsets, as WordNet orders them) in its most used part of speech
(cntlist.rev's counts), keeping only those FreeDict glosses
(data/en_ar.tsv.gz), so that each synonym brings Arabic words: `word<TAB>syn|syn|…`, sorted.
It writes en_derivations.tsv.gz too: for every lemma, the words WordNet's derivational pointers
("+") join to it in its first senses (grow → growth, wide → width, execution → execute), which
FreeDict glosses, for an English word none of whose glosses, nor its synonyms', an article holds.
WordNet 3.0 is © Princeton University under the WordNet licence (en_synonyms.LICENSE beside
the table).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.gzip_tables import write_gzip_lines  # noqa: E402

OUT = ROOT / "index" / "language" / "data" / "en_synonyms.tsv.gz"
DERIVATIONS = ROOT / "index" / "language" / "data" / "en_derivations.tsv.gz"
GLOSSES = ROOT / "index" / "language" / "data" / "en_ar.tsv.gz"
POS = ("noun", "verb", "adj", "adv")
SENSES = 2  # a word's most frequent senses whose synonyms are kept
MAX_SYNONYMS = 12
_WORD = re.compile(r"^[a-z]{3,}$")


def read_index(text: str) -> dict[str, list[str]]:
    """lemma → its synset offsets, most frequent sense first (WordNet's index.POS)."""
    senses: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header lines start with two spaces
        fields = line.split()
        lemma, p_cnt = fields[0], int(fields[3])
        rest = fields[4 + p_cnt :]
        synset_cnt = int(rest[0])
        senses[lemma] = rest[2 : 2 + synset_cnt]
    return senses


def read_data(text: str) -> dict[str, list[str]]:
    """synset offset → its lemmas (WordNet's data.POS; the word count is hexadecimal)."""
    synsets: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        synsets[fields[0]] = [re.sub(r"\(.*\)$", "", w) for w in words]
    return synsets


def read_heads(text: str) -> dict[str, str]:
    """adjective satellite synset offset → its head synset's (WordNet's data.adj: the satellite's
    "&" pointer; last(a) "immediately past" is similar to past)."""
    heads: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        if fields[2] != "s":
            continue
        count = int(fields[3], 16)
        rest = fields[4 + 2 * count :]
        for i in range(int(rest[0])):
            symbol, offset, pos = rest[1 + 4 * i : 4 + 4 * i]
            if symbol == "&" and pos == "a":
                heads[fields[0]] = offset
                break
    return heads


def read_derivations(text: str, pos: str) -> dict[tuple[str, str], list[tuple[str, str, int]]]:
    """(synset offset, lemma) → the words derivationally related to that lemma of that synset
    (WordNet's "+" pointers, lexical: source and target word numbers) as (offset, pos, word
    number), pos one of n, v, a, r."""
    found: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i].lower()) for i in range(count)]
        rest = fields[4 + 2 * count :]
        for i in range(int(rest[0])):
            symbol, offset, target_pos, numbers = rest[1 + 4 * i : 5 + 4 * i]
            source, target = int(numbers[:2], 16), int(numbers[2:], 16)
            if symbol == "+" and source:
                found[(fields[0], words[source - 1])].append((offset, "a" if target_pos == "s" else target_pos, target))
    return found


def derivations(
    indexes: list[dict[str, list[str]]], datas: list[dict[str, list[str]]],
    related: list[dict[tuple[str, str], list[tuple[str, str, int]]]], known: set[str],
) -> dict[str, list[str]]:
    """The words derivationally related to each lemma in its first senses of every part of
    speech (grow → growth, wide → width, execution → execute), which FreeDict glosses."""
    by_pos = dict(zip("nvar", datas))
    table: dict[str, list[str]] = defaultdict(list)
    for rank in range(SENSES):
        for senses, links in zip(indexes, related):
            for lemma, offsets in senses.items():
                if not _WORD.match(lemma) or len(offsets) <= rank:
                    continue
                for offset, pos, number in links.get((offsets[rank], lemma), []):
                    words = by_pos[pos].get(offset, [])
                    word = words[number - 1] if 0 < number <= len(words) else ""
                    if word != lemma and _WORD.match(word) and word in known and word not in table[lemma]:
                        table[lemma].append(word)
    return {w: s[:MAX_SYNONYMS] for w, s in table.items() if s}


def read_counts(text: str) -> dict[str, list[int]]:
    """lemma → how often its senses of each part of speech (noun, verb, adj, adv) were tagged in
    WordNet's semantic concordance (cntlist.rev: sense key, sense number, count)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for line in text.splitlines():
        fields = line.split()
        if len(fields) != 3 or "%" not in fields[0]:
            continue
        lemma, key = fields[0].split("%", 1)
        pos = {"1": 0, "2": 1, "3": 2, "5": 2, "4": 3}.get(key[:1])
        if pos is not None:
            counts[lemma][pos] += int(fields[2])
    return counts


def synonyms(
    indexes: list[dict[str, list[str]]], datas: list[dict[str, list[str]]], known: set[str],
    counts: dict[str, list[int]] | None = None, heads: dict[str, str] | None = None,
) -> dict[str, list[str]]:
    """The synonyms of each lemma's first senses, in its most used part of speech (make is a
    verb before it is a brand; a lemma never tagged keeps every part of speech); an adjective
    satellite's sense also brings its head's lemmas (last "immediately past" → past)."""
    counts = counts or {}
    heads = heads or {}
    table: dict[str, list[str]] = defaultdict(list)
    for rank in range(SENSES):
        for pos, (senses, synsets) in enumerate(zip(indexes, datas)):
            for lemma, offsets in senses.items():
                if not _WORD.match(lemma) or len(offsets) <= rank:
                    continue
                used = counts.get(lemma)
                if used and max(used) > 0 and used[pos] < max(used):
                    continue
                offset = offsets[rank]
                words = synsets.get(offset, []) + (synsets.get(heads[offset], []) if offset in heads else [])
                for word in words:
                    if word != lemma and _WORD.match(word) and word in known and word not in table[lemma]:
                        table[lemma].append(word)
    return {w: s[:MAX_SYNONYMS] for w, s in table.items() if s}


def known_words() -> set[str]:
    with gzip.open(GLOSSES, "rt", encoding="utf-8") as data:
        return {line.split("\t", 1)[0] for line in data}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", argv[0], tmp], check=True)
        base = Path(tmp) / "usr" / "share" / "wordnet"
        indexes = [read_index((base / f"index.{p}").read_text(encoding="latin-1")) for p in POS]
        texts = {p: (base / f"data.{p}").read_text(encoding="latin-1") for p in POS}  # read once, parsed thrice
        datas = [read_data(texts[p]) for p in POS]
        counts = read_counts((base / "cntlist.rev").read_text(encoding="latin-1"))
        heads = read_heads(texts["adj"])
        related = [read_derivations(texts[p], p) for p in POS]
    known = known_words()
    for path, table in ((OUT, synonyms(indexes, datas, known, counts, heads)), (DERIVATIONS, derivations(indexes, datas, related, known))):
        lines = [f"{w}\t{'|'.join(s)}" for w, s in sorted(table.items())]
        write_gzip_lines(path, lines)
        print(f"{path}: {len(lines)} words, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
