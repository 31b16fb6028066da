"""Markdown written by staff, rendered and then sanitised to an allow-list: no images (nothing
may load from another host), no scripts, no styles, links only to web, mail and phone."""

from __future__ import annotations

import math
import re

import markdown
import nh3

TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def reading_minutes(text: str, words_per_minute: int = 200) -> int:
    words = len(re.findall(r"\w+", text))
    return max(1, math.ceil(words / words_per_minute))
