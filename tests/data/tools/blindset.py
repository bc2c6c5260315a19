"""Build and check the blind question sets of tests/data/fresh-*: one tool for every set.

    python tests/data/tools/blindset.py build FOLDER [NAME ...]   # FOLDER/tools/NAME.spec -> FOLDER/NAME.jsonl
    python tests/data/tools/blindset.py verify FOLDER             # every gold phrase verbatim in its article

A set's folder holds its articles (NAME.txt), its specs (tools/NAME.spec; a name starting with
"story" is about the embedded story, ../shared/story/article.txt) and, when it has follow-ups,
tools/followups.py with the conversations, which calls write_followups().

Spec line: kind | question | gold1 ;; gold2 | note      (no gold => answerable false)
Gold phrases must be exact substrings of the article's paragraph text (header lines excluded,
except for meta questions, which may quote the title/disclaimer lines as they stand).
"""
from __future__ import annotations

import collections
import json
import pathlib
import re
import sys

STORY = pathlib.Path(__file__).resolve().parents[3].parent / "shared" / "story" / "article.txt"


def article_path(folder: pathlib.Path, name: str) -> pathlib.Path:
    return STORY if name.startswith("story") else folder / f"{name}.txt"


def paragraphs(txt_path: pathlib.Path) -> tuple[list[str], list[str]]:
    """(header lines, body paragraphs) of an article file in the simple format."""
    lines = pathlib.Path(txt_path).read_text(encoding="utf-8").split("\n")
    if lines[0].startswith("title:"):
        i = lines.index("")
        return lines[:i], [l for l in lines[i + 1:] if l.strip()]
    return [], [l for l in lines if l.strip()]


def _context(para: str, gold: str) -> str:
    i = para.index(gold)
    a, b = max(0, i - 30), min(len(para), i + len(gold) + 30)
    return ("…" if a else "") + para[a:b] + ("…" if b < len(para) else "")


def build(folder: pathlib.Path, name: str) -> list[dict]:
    story = name.startswith("story")
    prefix, label = ("s" + name[len("story"):], "L") if story else (name, "para ")
    header, body = paragraphs(article_path(folder, name))
    rows = []
    for line in (folder / "tools" / f"{name}.spec").read_text(encoding="utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        assert len(parts) == 4, line
        kind, question, golds, note = parts
        gold = [g.strip() for g in golds.split(";;") if g.strip()]
        places = []
        for g in gold:
            hits: list = [k for k, p in enumerate(body, 1) if g in p]
            if not hits and kind == "meta":
                hits = [f'header:{h.split(":")[0]}' for h in header if g in h]
            if not hits:
                sys.exit(f"GOLD NOT FOUND in {name}: {g!r}")
            k = hits[0]
            places.append(f"{label}{k}: «{_context(body[k - 1], g)}»" if isinstance(k, int) else f"{k}: «{g}»")
        if gold:
            note = (note + " " if note else "") + " | ".join(places)
        rows.append({"id": f"{prefix}-{len(rows) + 1:02d}", "question": question, "kind": kind,
                     "answerable": bool(gold), "gold": gold, "note": note})
    return rows


def write_jsonl(path: pathlib.Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_followups(folder: pathlib.Path, conversations: list[tuple]) -> None:
    """FOLDER/followups.jsonl from (article, first turn, second turn, gold, note) tuples."""
    out = []
    for n, (art, q1, q2, gold, note) in enumerate(conversations, 1):
        _, body = paragraphs(STORY if art == "story" else folder / f"{art}.txt")
        for g in gold:
            if not any(g in p for p in body):
                sys.exit(f"GOLD NOT FOUND f{n:02d}: {g!r}")
        out.append({"id": f"f{n:02d}", "article": art, "turns": [q1, q2], "answerable": bool(gold), "gold": gold, "note": note})
    write_jsonl(folder / "followups.jsonl", out)
    print("followups", len(out), "answerable", sum(r["answerable"] for r in out))


def verify(folder: pathlib.Path) -> int:
    """An independent check of the written files; returns the number of missing phrases."""
    total = bad = 0
    for path in sorted(folder.glob("*.jsonl")):
        if path.name == "followups.jsonl":
            continue
        name = path.stem
        paras = [p.strip() for p in paragraphs(article_path(folder, name))[1]]
        rows = [json.loads(l) for l in open(path, encoding="utf-8")]
        assert len({r["id"] for r in rows}) == len(rows)
        for r in rows:
            assert set(r) == {"id", "question", "kind", "answerable", "gold", "note"}, r
            assert r["answerable"] == bool(r["gold"])
            for g in r["gold"]:
                total += 1
                if not any(g in p for p in paras):
                    bad += 1
                    print("MISSING", name, r["id"], g)
                if re.search(r"[.؟!?](?!\d)\s", g):
                    print("WARN crosses a sentence end?", name, r["id"], g)
        print(name, len(rows), collections.Counter(r["kind"] for r in rows), "answerable", sum(r["answerable"] for r in rows))
    followups = folder / "followups.jsonl"
    for r in map(json.loads, open(followups, encoding="utf-8")) if followups.exists() else ():
        paras = [p.strip() for p in paragraphs(STORY if r["article"] == "story" else folder / f"{r['article']}.txt")[1]]
        assert len(r["turns"]) == 2 and r["answerable"] == bool(r["gold"])
        for g in r["gold"]:
            total += 1
            if not any(g in p for p in paras):
                bad += 1
                print("MISSING followups", r["id"], g)
    print("gold phrases checked:", total, "missing:", bad)
    return bad


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("build", "verify"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    folder = pathlib.Path(argv[1]).resolve()
    if argv[0] == "verify":
        return 1 if verify(folder) else 0
    for name in argv[2:] or sorted(p.stem for p in (folder / "tools").glob("*.spec")):
        rows = build(folder, name)
        write_jsonl(folder / f"{name}.jsonl", rows)
        print(name, len(rows), "answerable", sum(r["answerable"] for r in rows), dict(collections.Counter(r["kind"] for r in rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
