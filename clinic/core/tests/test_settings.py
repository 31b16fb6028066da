"""Settings fail closed, and come from the environment alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import json, config.settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'tz': s.TIME_ZONE, 'clinic_tz': s.CLINIC_TIME_ZONE, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'secure': s.SESSION_COOKIE_SECURE, 'cookie': s.SESSION_COOKIE_NAME}))"
)
PRODUCTION_KEYS = {
    "CLINIC_ENCRYPTION_KEYS": "k1:" + "A" * 43 + "=",
    "CLINIC_BLIND_INDEX_KEY": "B" * 43 + "=",
    "CLINIC_AUDIT_KEY": "C" * 43 + "=",
    # Text messages: a provider or an explicit "none" (never the console, never unset).
    "CLINIC_SMS_BACKEND": "none",
}
_KEEP = {"PATH", "HOME", "LANG", "SYSTEMROOT"}


def _settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k in _KEEP}
    clean.update({"DJANGO_READ_DOT_ENV_FILE": "0", **env})
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_is_off_and_a_secret_key_is_required_by_default() -> None:
    result = _settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("missing", sorted(PRODUCTION_KEYS))
def test_each_patient_data_key_is_required_without_debug(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_KEYS.items() if k != missing}
    result = _settings(DJANGO_SECRET_KEY="x" * 50, **env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_debug_alone_runs_with_the_development_key() -> None:
    result = _settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert '"debug": true' in result.stdout


def test_production_defaults_are_secure() -> None:
    result = _settings(DJANGO_SECRET_KEY="x" * 50, **PRODUCTION_KEYS)
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout
    assert '"hsts": 31536000' in result.stdout
    assert '"secure": true' in result.stdout
    assert '"cookie": "__Host-sessionid"' in result.stdout


@pytest.mark.parametrize("backend", ["console", ""])
def test_production_refuses_to_print_text_messages_to_the_log(backend: str) -> None:
    env = {**PRODUCTION_KEYS, "CLINIC_SMS_BACKEND": backend}
    result = _settings(DJANGO_SECRET_KEY="x" * 50, **env)
    assert result.returncode != 0
    assert "CLINIC_SMS_BACKEND" in result.stderr


def test_production_accepts_a_provider_backend() -> None:
    env = {**PRODUCTION_KEYS, "CLINIC_SMS_BACKEND": "clinic.core.sms.LocmemBackend"}
    assert _settings(DJANGO_SECRET_KEY="x" * 50, **env).returncode == 0


def test_no_database_url_means_sqlite_and_a_postgres_url_means_postgres() -> None:
    assert "sqlite3" in _settings(DJANGO_DEBUG="1").stdout
    pg = _settings(DJANGO_DEBUG="1", DATABASE_URL="postgres://u:p@127.0.0.1:5432/clinic")
    assert "postgresql" in pg.stdout


def test_storage_is_utc_and_the_clinic_zone_defaults_to_chicago() -> None:
    out = _settings(DJANGO_DEBUG="1").stdout
    assert '"tz": "UTC"' in out
    assert '"clinic_tz": "America/Chicago"' in out


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be"),
        ({"DJANGO_DEBUG": "1", "CLINIC_TIME_ZONE": "Mars/Olympus"}, "not an IANA zone"),
        ({"DJANGO_DEBUG": "1", "CLINIC_BRAND_COLOR": "red"}, "#rrggbb"),
        ({"DJANGO_DEBUG": "1", "CLINIC_SESSION_IDLE_SECONDS": "soon"}, "whole number"),
        ({"DJANGO_DEBUG": "1", "DJANGO_CACHE_BACKEND": "redis"}, "DJANGO_CACHE_BACKEND"),
    ],
)
def test_bad_values_stop_start_up_with_a_clear_message(env: dict[str, str], message: str) -> None:
    result = _settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_env_example_lists_every_variable_the_settings_read() -> None:
    import re

    source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    read |= set(re.findall(r'env="([A-Z_]+)"', source))
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", example, flags=re.M))
    assert read - listed == set()
