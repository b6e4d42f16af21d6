"""`letopis serve`: the web UI and REST API."""
