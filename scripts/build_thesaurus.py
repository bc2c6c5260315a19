"""Build index/language/data/thesaurus_ar.tsv.gz from Debian's mythes-ar (the Arabic thesaurus
of LibreOffice by Mohamed Kebdani and Taha Zerrouki, GPL-2+ or LGPL-2.1+ or MPL-1.1).

    apt-get download mythes-ar
    python scripts/build_thesaurus.py mythes-ar_*.deb

The .deb holds th_ar_EG_v2.dat in MyThes format: an encoding line, then for each headword a
line "word|n" followed by n meaning lines "(part of speech)|synonym|synonym|…". The table maps
the index's form of a word (normalised, light-stemmed: the form a question term has) to the
single-word synonyms of every headword with that form, in both directions (a synonym lists
its headword too). Licence beside the table: thesaurus_ar.LICENSE.
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
from index.analysis import light_stem, normalize  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "index" / "language" / "data" / "thesaurus_ar.tsv.gz"
MAX_SYNONYMS = 12


def read_mythes(lines: Iterable[str]) -> Iterator[tuple[str, list[list[str]]]]:
    """(headword, meanings) of a MyThes .dat file; a meaning is its list of synonyms."""
    it = iter(lines)
    next(it, None)  # the encoding line
    for line in it:
        word, sep, count = line.strip().rpartition("|")
        if not sep or not count.isdigit():
            continue
        meanings = []
        for _ in range(int(count)):
            fields = next(it, "").strip().split("|")
            meanings.append([f.strip() for f in fields[1:] if f.strip()])
        yield word, meanings


_WORD = re.compile(r"^[\u0621-\u064a]{3,}$")  # one Arabic word; not "التقط(الشي)" nor "علو-القدر-"


def index_form(word: str) -> str:
    """A single word as the index writes it ('' for a phrase, a note or a short word)."""
    word = normalize(word)
    stem = light_stem(word) if _WORD.match(word) else ""
    return stem if len(stem) >= 3 else ""


def build_table(entries: Iterable[tuple[str, list[list[str]]]]) -> dict[str, list[str]]:
    """Index form -> normalised synonyms (each a single word), both directions."""
    table: dict[str, list[str]] = defaultdict(list)

    def add(key: str, synonym: str) -> None:
        if key and synonym and index_form(synonym) != key and synonym not in table[key]:
            table[key].append(synonym)

    for headword, meanings in entries:
        head = normalize(headword)
        if not index_form(head):
            continue
        for synonyms in meanings:
            for synonym in synonyms:
                syn = normalize(synonym)
                if not index_form(syn):
                    continue
                add(index_form(head), syn)
                add(index_form(syn), head)
    return {k: v[:MAX_SYNONYMS] for k, v in sorted(table.items()) if v}


def write_table(table: dict[str, list[str]], path: Path) -> None:
    lines = ["# index form<TAB>synonyms (normalised), '|'-separated. Built by scripts/build_thesaurus.py"]
    lines += [f"{key}\t{'|'.join(synonyms)}" for key, synonyms in table.items()]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", argv[0], tmp], check=True)
        dat = next(Path(tmp).rglob("th_ar*.dat"))
        table = build_table(read_mythes(dat.read_text(encoding="utf-8").splitlines()))
    write_table(table, OUT)
    print(f"{OUT}: {len(table)} words, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
