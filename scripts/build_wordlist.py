"""Build index/language/data/words_ar.txt.gz, the Arabic words that are known to be words, from
Debian's hunspell-ar (Ayaspell by Mohamed Kebdani, GPL-2.0 / LGPL-2.1 / MPL-1.1).

    apt-get download hunspell-ar
    python scripts/build_wordlist.py hunspell-ar_*.deb

ar.dic lists stems with affix flags ("كتاب/ABC"); the table keeps each stem as the index writes
it (normalised, light-stemmed), one a line, sorted. It tells a misspelling from a real word
that an article does not use (so a real word is never "corrected" into an article's word).
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from index.analysis import light_stem, normalize  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "index" / "language" / "data" / "words_ar.txt.gz"
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")


def read_dic(lines: Iterable[str]) -> set[str]:
    """Index forms of the stems of a hunspell .dic (its first line is the entry count)."""
    words = set()
    for line in lines:
        stem = normalize(line.strip().split("/", 1)[0])
        if _ARABIC_WORD.match(stem):
            words.add(light_stem(stem))
    return words


def write_words(words: set[str], path: Path) -> None:
    text = "# Arabic words (index forms), one a line. Built by scripts/build_wordlist.py\n" + "\n".join(sorted(words)) + "\n"
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", argv[0], tmp], check=True)
        dic = next(Path(tmp).rglob("ar.dic"))
        words = read_dic(dic.read_text(encoding="utf-8").splitlines())
    write_words(words, OUT)
    print(f"{OUT}: {len(words)} words, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
