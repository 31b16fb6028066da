"""A corpus of hostile inputs: SQL, XSS, template injection, path traversal, NUL bytes,
over-long and odd Unicode, CRLF, ORM keyword tricks, odd numbers and dates."""

from __future__ import annotations

from urllib.parse import quote

_BASE = [
    # SQL injection
    "' OR 1=1--",
    "' OR '1'='1",
    '" OR ""="',
    "1; DROP TABLE patients_patient;--",
    "1' AND SLEEP(5)--",
    "'; SELECT pg_sleep(5);--",
    "admin'--",
    "1 UNION SELECT NULL,NULL--",
    "%' OR '1'='1",
    "') OR ('x'='x",
    "1)) OR 1=1#",
    "'||(SELECT version())||'",
    "1;SELECT * FROM accounts_user",
    "' AND 1=CAST((SELECT password FROM accounts_user) AS int)--",
    # cross-site scripting
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "<iframe src=//198.51.100.7></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "';alert(1)//",
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    '<math><mi xlink:href="javascript:alert(1)">',
    "</textarea><script>alert(1)</script>",
    '"onmouseover="alert(1)',
    "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;",
    "<!--",
    "]]>",
    "<svg><script>alert(1)</script></svg>",
    "<input autofocus onfocus=alert(1)>",
    # template injection
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{ request.user.password }}",
    "{% load static %}{% static 'x' %}",
    "{{ settings.SECRET_KEY }}",
    "{{''.__class__}}",
    # path traversal and URLs
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "/etc/passwd",
    "....//....//etc/passwd",
    "C:\\Windows\\win.ini",
    "file:///etc/passwd",
    "http://169.254.169.254/latest/meta-data",
    "\\\\198.51.100.7\\share",
    # NUL and control characters
    "abc\x00def",
    "\x00",
    "%00",
    "\x1b[31mred",
    "\x07\x08\x0b\x0c",
    "line\r\nSet-Cookie: x=y",
    "\r\n\r\n",
    "tab\there",
    # Unicode oddities
    "\u202eevil",
    "ｓｃｒｉｐｔ",
    "zero\u200bwidth",
    "😀" * 50,
    "e\u0301" * 200,
    "\uffff",
    "\ufeffbom",
    "Ω≈ç√∫",
    "田中太郎",
    "مرحبا",
    "𝕏𝕐𝕫",
    "\u0000\u0000",
    # ORM and parameter tricks
    "__class__",
    "_connector",
    "id__gt",
    "-id,(select 1)",
    "pk",
    "[]",
    "{}",
    "null",
    "None",
    "true",
    "[object Object]",
    # numbers and dates
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "0000-00-00",
    "9999-12-31",
    "1970-01-01T00:00:00",
    "2024-02-30",
    "31/12/1999",
    "-2000-01-01",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
    "23:59",
    "99:99",
    # format strings and misc
    "%s%s%s%s",
    "%n",
    "{0}",
    "{}",
    "%(password)s",
    "' \" ` ; : | & $ ( )",
    "",
    " ",
    "\t",
    "A" * 256,
    "A" * 10_000,
]

HUGE = "A" * 3_000_000  # over the request size limit


def corpus() -> list[str]:
    """At least 200 distinct hostile strings."""
    items: list[str] = []
    for base in _BASE:
        items.append(base)
        if len(base) < 300:
            items.append("Jo" + base)
            items.append(quote(base))
    items.append(HUGE)
    unique = list(dict.fromkeys(items))
    assert len(unique) >= 200, len(unique)
    return unique


# The values sent one at a time, into one field with every other field valid: the ones that
# reach past a form's first check (dates at the ends of the calendar, NUL inside valid text,
# huge numbers, injection and markup in otherwise valid values).
ONE_AT_A_TIME = [
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
    "1970-01-01T00:00:00",
    "2024-02-30",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "abc\x00def",
    "\x00",
    "%00",
    "Jo\x00hn",
    "a@example.org\x00",
    "' OR 1=1--",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "line\r\nSet-Cookie: x=y",
    "\u202eevil",
    "😀" * 50,
    "A" * 10_000,
    "",
    "[]",
    "__class__",
    "00000000-0000-4000-8000-000000000000",
    "23:59",
    "99:99",
]


def escaped_or_absent(payload: str, body: str) -> bool:
    """A payload with HTML-special characters must never appear raw in a page."""
    if not any(ch in payload for ch in "<>\"'&"):
        return True
    return payload not in body


LEAK_MARKERS = (
    "Traceback",
    "OperationalError",
    "ProgrammingError",
    "IntegrityError",
    "DataError",
    "syntax error at or near",
    "sqlite3.",
    "psycopg",
    "DecryptionError",
    "TemplateSyntaxError",
)
