"""What the builders of index/language/data/ from Arramooz's dictionary share (PyPI
arramooz-pysqlite, GPL-3; build_arramooz_words.py, build_broken_plurals.py,
build_arabic_synonyms.py): opening the dictionary inside the downloaded wheel, and writing a
table as gzip that is byte-identical on every rebuild (gzip_tables.write_gzip_lines, re-exported
here)."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from scripts.gzip_tables import write_gzip_lines  # noqa: F401  (re-exported for the Arramooz builders)

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
