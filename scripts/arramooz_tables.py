"""What the builders of index/language/data/ from Arramooz's dictionary share (PyPI
arramooz-pysqlite, GPL-3; build_arramooz_words.py, build_broken_plurals.py,
build_arabic_synonyms.py): opening the dictionary inside the downloaded wheel, and writing a
table as gzip that is byte-identical on every rebuild (mtime 0), so a rebuild from the same
wheel shows no change in git."""

from __future__ import annotations

import gzip
import sqlite3
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

DATABASE = "arramooz/data/arabicdictionary.sqlite"


@contextmanager
def arramooz_database(wheel: str | Path) -> Iterator[sqlite3.Connection]:
    """The dictionary's SQLite file, extracted from the wheel into a directory removed after."""
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as archive:
            archive.extract(DATABASE, tmp)
        db = sqlite3.connect(Path(tmp) / DATABASE)
        try:
            yield db
        finally:
            db.close()


def write_gzip_lines(path: Path, lines: Sequence[str]) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
