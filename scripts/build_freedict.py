"""Build index/language/data/en_ar.tsv.gz from Debian's FreeDict English↔Arabic dictionaries.

    apt-get download dict-freedict-eng-ara dict-freedict-ara-eng
    python scripts/build_freedict.py dict-freedict-eng-ara_*.deb dict-freedict-ara-eng_*.deb

Each .deb holds a dictd database (NAME.index: headword, offset, length in dictd's base-64;
NAME.dict.dz: the entries, gzip). An entry is the headword with its pronunciation on the first
line, then one gloss a line ("1. …", "2. …"). The table keeps, for every single-word English
headword, its short Arabic glosses (normalised, at most three words), and adds every Arabic
headword of ara-eng under each single-word English gloss of it, so both directions feed one
English → Arabic table. The source is FreeDict (GPL-2+); see en_ar.LICENSE beside the table.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.analysis import normalize  # noqa: E402
from scripts.gzip_tables import write_gzip_lines  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "index" / "language" / "data" / "en_ar.tsv.gz"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NUMBERED = re.compile(r"^\d+\.\s*")
_PRONUNCIATION = re.compile(r"\s*/[^/]*/?\s*$")
_ENGLISH_WORD = re.compile(r"^[a-z]{2,}$")  # the analyser's tokens: no hyphen, no apostrophe
_ARABIC = re.compile(r"[\u0621-\u064a]")
MAX_GLOSS_WORDS = 3
MAX_GLOSSES = 12


def dictd_number(text: str) -> int:
    """A dictd base-64 number (index offsets and lengths)."""
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def read_dictd(index_text: str, dict_bytes: bytes) -> Iterator[tuple[str, list[str]]]:
    """(headword, glosses) of every entry of a dictd database, in index order."""
    for line in index_text.splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or fields[0].startswith("00database"):
            continue
        start, length = dictd_number(fields[1]), dictd_number(fields[2])
        body = dict_bytes[start : start + length].decode("utf-8", errors="replace")
        lines = [l.strip() for l in body.splitlines() if l.strip()]
        if not lines:
            continue
        headword = _PRONUNCIATION.sub("", lines[0]).strip()
        glosses = [_NUMBERED.sub("", l).strip() for l in lines[1:]]
        yield headword, [g for g in glosses if g]


def _short_arabic(gloss: str) -> str | None:
    """The gloss normalised, when it is a short Arabic word or phrase (not a definition)."""
    if not _ARABIC.search(gloss):
        return None
    gloss = re.split(r"\s+-\s+|[،,;(]", gloss)[0]  # "آها - فرقة …": the word, not its note
    words = normalize(gloss).split()
    if not words or len(words) > MAX_GLOSS_WORDS:
        return None
    return " ".join(words)


def build_table(
    eng_ara: Iterable[tuple[str, list[str]]], ara_eng: Iterable[tuple[str, list[str]]]
) -> dict[str, list[str]]:
    """English word -> Arabic glosses; eng-ara's own glosses first, then ara-eng's headwords."""
    table: dict[str, list[str]] = defaultdict(list)
    for headword, glosses in eng_ara:
        word = headword.lower()
        if not _ENGLISH_WORD.match(word):
            continue
        for gloss in glosses:
            short = _short_arabic(gloss)
            if short and short not in table[word]:
                table[word].append(short)
    for headword, glosses in ara_eng:
        short = _short_arabic(headword)
        if not short:
            continue
        for gloss in glosses:
            word = gloss.strip().lower()
            if _ENGLISH_WORD.match(word) and short not in table[word]:
                table[word].append(short)
    return {w: g[:MAX_GLOSSES] for w, g in sorted(table.items()) if g}


def write_table(table: dict[str, list[str]], path: Path) -> None:
    lines = ["# English word<TAB>Arabic glosses (normalised), '|'-separated. Built by scripts/build_freedict.py"]
    lines += [f"{word}\t{'|'.join(glosses)}" for word, glosses in table.items()]
    write_gzip_lines(path, lines)


def _dictd_of_deb(deb: Path) -> tuple[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        index = next(Path(tmp).rglob("*.index"))
        data = index.with_suffix(".dict.dz")
        return index.read_text(encoding="utf-8"), gzip.decompress(data.read_bytes())


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    eng_ara = read_dictd(*_dictd_of_deb(Path(argv[0])))
    ara_eng = read_dictd(*_dictd_of_deb(Path(argv[1])))
    table = build_table(eng_ara, ara_eng)
    write_table(table, OUT)
    print(f"{OUT}: {len(table)} English words, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
