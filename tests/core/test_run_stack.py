"""`beacon run_stack`: the whole local stack starts, answers, and stops cleanly together."""

from __future__ import annotations

import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

# One worker under xdist: the migrated template database is built once for the module.
pytestmark = pytest.mark.xdist_group("run_stack")

STARTUP_TIMEOUT = 60
STOP_TIMEOUT = 15


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stack_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BEACON_", "DATABASE_"))}
    env.update(
        BEACON_VAR_DIR=str(var_dir),
        BEACON_SQLITE_PATH=str(var_dir / "beacon.sqlite3"),
        BEACON_EMAIL_PORT=str(_free_port()),
        BEACON_DEBUG="true",
        DJANGO_SETTINGS_MODULE="beacon.settings",
    )
    return env


@pytest.fixture(scope="module")
def migrated_db(tmp_path_factory) -> Path:
    """One migrated SQLite database, copied for each test."""
    var_dir = tmp_path_factory.mktemp("stack-template")
    subprocess.run(
        [sys.executable, "-m", "beacon", "migrate", "--noinput"],
        env=_stack_env(var_dir),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return var_dir / "beacon.sqlite3"


@pytest.fixture
def stack(tmp_path, migrated_db):
    """Start `beacon run_stack` on free ports; yield (process, port, env, output file)."""
    shutil.copy(migrated_db, tmp_path / "beacon.sqlite3")
    env, port = _stack_env(tmp_path), _free_port()
    output = tmp_path / "stack.log"
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "beacon", "run_stack", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_for_page(f"http://127.0.0.1:{port}/privacy/", process, output)
        # The stack announces itself once the mail server answers too.
        _wait_for_output("Beacon is running at", process, output)
        yield process, port, env, output
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def _wait_for_page(url: str, process: subprocess.Popen, output: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, output.read_text()
        try:
            if _get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in time:\n{output.read_text()}")


def _wait_for_output(text: str, process: subprocess.Popen, output: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while text not in output.read_text():
        assert process.poll() is None and time.monotonic() < deadline, output.read_text()
        time.sleep(0.1)


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rpartition(")")[2].split()[1])


def _descendants(root: int) -> dict[int, str]:
    """Every live process below `root`, with its command line."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                parents[int(entry.name)] = parent
    found, frontier = {}, [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in found:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                found[pid] = cmdline.decode(errors="replace")
                frontier.append(pid)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def _assert_all_gone(pids) -> None:
    deadline = time.monotonic() + 2
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in pids if _alive(pid)] == []


@pytest.mark.slow
def test_stack_serves_pages_and_mail_then_stops_on_ctrl_c(stack):
    process, port, env, output = stack
    base = f"http://127.0.0.1:{port}"
    children = _descendants(process.pid)
    commands = " ".join(children.values())
    for part in ("gunicorn", "db_worker", "run_periodic", "mailserver"):
        assert part in commands

    assert _get(f"{base}/static/beacon/css/beacon.css")[0] == 200
    # An emailed link's path is its token: the access log names the route instead.
    token = "Zq9dW4kT7pXv2mN8bR5sJ3hL6cF1gY0aE-uI_oK"
    assert _get(f"{base}/letters/status/{token}/?from=mail")[0] == 404
    letter = EmailMessage()
    letter["From"], letter["To"], letter["Subject"] = "a@example.org", "b@example.org", "Hello"
    letter.set_content("Caught locally.")
    with smtplib.SMTP("127.0.0.1", int(env["BEACON_EMAIL_PORT"]), timeout=5) as client:
        client.send_message(letter)
    status, page = _get(f"{base}/dev/mail/")
    assert status == 200 and "Hello" in page

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=STOP_TIMEOUT) == 0
    _assert_all_gone(children)
    log = output.read_text()
    assert f"Beacon is running at {base}/" in log
    assert "all stopped" in log
    assert "GET /letters/status/<token>/ 404" in log
    assert "GET /static/<path> 200" in log
    assert token not in log and "from=mail" not in log


@pytest.mark.slow
def test_when_one_child_dies_the_others_are_stopped_and_the_exit_is_non_zero(stack):
    process, port, env, output = stack
    children = _descendants(process.pid)
    periodic = next(pid for pid, cmd in children.items() if "run_periodic" in cmd)

    os.kill(periodic, signal.SIGKILL)

    assert process.wait(timeout=STOP_TIMEOUT) == 1
    _assert_all_gone(children)
    assert "periodic exited unexpectedly" in output.read_text()


def test_a_web_port_in_use_is_refused_with_a_clear_message():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is already in use"):
            call_command("run_stack", port=port)


def test_a_mail_port_in_use_is_refused_with_a_clear_message(settings, smtp_server):
    # The test session's own mail server already listens on EMAIL_PORT.
    with pytest.raises(CommandError, match=f"mail port {smtp_server.port} .* already in use"):
        call_command("run_stack", port=_free_port())
