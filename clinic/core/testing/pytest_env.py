"""Loaded by pytest before Django (see pyproject addopts): the test environment's variables.

Tests run with DEBUG off, as production does, with throwaway keys. Real variables win, so
DATABASE_URL from the caller selects PostgreSQL."""

from __future__ import annotations

import os

_TEST_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-production-0123456789",
    "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_STATIC_MANIFEST": "0",
    "DJANGO_CACHE_BACKEND": "locmem",
    "DJANGO_TASKS_BACKEND": "immediate",
    "CLINIC_SMS_BACKEND": "locmem",
    "DJANGO_READ_DOT_ENV_FILE": "0",
    # Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests
    # make beside it are still synchronous.
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    "CLINIC_ENCRYPTION_KEYS": "t1:dGVzdC1rZXktMS10ZXN0LWtleS0xLXRlc3Qta2V5LTE=",
    "CLINIC_BLIND_INDEX_KEY": "dGVzdC1ibGluZC1pbmRleC1rZXktdGVzdC1ibGluZDE=",
    "CLINIC_AUDIT_KEY": "dGVzdC1hdWRpdC1rZXktdGVzdC1hdWRpdC1rZXktMTI=",
}
for _name, _value in _TEST_ENV.items():
    if _name in ("DJANGO_DEBUG", "DJANGO_READ_DOT_ENV_FILE"):
        os.environ[_name] = _value  # the suite always runs as production does
    else:
        os.environ.setdefault(_name, _value)
