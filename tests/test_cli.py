"""The README's first command, as a user runs it: a subprocess on a fresh SQLite file."""

import os
import re
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_creates_demo_account_and_answers_with_the_printed_token(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ninja.db"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ninja_api.cli", "serve", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines, token = [], None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            found = re.search(r"API token \(X-API-TOKEN\): ([A-Za-z0-9]{64})", line)
            if found:
                token = found.group(1)
            if "serving on" in line:
                break
        assert token, "".join(lines)
        assert any("demo login: demo@example.com / Password0" in line for line in lines)
        url = f"http://127.0.0.1:{port}/api/v1/clients"
        while time.monotonic() < deadline:
            try:
                r = httpx.get(url, headers={"X-API-TOKEN": token}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert r.status_code == 200
        assert r.json()["meta"]["pagination"]["total"] == 0
        login = httpx.post(f"http://127.0.0.1:{port}/api/v1/login",
                           json={"email": "demo@example.com", "password": "Password0"}, timeout=10)
        assert login.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_create_account_prints_the_token_last(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ninja.db"}
    subprocess.run([sys.executable, "-m", "ninja_api.cli", "migrate"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [sys.executable, "-m", "ninja_api.cli", "create-account", "--email", "x@y.co", "--password", "Password1",
         "--company-name", "X Co", "--token", "t" * 64],
        env=env, check=True, capture_output=True, text=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "t" * 64
    again = subprocess.run(
        [sys.executable, "-m", "ninja_api.cli", "create-account", "--email", "x@y.co", "--password", "Password1"],
        env=env, capture_output=True, text=True,
    )
    assert again.returncode == 1
