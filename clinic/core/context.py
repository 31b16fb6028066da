"""Who acts, and from where: all that services, access helpers and the audit trail need to
know of a web request. Built once from a request (`acting(request)`), or for a script, the
task worker or, later, an API client (`Acting.script(user)`), so no service takes an
HttpRequest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.http import HttpRequest

from clinic.core.http import client_ip
from clinic.core.logging import request_id_var


class Person(Protocol):
    """Whoever acts (the accounts app's User; the bottom layers know it only by this)."""

    pk: Any

    @property
    def is_authenticated(self) -> bool: ...


@dataclass(frozen=True)
class Acting:
    user: Person | None = None
    address: str | None = None  # the client's address as the trusted proxy reports it
    request_id: str = ""
    client: str = ""  # later: the API client acting for the user

    @classmethod
    def script(cls, user: Person | None = None) -> Acting:
        """A management command, the task worker or a test: a person perhaps, no address."""
        return cls(user=user)


def acting(request: HttpRequest) -> Acting:
    user = getattr(request, "user", None)
    return Acting(
        user=user if user is not None and user.is_authenticated else None,
        address=client_ip(request),
        request_id=request_id_var.get() or getattr(request, "request_id", ""),
    )
