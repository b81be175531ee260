"""deploy/upgrade_test.sh: the compose stack keeps its data across an image upgrade.

It needs a Docker daemon, a compose command and the public base images already on the machine
(pulled, or built by deploy/offline/build-images.sh where there is no registry); without them it is
skipped. It takes a couple of minutes: `-m "not docker"` leaves it out.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BASE_IMAGES = ("python:3.11-slim-bookworm", "postgres:16", "redis:7", "nginx:1.27")


def _runs(*command) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _missing() -> str | None:
    if shutil.which("docker") is None or not _runs("docker", "info"):
        return "no Docker daemon"
    if not _runs("docker", "compose", "version") and shutil.which("docker-compose") is None:
        return "no docker compose"
    absent = [image for image in BASE_IMAGES if not _runs("docker", "image", "inspect", image)]
    if absent:
        return f"base images not on this machine: {', '.join(absent)}"
    return None


@pytest.mark.docker
def test_an_upgrade_migrates_once_and_keeps_the_data():
    reason = _missing()
    if reason:
        pytest.skip(reason)
    run = subprocess.run(["bash", str(ROOT / "deploy" / "upgrade_test.sh")], cwd=ROOT, capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert run.stdout.rstrip().endswith("upgrade test passed")
    assert "migrate ran once and applied 0 migrations; api replicas applied none" in run.stdout
