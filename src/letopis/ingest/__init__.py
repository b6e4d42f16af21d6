"""Ingest: read articles (text, HTML, JSON Lines, RSS/Atom, directories, feeds over HTTP), extract
their facts in worker processes and store each in one transaction.

    from letopis.ingest import ingest_paths, ingest_records
    summary = ingest_paths(["corpus/"], db_url="kb.sqlite", workers=2)
    summary = ingest_records([{"id": "a1", "text": "...", "published": "2024-03-12"}], db_url=None)
    summary.ingested, summary.duplicates, summary.near_duplicates, summary.skipped
"""

from letopis.ingest.readers import RawDoc, Skip
from letopis.ingest.runner import IngestSummary, ingest_paths, ingest_records

__all__ = ["IngestSummary", "RawDoc", "Skip", "ingest_paths", "ingest_records"]
