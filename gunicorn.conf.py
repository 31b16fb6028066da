"""gunicorn reads this file from the working directory: `gunicorn config.wsgi` needs nothing more.

gunicorn has no setting for its `Server:` response header, and naming the server and its
version helps only an attacker, so the header line is left out of every response.
"""

from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server_header(self: wsgi.Response) -> list[str]:
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_header  # type: ignore[method-assign]
