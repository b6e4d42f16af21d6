"""The web UI: server-rendered pages over `letopis.query` (see `letopis.api.create_app`)."""
