"""Writing a table of index/language/data/ as gzip that is byte-identical on every rebuild
(mtime 0), so a rebuild from the same source package shows no change in git; shared by the
table builders (build_freedict.py, build_wordnet_synonyms.py, and the Arramooz builders
through arramooz_tables.py)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Sequence


def write_gzip_lines(path: Path, lines: Sequence[str]) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
