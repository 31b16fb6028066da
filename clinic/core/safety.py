"""Recognising a crisis statement in free text (a request's message, a comment).

Deliberately broad: a false alarm costs a clinician a minute; a miss can cost a life. It is a
trigger for crisis resources and an urgent flag, never a clinical judgement.
"""

from __future__ import annotations

import re
import unicodedata

_PHRASES = (
    r"suicid\w*",
    r"kill(ing)? ?my ?self",
    r"end(ing)? (my|it) (life|all)",
    r"end it all",
    r"(take|taking) my (own )?life",
    r"want(ed)? to die",
    r"wish i (was|were) dead",
    r"better off dead",
    r"no reason to (live|go on)",
    r"(do ?n.?t|do not) want to (live|be alive|wake up)",
    r"can.?t go on",
    r"hurt(ing)? my ?self",
    r"harm(ing)? my ?self",
    r"self[- ]?harm\w*",
    r"cut(ting)? my ?self",
    r"overdos\w*",
)
_PATTERN = re.compile(r"\b(" + "|".join(_PHRASES) + r")\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("`", "'")
    return " ".join(text.split())


def mentions_self_harm(text: str) -> bool:
    """True when the text speaks of suicide or self-harm."""
    return bool(_PATTERN.search(_fold(text)))
