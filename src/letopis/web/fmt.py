"""Russian display labels and number/date formatting for the web pages (labels live in labels.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_LABELS = Path(__file__).with_name("labels.json")


@cache
def labels() -> dict[str, dict[str, Any]]:
    return json.loads(_LABELS.read_text(encoding="utf-8"))


def label(group: str, key: Any) -> str:
    """The Russian label of a schema value, or the value itself when there is none."""
    if key is None:
        return ""
    return str(labels().get(group, {}).get(str(key), key))


_SCALES = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тыс."))


def number(value: Any) -> str:
    """1400000000 -> '1,4 млрд'; 60 -> '60'; Russian decimal comma, thin-space thousands."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    for scale, word in _SCALES:
        # Thousands stay as digits ("5 000") unless the number is a round multiple.
        if abs(v) >= scale and (scale > 1e3 or v % 1000 == 0):
            return f"{_plain(v / scale)} {word}"
    return _plain(v)


def _plain(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}".replace(",", "\u202f")
    return f"{v:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f").replace(".", ",")


def unit(u: Any) -> str:
    return label("unit", u) if u else ""


def amount(value: Any, u: Any = None, qualifier: Any = None) -> str:
    """'не менее 2 млрд долл.'"""
    parts = [label("qualifier", qualifier) if qualifier else "", number(value), unit(u)]
    text = " ".join(p for p in parts if p)
    return text.replace(" %", "%")


def date(value: Any) -> str:
    """'2023-08-22' -> '22 авг 2023'; '2023-08' -> 'авг 2023'; other strings unchanged."""
    if not value:
        return ""
    s = str(value)
    months = labels()["months"]
    try:
        if len(s) >= 10 and s[4] == "-" and s[7] == "-":
            return f"{int(s[8:10])} {labels()['months_gen'][int(s[5:7]) - 1]} {s[:4]}"
        if len(s) == 7 and s[4] == "-":
            return f"{months[int(s[5:7]) - 1]} {s[:4]}"
    except (ValueError, IndexError):
        return s
    return s


def short(text: Any, n: int = 160) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def period(p: Any) -> str:
    """A period as a dict {start, end, text}, a string, or None -> '2023–2024'."""
    if not p:
        return ""
    if isinstance(p, dict):
        start, end = str(p.get("start") or ""), str(p.get("end") or "")
        if start[:4] and start[:4] == end[:4]:
            return start[:4] if start[5:] in ("", "01-01") and end[5:] in ("", "12-31") else f"{start}–{end}"
        return f"{start[:4]}–{end[:4]}".strip("–")
    return str(p)


def register(env: Any) -> None:
    """Expose the helpers to Jinja templates as filters and globals."""
    env.filters.update(number=number, unit=unit, date=date, short=short, period=period)
    env.globals.update(label=label, amount=amount)
