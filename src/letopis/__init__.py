"""Letopis: a chronicle of interstate relations read from Russian-language news.

    >>> import letopis
    >>> x = letopis.extract("Президент Казахстана Касым-Жомарт Токаев ...", published="2023-08-22")
    >>> x.model_dump_json()
"""

from __future__ import annotations

from typing import Any

from letopis.model import Extraction

__version__ = "0.1.0"
__all__ = ["Extraction", "extract"]


def extract(text: str, published: str | None = None, **meta: Any) -> Extraction:
    """Extract every fact of one Russian news article. Models load once per process."""
    from letopis import extractors
    from letopis.nlp import analyse
    from letopis.textio import check_text

    text = check_text(text)
    doc = analyse(text, published=published, **meta)
    return extractors.run(doc)
