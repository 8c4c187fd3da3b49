"""gunicorn's access log without anything personal or secret.

Run gunicorn with `--logger-class beacon.core.accesslog.PrivateAccessLogger` (run_stack
does; docs/operations.md gives the production command line).
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger as GunicornLogger

from beacon.core.logs import path_redact


class PrivateAccessLogger(GunicornLogger):
    """gunicorn's logger, with access log atoms that hold nothing personal or secret: the
    path with its tokens replaced (`%(U)s`, and in `%(r)s`), and no query string, client
    address, user, referrer, user agent, request or response headers or environment (each
    of these formats as "-")."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        safe = {key: value for key, value in atoms.items() if not key.startswith("{")}
        path = path_redact(environ.get("PATH_INFO", ""))
        safe.update(
            U=path,
            r=f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}",
            f="-",
            q="-",
            h="-",
            a="-",
            u="-",
        )
        return safe
