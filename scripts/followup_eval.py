"""Score follow-up questions: two-turn conversations, through the console's public interface.

    python scripts/followup_eval.py FILE.jsonl [PYTHON] [--articles DIR]...

Each line: {"id", "article": "story" | NAME, "turns": [first, follow-up], "answerable", "gold"}.
NAME is NAME.txt in the first DIR that holds it (--articles may be given several times;
default: beside FILE.jsonl); "story" is the embedded story. The turns are piped to
`python -m bot console --json --conversation`, so the follow-up leans on the first question as
it would in a chat. The follow-up's reply is right, when answerable, if its first quote holds a
gold phrase; otherwise when it quotes nothing. Prints the figures, and how many follow-ups were
answered with the sentence the first turn's reply quoted first (right and wrong: a turn that asks
for more should get another sentence); each miss with the first turn's reply and the follow-up's;
exits 0 (figures, no bar).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def replies_to(python: str, article: Path | None, turns: list[str]) -> list[dict]:
    """The console's reply to each turn of one conversation."""
    command = [python, "-m", "bot", "console", "--json", "--conversation"]
    if article is not None:
        command += ["--article", str(article)]
    done = subprocess.run(command, input="\n".join(turns) + "\n", capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def reply_to_follow_up(python: str, article: Path | None, turns: list[str]) -> dict:
    return replies_to(python, article, turns)[-1]


def first_quote(reply: dict) -> str:
    return reply["quotes"][0]["text"] if reply["quotes"] else ""


def article_file(folders: list[Path], name: str) -> Path:
    """NAME.txt in the first folder that holds it (the first folder's path when none does)."""
    return next((f / f"{name}.txt" for f in folders if (f / f"{name}.txt").exists()), folders[0] / f"{name}.txt")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    folders: list[Path] = []
    while "--articles" in argv:
        at = argv.index("--articles")
        folders.append(Path(argv[at + 1]))
        argv = argv[:at] + argv[at + 2 :]
    path = Path(argv[0])
    folders = folders or [path.parent]
    python = argv[1] if len(argv) > 1 else ".venv/bin/python"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = {True: 0, False: 0}
    total = {True: 0, False: 0}
    repeated = {True: 0, False: 0}  # answered with the first turn's first quote: right, wrong
    for row in rows:
        article = None if row["article"] == "story" else article_file(folders, row["article"])
        replies = replies_to(python, article, row["turns"])
        reply = replies[-1]
        first = first_quote(reply)
        ok = any(g in first for g in row["gold"]) if row["answerable"] else not reply["quotes"]
        total[row["answerable"]] += 1
        right[row["answerable"]] += ok
        again = bool(first) and len(replies) > 1 and first == first_quote(replies[0])
        repeated[ok] += again
        if not ok:
            mark = " (the first turn's quote again)" if again else ""
            # The first turn's reply too: a follow-up after a first turn answered wrongly or not
            # at all fails downstream of it.
            opening = replies[0]
            print(f"BAD {row['id']} {' / '.join(row['turns'])}\n     1st {opening['kind']}: {first_quote(opening)[:110]}"
                  f"\n     -> {reply['kind']}{mark}: {first[:110]}")
    print(f"follow-ups answerable right: {right[True]}/{total[True]}; declined right: {right[False]}/{total[False]}")
    print(f"answered with the first turn's quote again: {repeated[True]} right, {repeated[False]} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
