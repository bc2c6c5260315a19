"""Score the answer composer on a story question set (shared/eval/story_dev.jsonl format).

    python scripts/story_eval.py [FILE.jsonl] [--verbose]

A question marked answerable is right when the first quote contains one of its gold phrases;
an unanswerable one is right when nothing is quoted. Also checks that every quote is verbatim,
every quoting reply carries the disclaimer, and every reply is in Arabic.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bot.core.answer import answer, load_story

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "story_dev.jsonl"
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT
    story = load_story()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = score_rows(story, rows, verbose=verbose)
    right = {True: scores["answerable"][0], False: scores["declined"][0]}
    total = {True: scores["answerable"][1], False: scores["declined"][1]}
    problems = scores["problems"]
    a = right[True] / max(total[True], 1)
    u = right[False] / max(total[False], 1)
    print(f"answerable right: {right[True]}/{total[True]} = {a:.3f}")
    print(f"unanswerable right: {right[False]}/{total[False]} = {u:.3f}")
    print(f"contract problems: {problems}")
    return 0


def score_rows(story, rows: list[dict], verbose: bool = False, quiet: bool = False) -> dict:
    """[right, total] for answerable and unanswerable rows, and the count of contract problems;
    prints the rows answered wrong (every row with verbose, none with quiet)."""
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    problems = 0
    for row in rows:
        reply = answer(story, row["question"])
        first = reply.quotes[0].text if reply.quotes else ""
        ok = (any(g in first for g in row["gold"]) if row["answerable"] else not reply.quotes)
        total[row["answerable"]] += 1
        right[row["answerable"]] += ok
        for quote in reply.quotes:
            article = story.library.article(quote.article)
            if article.text[quote.start : quote.end] != quote.text:
                problems += 1
                print("NOT VERBATIM", row["id"], quote.text)
        if reply.quotes and not reply.disclaimer:
            problems += 1
            print("NO DISCLAIMER", row["id"])
        if not _ARABIC.search(reply.lead):
            problems += 1
            print("NOT ARABIC", row["id"])
        if not quiet and (verbose or not ok):
            mark = "ok " if ok else "BAD"
            print(f"{mark} {row['id']} [{row['kind']}] {row['question']}")
            print(f"     -> {reply.kind.value}: {first[:110]}")
    return {"answerable": [right[True], total[True]], "declined": [right[False], total[False]], "problems": problems}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
