"""A fork server for the fault test: `beacon db_worker` processes without the start-up.

Run as a script with the worker's environment. It loads Django and the worker's code
once, opening no database connection, then answers one command per line on stdin:

    start        fork a worker; answer its pid
    poll PID     answer "running", or "exited CODE" once the worker has ended
    wait PID     wait for the worker to end; answer "exited CODE"

Each worker is a forked child in a session of its own (so that `os.killpg(pid, SIGKILL)`
kills it and nothing else) that runs `beacon db_worker ARGS...` through Django's command
line, as the `beacon` script does, with its random state reseeded. Only the ~1 s of
imports that every new `beacon` process spends before it does anything is skipped.
"""

from __future__ import annotations

import os
import random
import sys


def _preload() -> None:
    """Import what a worker imports before it takes its first task."""
    from beacon.environment import prepare

    prepare()
    import django

    django.setup()
    import django.core.mail.backends.smtp  # noqa: F401 - loaded for the children.
    from django.core.management import get_commands, load_command_class
    from django.db import connections
    from django.urls import get_resolver

    import beacon.delivery.tasks  # noqa: F401 - the message_send task.

    load_command_class(get_commands()["db_worker"], "db_worker")
    get_resolver().url_patterns  # noqa: B018 - the system checks read the URLconf.
    connections.close_all()


def _worker(argv: list[str], started: int) -> None:
    """In the forked child: become a session leader, say so on `started`, and run the
    worker; never return."""
    code = 1
    try:
        os.setsid()
        os.close(started)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        random.seed()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["beacon", *argv])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os._exit(code)


def _status(pid: int, flags: int) -> str:
    done, status = os.waitpid(pid, flags)
    if done == 0:
        return "running"
    return f"exited {os.waitstatus_to_exitcode(status)}"


def main(argv: list[str]) -> None:
    _preload()
    out = sys.stdout
    for line in sys.stdin:
        command, _sep, argument = line.strip().partition(" ")
        if command == "start":
            out.flush()
            ready, started = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(ready)
                _worker(argv, started)
            os.close(started)
            # The child closes its end once it leads its own session: from then on, a
            # kill of its process group cannot miss it.
            os.read(ready, 1)
            os.close(ready)
            out.write(f"{pid}\n")
        elif command == "poll":
            out.write(_status(int(argument), os.WNOHANG) + "\n")
        elif command == "wait":
            out.write(_status(int(argument), 0) + "\n")
        else:
            out.write(f"unknown command {command!r}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
