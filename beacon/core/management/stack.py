"""A small process supervisor for `beacon run_stack` (see docs/adr/0001-local-stack.md).

It starts each child in its own process group, so a Ctrl-C in the terminal reaches only the
supervisor, which then asks every child once with SIGTERM to stop (some children, like the
task worker, treat a second signal as "abort the running task now"). Children's output is
copied line by line with the child's name in front. If one child dies, the rest are stopped.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO


@dataclass
class Child:
    """One process of the stack: a short name for its log lines and the command to run."""

    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    reader: threading.Thread | None = None


@dataclass
class Supervisor:
    """Starts children, relays their output, and stops them all together."""

    children: Sequence[Child]
    out: IO[str] = field(default_factory=lambda: sys.stdout)
    # How long children get to finish after SIGTERM before they are killed.
    grace: float = 12.0
    env: dict[str, str] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def say(self, name: str, line: str) -> None:
        """Write one line prefixed with the name of whoever said it."""
        with self._lock:
            self.out.write(f"{name:<9}| {line.rstrip()}\n")
            self.out.flush()

    def start(self) -> None:
        """Start every child; output is relayed until the child closes it."""
        env = dict(self.env if self.env is not None else os.environ)
        # Children's Python output must reach us line by line, not in 8 KB lumps.
        env["PYTHONUNBUFFERED"] = "1"
        for child in self.children:
            child.proc = subprocess.Popen(
                child.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
                process_group=0,
                preexec_fn=_die_with_parent(),
            )
            child.reader = threading.Thread(target=self._relay, args=(child,), daemon=True)
            child.reader.start()
            self.say("run_stack", f"started {child.name} (pid {child.proc.pid})")

    def first_exited(self) -> Child | None:
        """A child that has exited, if any."""
        for child in self.children:
            if child.proc is not None and child.proc.poll() is not None:
                return child
        return None

    def watch(
        self, stop: threading.Event, on_tick: Callable[[], None] | None = None
    ) -> Child | None:
        """Wait until `stop` is set (return None) or a child exits (return that child)."""
        while not stop.wait(0.2):
            dead = self.first_exited()
            if dead is not None:
                return dead
            if on_tick is not None:
                on_tick()
        return None

    def stop_all(self, force: threading.Event | None = None) -> None:
        """SIGTERM every child still running, wait up to `grace` seconds, then SIGKILL.

        Setting `force` (a second Ctrl-C) skips the rest of the wait.
        """
        # Pairs of child and its process, so the process is known not to be None below.
        running = [
            (c, c.proc) for c in self.children if c.proc is not None and c.proc.poll() is None
        ]
        for _child, proc in running:
            # Only the leader: gunicorn's master stops its own workers in order.
            proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        while any(proc.poll() is None for _c, proc in running) and time.monotonic() < deadline:
            if force is not None and force.is_set():
                break
            time.sleep(0.1)
        forced = force is not None and force.is_set()
        for child, proc in running:
            if proc.poll() is None:
                why = "as asked" if forced else "as it did not stop in time"
                self.say("run_stack", f"killing {child.name} {why}")
                _signal_group(child, signal.SIGKILL)
                proc.wait()
        for child in self.children:
            if child.reader is not None:
                child.reader.join(timeout=2)

    def _relay(self, child: Child) -> None:
        assert child.proc is not None and child.proc.stdout is not None
        for raw in iter(child.proc.stdout.readline, b""):
            self.say(child.name, raw.decode("utf-8", "replace"))
        child.proc.stdout.close()


def _signal_group(child: Child, signum: int) -> None:
    # The whole group: gunicorn's workers and anything a job spawned go down with it.
    assert child.proc is not None
    try:
        os.killpg(child.proc.pid, signum)
    except ProcessLookupError:
        pass


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, ask the kernel to SIGTERM a child if the supervisor itself is killed
    (say with SIGKILL), so no orphaned server keeps holding the port."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1

    def set_pdeathsig() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)

    return set_pdeathsig


def strip_brackets(host: str) -> str:
    """`[::1]` -> `::1`, for socket calls."""
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def port_in_use(host: str, port: int) -> bool:
    """True if something already listens on host:port (a socket in TIME_WAIT does not count)."""
    host = strip_brackets(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def accepts_connections(host: str, port: int) -> bool:
    """True once a server answers a TCP connect on host:port."""
    try:
        with socket.create_connection((strip_brackets(host), port), timeout=0.5):
            return True
    except OSError:
        return False
