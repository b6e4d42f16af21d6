"""Run the web UI and REST API with uvicorn."""

from __future__ import annotations

import os
from typing import Any


def serve(db_url: str | None = None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          workers: int = 1, log_level: str = "info") -> None:
    """Serve `create_app(db_url, token)` until interrupted (the database is migrated on first use).

    With `workers` > 1, uvicorn runs that many processes, each building the app from the environment
    ($LETOPIS_DB, $LETOPIS_TOKEN), so the URL and token are passed through it.
    """
    import uvicorn

    from letopis.store.db import ENV_VAR, open_db, resolve_url

    url = resolve_url(db_url)
    open_db(url).dispose()  # migrate once, before any worker starts
    opts: dict[str, Any] = {"host": host, "port": port, "log_level": log_level, "server_header": False,
                            "access_log": False}
    if workers > 1:
        os.environ[ENV_VAR] = url
        if token is not None:
            os.environ["LETOPIS_TOKEN"] = token
        uvicorn.run("letopis.web.server:app_from_env", factory=True, workers=workers, **opts)
        return
    from letopis.api import create_app

    uvicorn.run(create_app(url, token=token), **opts)


def app_from_env() -> Any:
    """The app for uvicorn worker processes: database from $LETOPIS_DB, token from $LETOPIS_TOKEN."""
    from letopis.api import create_app

    return create_app(None)
