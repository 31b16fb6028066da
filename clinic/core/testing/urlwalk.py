"""Enumerate every URL pattern of the project with a concrete path that resolves to it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

_SAMPLES = {
    "uuid": str(uuid.UUID("00000000-0000-4000-8000-000000000000")),
    "int": "1",
    "slug": "sample",
    "str": "sample",
    "path": "sample",
}
_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")
_REGEX_GUESSES = ["accounts", "1", "sample", "1-sample"]


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name", or the pattern text when unnamed
    path: str
    callback: Callable[..., Any]


def _fill(pattern_text: str, guess: str) -> str:
    if "(?P<" in pattern_text or pattern_text.startswith("^"):
        text = _REGEX_GROUP.sub(guess, pattern_text)
    else:
        text = _ROUTE_PARAM.sub(
            lambda m: _SAMPLES.get(m.group("conv") or "str", "sample"), pattern_text
        )
    return text.replace("^", "").replace("$", "").replace("\\", "")


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: list[str], namespace: str
) -> Iterator[tuple[list[str], str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(list(entry.url_patterns), [*prefix, str(entry.pattern)], ns)
        else:
            yield [*prefix, str(entry.pattern)], namespace, entry


def endpoints() -> list[Endpoint]:
    """Every URL pattern, each with one path that resolves to that same view."""
    found: list[Endpoint] = []
    for parts, namespace, pattern in _walk(list(get_resolver().url_patterns), [], ""):
        if pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        else:
            name = "".join(parts)
        for guess in _REGEX_GUESSES:
            path = "/" + "".join(_fill(p, guess) for p in parts)
            try:
                match = resolve(path)
            except Resolver404:
                continue
            same_name = bool(pattern.name) and match.view_name == name
            if match.func is pattern.callback or same_name:
                found.append(Endpoint(name=name, path=path, callback=pattern.callback))
                break
        else:
            raise AssertionError(f"no sample path resolves to {name} ({''.join(parts)})")
    return found
