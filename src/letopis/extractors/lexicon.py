"""Reading the lexicon data files in `extractors/data/` (one place for the file format).

Layouts: word lists, one entry per line (`words`); tab-separated rows with `#` comment lines (`rows`);
and the same with a header row that names the columns (`table`, read with csv so quoting rules stay
those of the file).
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rows(name: str, strip: bool = False) -> list[list[str]]:
    """Tab-separated cells of every non-blank, non-comment line (`strip`: trim each cell)."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            out.append([c.strip() for c in cells] if strip else cells)
    return out


def words(name: str, lower: bool = False) -> frozenset[str]:
    """The entries of a word list: every non-blank, non-comment line, trimmed (`lower`: lower-cased)."""
    return frozenset(r[0].lower() if lower else r[0] for r in rows(name, strip=True))


def table(name: str) -> list[list[str]]:
    """Rows of a tab-separated file whose first non-comment row is a header (the header dropped)."""
    with open(DATA / name, encoding="utf-8") as f:
        found = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return found[1:]
