"""What the measuring scripts (compare_replies, miss_causes, rank_whatif, decision_signals,
learned_decision, semantic_agreement) count as a quote holding a gold answer: the gold text
within the sentence with its white space folded, as the question sets write gold on one line.
Imported as a sibling module (``from gold_text import ...``): a script's own folder is on its path."""

from __future__ import annotations

import re
from typing import Iterable

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """The text with every run of white space one space, none at either end."""
    return _SPACE.sub(" ", text).strip()


def holds_gold(text: str, gold: Iterable[str]) -> bool:
    """Whether one of the gold answers stands in the text, white space folded."""
    squashed = squash(text)
    return any(g in squashed for g in gold)
