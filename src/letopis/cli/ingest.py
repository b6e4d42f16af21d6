"""`letopis ingest`: files, directories, JSON Lines, HTML, feeds -> the store."""
