"""The knowledge base: schema (`schema`), connection and migrations (`db`), writing (`writer`),
full-text search (`fts`)."""

from letopis.store.db import open_db, resolve_url

__all__ = ["open_db", "resolve_url"]
