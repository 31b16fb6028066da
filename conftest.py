"""Shared fixtures: named personas for every role, and the browser harness."""

from __future__ import annotations

import pytest

from clinic.accounts.models import User
from clinic.accounts.policy import Role
from clinic.accounts.tests.factories import make_user
from clinic.locations.models import Location
from clinic.locations.tests.factories import LocationFactory

pytest_plugins = ["clinic.core.testing.browser"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.postgres`: the test needs PostgreSQL and is skipped, saying so, on
    SQLite; `@pytest.mark.sqlite`: it is about the embedded database and is skipped on
    PostgreSQL. No test decides this inline."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    needs, reason = (
        ("sqlite", "about SQLite only")
        if on_postgres
        else ("postgres", "needs PostgreSQL (set DATABASE_URL)")
    )
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker(needs):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests reach nothing but this machine."""
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if (
            isinstance(host, str)
            and host not in {"127.0.0.1", "::1", "localhost"}
            and not (host.startswith("/"))
        ):
            raise RuntimeError(f"A test tried to reach {host!r}; tests stay on this machine.")
        return real_connect(sock, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counters and used codes live in the cache; each test starts without them."""
    from django.core.cache import cache

    from clinic.core import pagecache

    cache.clear()
    pagecache._memo["until"] = 0.0


@pytest.fixture
def plano(db: None) -> Location:
    return LocationFactory(name="Plano", slug="plano")


@pytest.fixture
def frisco(db: None) -> Location:
    return LocationFactory(name="Frisco", slug="frisco")


@pytest.fixture
def owner(db: None, plano: Location) -> User:
    return make_user(Role.OWNER, locations=[plano], full_name="Olive Owner")


@pytest.fixture
def prescriber(db: None, plano: Location) -> User:
    return make_user(Role.PRESCRIBER, locations=[plano], full_name="Priya Prescriber")


@pytest.fixture
def nurse(db: None, plano: Location) -> User:
    return make_user(Role.NURSE, locations=[plano], full_name="Nina Nurse")


@pytest.fixture
def front_desk(db: None, plano: Location) -> User:
    return make_user(Role.FRONT_DESK, locations=[plano], full_name="Fred Desk")


@pytest.fixture
def patient_user(db: None) -> User:
    return make_user(Role.PATIENT, mfa=False, full_name="Pat Patient")


@pytest.fixture
def staff_without_mfa(db: None, plano: Location) -> User:
    return make_user(Role.NURSE, mfa=False, locations=[plano], full_name="Newt Hire")


@pytest.fixture
def personas(
    owner: User, prescriber: User, nurse: User, front_desk: User, patient_user: User
) -> dict[Role, User]:
    """One signed-in-able person per role."""
    return {
        Role.OWNER: owner,
        Role.PRESCRIBER: prescriber,
        Role.NURSE: nurse,
        Role.FRONT_DESK: front_desk,
        Role.PATIENT: patient_user,
    }
