"""`letopis bench speed`: full extraction throughput against natasha's segmenter + NER alone."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from letopis.bench import DEFAULT_GOLD, read_jsonl

_LOAD_PROBE = (
    "import time; t = time.perf_counter(); import letopis; from letopis.nlp import models; "
    "models(); print(time.perf_counter() - t)"
)


def cli(
    gold: Annotated[Path, typer.Option(help="JSON Lines with a 'text' field per line.")] = DEFAULT_GOLD,
    repeat: Annotated[int, typer.Option(help="Passes over the texts; the best pass counts.")] = 2,
    big_mb: Annotated[float, typer.Option(help="Also extract one text of this many MB (0: skip).")] = 5.0,
) -> None:
    """Throughput (KB/s, docs/s) of the full extraction beside natasha segment+NER, peak RSS, load time."""
    if not gold.exists():
        raise typer.BadParameter(f"{gold} not found (the factRuEval dev set lives in ../shared/gold)")
    texts = [r["text"] for r in read_jsonl(gold) if r.get("text", "").strip()]
    report = run(texts, repeat=repeat)
    console = Console()
    show(report, console)
    if big_mb > 0:
        big = big_text(texts, big_mb)
        console.print(f"one {big['mb']:.1f} MB text: {big['seconds']:.1f} s, {big['kbps']:.0f} KB/s, "
                      f"peak RSS {big['peak_rss_mb']:.0f} MB, {big['facts']} facts")


def load_seconds() -> float:
    """Model load time in a fresh interpreter: imports plus natasha/pymorphy models."""
    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


_BIG_PROBE = """
import json, resource, sys, time
import letopis
from letopis.nlp import models
models()
text = sys.stdin.read()
t = time.perf_counter()
x = letopis.extract(text)
dt = time.perf_counter() - t
n = len(x.entities) + len(x.quotes) + len(x.figures) + len(x.agreements) + len(x.events) + len(x.commitments)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "peak_rss_mb": rss, "facts": n}))
"""


def big_text(texts: list[str], mb: float) -> dict[str, float]:
    """Extract one huge text (the dev texts repeated) in a fresh process: time and peak memory."""
    target = int(mb * 1024 * 1024)
    parts, size, i = [], 0, 0
    while size < target:
        t = texts[i % len(texts)]
        parts.append(t)
        size += len(t.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(parts)
    out = subprocess.run([sys.executable, "-c", _BIG_PROBE], input=data, capture_output=True, text=True,
                         check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["mb"] = len(data.encode("utf-8")) / 1024 / 1024
    r["kbps"] = r["mb"] * 1024 / r["seconds"]
    return r


def run(texts: list[str], repeat: int = 2) -> dict[str, float]:
    import letopis
    from letopis.nlp import models

    m = models()
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024

    from natasha import Doc, Segmenter

    segmenter = Segmenter()

    def baseline() -> None:
        for t in texts:
            d = Doc(t)
            d.segment(segmenter)
            d.tag_ner(m.ner)

    def full() -> None:
        for t in texts:
            letopis.extract(t)

    baseline()  # warm both paths (lazy imports, caches) before timing
    full()
    tb = min(_timed(baseline) for _ in range(repeat))
    tf = min(_timed(full) for _ in range(repeat))
    return {
        "docs": len(texts),
        "kb": kb,
        "baseline_s": tb,
        "full_s": tf,
        "baseline_kbps": kb / tb,
        "full_kbps": kb / tf,
        "baseline_dps": len(texts) / tb,
        "full_dps": len(texts) / tf,
        "ratio": tb / tf,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_s": load_seconds(),
    }


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def show(r: dict[str, float], console: Console) -> None:
    t = Table(title=f"Extraction speed on {int(r['docs'])} documents, {r['kb']:.0f} KB")
    for col in ("pipeline", "seconds", "KB/s", "docs/s"):
        t.add_column(col, justify="right" if col != "pipeline" else "left")
    t.add_row("natasha segment+NER (baseline)", f"{r['baseline_s']:.2f}", f"{r['baseline_kbps']:.1f}",
              f"{r['baseline_dps']:.1f}")
    t.add_row("letopis full extraction", f"{r['full_s']:.2f}", f"{r['full_kbps']:.1f}", f"{r['full_dps']:.1f}")
    console.print(t)
    verdict = "meets" if r["ratio"] >= 0.5 else "BELOW"
    console.print(f"throughput ratio letopis/baseline: {r['ratio']:.2f}x ({verdict} the 0.5x bar)")
    console.print(f"peak RSS: {r['peak_rss_mb']:.0f} MB")
    console.print(f"model load (fresh process): {r['load_s']:.2f} s ({'under' if r['load_s'] < 3 else 'OVER'} 3 s)")
