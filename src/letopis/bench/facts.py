"""`letopis bench facts`: the fact readings (seed + facts-dev) scored with the team's scorer.

Runs the extraction on the seed article and on the 16 facts-dev articles of the factRuEval dev set,
writes each extraction beside a copy of nothing (the readings are read in place), and runs
`../shared/tools/score_facts.py` over all pairs, micro-averaged, plus the seed alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from letopis.bench import read_jsonl

SHARED = Path("../shared")
# Original articles with readings written by the team, never used to tune rules (tests/test_heldout.py).
HELDOUT = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "heldout"


def cli(
    shared: Annotated[Path, typer.Option(help="The shared/ folder.")] = SHARED,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss.")] = False,
    only: Annotated[str | None, typer.Option(help="Only this reading (e.g. seed, factrueval-book_142).")] = None,
    keep: Annotated[Path | None, typer.Option(help="Keep the extractions in this folder.")] = None,
    folder: Annotated[list[Path] | None, typer.Option(
        help="Also score this folder of <id>.txt + <id>.json readings (repeatable), e.g. tests/fixtures/blind.")] = None,
) -> None:
    """Score the extraction against the seed reading and the 16 facts-dev readings."""
    scorer = shared / "tools" / "score_facts.py"
    if not scorer.exists():
        raise typer.BadParameter(f"{scorer} not found: ../shared is not beside this checkout")
    out_dir = keep or Path(tempfile.mkdtemp(prefix="letopis-facts-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    extra = [f.resolve() for f in folder or []]
    pairs = [(ref, out_dir / f"{name}.json") for name, ref in _write_extractions(shared, out_dir, only, extra)]
    seed = [p for p in pairs if p[0].parent.name == "seed"]
    dev = [p for p in pairs if p[0].parent.name == "facts-dev"]
    held = [p for p in pairs if p[0].parent.name == "heldout"]
    groups = (
        ("seed", seed),
        ("facts-dev (16 articles, micro-averaged)", dev),
        (f"held-out ({len(held)} original articles, micro-averaged)", held),
    )
    for f in extra:
        group = [p for p in pairs if p[0].parent == f]
        groups += ((f"{f.name} ({len(group)} articles, micro-averaged)", group),)
    for title, group in groups:
        if not group:
            continue
        print(f"== {title}")
        args = [str(x) for pair in group for x in pair]
        cmd = [sys.executable, str(scorer), *(["--pairs"] if len(group) > 1 else []), *args]
        if verbose:
            cmd.append("--verbose")
        sys.stdout.flush()
        subprocess.run(cmd, check=False)


def _write_extractions(shared: Path, out_dir: Path, only: str | None, extra: list[Path] = ()):
    import letopis

    seed_ref = shared / "seed" / "expected.json"
    if only in (None, "seed"):
        text = (shared / "seed" / "kz-tj-talks-2023.txt").read_text(encoding="utf-8")
        x = letopis.extract(text, published=json.loads(seed_ref.read_text())["published"], id="seed")
        (out_dir / "seed.json").write_text(x.to_json(indent=1), encoding="utf-8")
        yield "seed", seed_ref
    docs = {str(r["id"]): r for r in read_jsonl(shared / "gold" / "factrueval2016" / "dev.jsonl")}
    for ref in sorted((shared / "gold" / "facts-dev").glob("*.json")):
        if only not in (None, ref.stem):
            continue
        reading = json.loads(ref.read_text(encoding="utf-8"))
        doc_id = str(reading["source"]["id"])
        x = letopis.extract(docs[doc_id]["text"], published=reading.get("published"), id=doc_id)
        (out_dir / f"{ref.stem}.json").write_text(x.to_json(indent=1), encoding="utf-8")
        yield ref.stem, ref
    folders = [HELDOUT] if HELDOUT.is_dir() and HELDOUT.resolve() not in extra else []
    for ref in (r for f in [*folders, *extra] for r in sorted(f.glob("*.json"))):
        if only not in (None, ref.stem) or not ref.with_suffix(".txt").exists():
            continue
        reading = json.loads(ref.read_text(encoding="utf-8"))
        text = ref.with_suffix(".txt").read_text(encoding="utf-8")
        x = letopis.extract(text, published=reading.get("published"), id=ref.stem)
        (out_dir / f"{ref.stem}.json").write_text(x.to_json(indent=1), encoding="utf-8")
        yield ref.stem, ref
