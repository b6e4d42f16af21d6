"""The bundled sample corpus: short press releases written for this project (no third-party text).

`corpus.jsonl` holds one article per line, `{"id","text","published","title","source","url"}`:
five country pairs (KZ-TJ, KZ-UZ, RU-KZ, UZ-KG, RU-CN) over 2022-2025, one story reprinted by three
(fictional) outlets with light edits, a trade target later met (KZ-TJ: 2 bn USD by 2025, 2.1 bn in 2024),
a target whose deadline passed unmet (UZ-KG: 2 bn USD by the end of 2023, 1.3 bn in 2023), and
agreements signed in one article and referred to ("в рамках реализации ...") in later ones.
The persons are real office holders of those years; the texts, outlets and most figures are invented
for illustration and are not news.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def corpus_path() -> Path:
    """The path of the bundled `corpus.jsonl`."""
    return Path(str(resources.files(__name__).joinpath("corpus.jsonl")))


def load_corpus() -> list[dict]:
    """Every sample article as a dict, oldest first."""
    return list(iter_corpus())


def iter_corpus() -> Iterator[dict]:
    with corpus_path().open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
