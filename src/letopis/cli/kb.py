"""Knowledge-base commands (ingest, pair, quotes, figures, agreements, search, entity, export)."""
