"""One bounded memo for the pure look-ups that are asked the same again and again (an
analyser's terms, an index's rankings, a story's cached functions): a plain dict, emptied
whole when it is full. Here in index/ so that bot/ uses the same one (index/ never imports bot/)."""

from __future__ import annotations

from typing import Any, Callable, Hashable, TypeVar

_V = TypeVar("_V")
# What memo.get(key, UNKEPT) gives for a key not kept: a computed value may be None (a
# stopword's term), so None cannot mean "not kept". Callers that look a hit up themselves, to
# save a call on their hot path, test for this same object.
UNKEPT = object()


def remembered(memo: dict[Any, Any], bound: int, key: Hashable, compute: Callable[..., _V], *args: Any) -> _V:
    """memo[key], or compute(*args) kept under key. A memo already holding ``bound`` entries
    is emptied first: the values are pure, so a dropped one is only computed again, and
    emptying whole needs none of an LRU's bookkeeping on the hot path of a hit. The bound is
    an argument, read at each call, so that a test may lower a module's constant."""
    value = memo.get(key, UNKEPT)  # one look-up on a hit
    if value is UNKEPT:
        if len(memo) >= bound:
            memo.clear()
        value = memo[key] = compute(*args)
    return value  # type: ignore[return-value]
