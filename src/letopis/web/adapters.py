"""Adapters to other helpers' write interfaces (kept here so the API module stays a thin layer)."""

from __future__ import annotations

from typing import Any

from letopis.model import Extraction


def ingest_one(engine: Any, text: str, meta: dict[str, Any], x: Extraction) -> dict[str, Any]:
    """Store one analysed article in its own transaction (idempotent by content hash).

    `text` must be the normalised text the extraction's offsets refer to (`textio.check_text`).
    Returns {"id", "document_id", "story_id", "duplicate", "near_duplicate"}; `id` is the address
    of the document under /api/v1/documents/{id}.
    """
    from sqlalchemy.orm import Session

    from letopis.store.writer import DocumentRecord, store_extraction

    rec = DocumentRecord.build(text, title=meta.get("title"), source=meta.get("source"), url=meta.get("url"),
                               published=meta.get("published"), external_id=meta.get("id"))
    with Session(engine) as session, session.begin():
        res = store_extraction(session, rec, x)
    return {"id": str(meta.get("id") or res.document_id), "document_id": res.document_id,
            "story_id": res.story_id, "duplicate": res.duplicate, "near_duplicate": res.near_duplicate}
