"""The production server, started the documented way (`gunicorn config.wsgi` from the project
directory), answers a monitor's HEAD and does not name itself."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'probe.sqlite3'}"
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _ask(port: int, method: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": "localhost"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_head_healthz_answers_200_and_no_server_header(server: int) -> None:
    for method in ("HEAD", "GET"):
        response = _ask(server, method, "/healthz")
        assert response.status == 200, method
        assert response.getheader("Server") is None, response.getheader("Server")
        assert "camera=()" in (response.getheader("Permissions-Policy") or "")
