"""Score follow-up questions: two-turn conversations, through the console's public interface.

    python scripts/followup_eval.py FILE.jsonl [PYTHON] [--articles DIR]...

Each line: {"id", "article": "story" | NAME, "turns": [first, follow-up], "answerable", "gold"}.
NAME is NAME.txt in the first DIR that holds it (--articles may be given several times;
default: beside FILE.jsonl); "story" is the embedded story. The turns are piped to
`python -m bot console --json --conversation`, so the follow-up leans on the first question as
it would in a chat. The follow-up's reply is right, when answerable, if its first quote holds a
gold phrase; otherwise when it quotes nothing. Prints the figures; exits 0 (figures, no bar).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def reply_to_follow_up(python: str, article: Path | None, turns: list[str]) -> dict:
    command = [python, "-m", "bot", "console", "--json", "--conversation"]
    if article is not None:
        command += ["--article", str(article)]
    done = subprocess.run(command, input="\n".join(turns) + "\n", capture_output=True, text=True, check=True)
    replies = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return replies[-1]


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
    for row in rows:
        article = None if row["article"] == "story" else article_file(folders, row["article"])
        reply = reply_to_follow_up(python, article, row["turns"])
        first = reply["quotes"][0]["text"] if reply["quotes"] else ""
        ok = any(g in first for g in row["gold"]) if row["answerable"] else not reply["quotes"]
        total[row["answerable"]] += 1
        right[row["answerable"]] += ok
        if not ok:
            print(f"BAD {row['id']} {' / '.join(row['turns'])}\n     -> {reply['kind']}: {first[:110]}")
    print(f"follow-ups answerable right: {right[True]}/{total[True]}; declined right: {right[False]}/{total[False]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
