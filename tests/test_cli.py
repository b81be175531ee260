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


def _cli(*args, env):
    return subprocess.run([sys.executable, "-m", "ninja_api.cli", *args], env=env, capture_output=True, text=True)


def test_migrate_creates_the_demo_account_once_and_serve_no_migrate_leaves_both_to_it(tmp_path):
    # The compose layout: one `migrate --demo-account`, then replicas that neither migrate nor seed.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ninja.db"}
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ninja_api.cli", "serve", "--port", str(port), "--no-migrate",
                             "--no-scheduler"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        first_line = proc.stdout.readline()
        assert first_line == f"serving on http://127.0.0.1:{port}/api/v1\n"
        first = _cli("migrate", "--demo-account", env=env)
        assert first.returncode == 0, first.stderr
        lines = first.stdout.splitlines()
        assert lines[:2] == ["migrations applied", "demo login: demo@example.com / Password0"]
        token = re.fullmatch(r"API token \(X-API-TOKEN\): ([A-Za-z0-9]{64})", lines[2]).group(1)
        again = _cli("migrate", "--demo-account", env=env)
        assert again.stdout.splitlines()[2] == lines[2]  # the same account, not a second one
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/clients", headers={"X-API-TOKEN": token}, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    plain = _cli("migrate", env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/plain.db"})
    assert plain.stdout == "migrations applied\n"


def test_healthcheck_exits_0_when_everything_answers_and_1_with_what_failed(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ninja.db",
           "DOCUMENTS_PATH": str(tmp_path / "documents")}
    env.pop("QUEUE_URL", None)
    _cli("migrate", env=env)
    ok = _cli("healthcheck", env=env)
    assert (ok.returncode, ok.stdout) == (0, "database: ok\nqueue: ok\nstorage: ok\n")

    (tmp_path / "file").write_text("in the way")
    queue_port, server_port = free_port(), free_port()
    broken = _cli("healthcheck", "--url", f"http://127.0.0.1:{server_port}/api/v1/ping",
                  env={**env, "DOCUMENTS_PATH": str(tmp_path / "file"), "QUEUE_URL": f"redis://127.0.0.1:{queue_port}/0"})
    assert broken.returncode == 1
    assert broken.stdout.splitlines() == [
        "database: ok",
        f"queue: queue unreachable: Error 111 connecting to 127.0.0.1:{queue_port}. Connection refused.",
        f"storage: documents folder {tmp_path / 'file'} is not writable: File exists",
        "server: server unreachable: <urlopen error [Errno 111] Connection refused>",
    ]
