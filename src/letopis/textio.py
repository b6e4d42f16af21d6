"""Turning untrusted bytes into text we can analyse, with clear errors instead of tracebacks."""

from __future__ import annotations

import unicodedata

MAX_CHARS = 20_000_000  # far above any article; guards memory on a wrong file


class InputError(ValueError):
    """Input that cannot be analysed: empty, binary, undecodable or too large. The message says why."""


def decode_bytes(data: bytes, name: str = "input") -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251, which Russian sites still use."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return check_text(data.decode("utf-16"), name)
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary data (NUL bytes), not a text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_cp1251(data, name)
    return check_text(text, name)


def _decode_cp1251(data: bytes, name: str) -> str:
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: neither UTF-8 nor Windows-1251 text ({e.reason} at byte {e.start})") from e
    letters = sum(c.isalpha() for c in text[:20000])
    cyrillic = sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in text[:20000])
    if letters == 0 or cyrillic / letters < 0.3:
        raise InputError(f"{name}: not valid UTF-8 and does not look like Windows-1251 Russian text")
    return text


def check_text(text: str, name: str = "input") -> str:
    """Reject what cannot be an article; normalise line endings (offsets refer to the result)."""
    if not isinstance(text, str):
        raise InputError(f"{name}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name}: empty or whitespace-only text")
    if len(text) > MAX_CHARS:
        raise InputError(f"{name}: {len(text):,} characters is more than the limit of {MAX_CHARS:,}")
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(10, len(sample) // 100):
        raise InputError(f"{name}: looks like binary data ({controls} control characters), not a text")
    return text.replace("\r\n", "\n").replace("\r", "\n")
