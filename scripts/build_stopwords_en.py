"""Build index/lexicon/stopwords_en.txt: the Snowball project's English stopword list, as
Debian's PostgreSQL package ships it for its full-text search (tsearch_data/english.stop).

    apt-get download postgresql-15            # or any postgresql-NN
    python scripts/build_stopwords_en.py postgresql-15_*.deb
    python scripts/build_stopwords_en.py /usr/share/postgresql/15/tsearch_data/english.stop

The list is Snowball's (BSD-3-Clause, Copyright (c) 2001 Dr Martin Porter, (c) 2002 Richard
Boulton); see stopwords_en.LICENSE beside it. The words are written one a line, as shipped.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "index" / "lexicon" / "stopwords_en.txt"
MEMBER = "tsearch_data/english.stop"
HEADER = (
    "# English stopwords: the Snowball project's list (BSD-3-Clause, see stopwords_en.LICENSE),\n"
    "# as Debian's postgresql package ships it (tsearch_data/english.stop).\n"
    "# Rebuilt by scripts/build_stopwords_en.py; do not edit by hand.\n"
)


def _from_deb(deb: Path) -> str:
    tar_bytes = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        for member in tar.getmembers():
            if member.name.endswith(MEMBER):
                extracted = tar.extractfile(member)
                if extracted is not None:
                    return extracted.read().decode("utf-8")
    raise SystemExit(f"{deb}: no {MEMBER} inside; is it a postgresql-NN package?")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    source = Path(argv[0])
    text = _from_deb(source) if source.suffix == ".deb" else source.read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip()]
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
