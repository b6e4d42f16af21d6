"""Readers: files, directories, JSON Lines, HTML pages and RSS/Atom feeds -> `RawDoc`s.

Every reader yields `RawDoc` (an article to analyse) or `Skip` (something that could not be read, with
the reason); a bad file or line never stops the batch.

    iter_paths([Path("corpus/")])   recursively; the format is chosen by file extension:
        .jsonl .ndjson      JSON Lines {"id","text","published"?,"title"?,"source"?,"url"?}
        .html .htm          a web page: main text, title, date, URL and outlet via trafilatura
        .rss .atom .xml     a feed: each entry's content (or summary) is an article
        anything else       plain text (UTF-8, UTF-16 with BOM or Windows-1251)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from letopis.textio import InputError, check_text, decode_bytes

JSONL_EXT = {".jsonl", ".ndjson"}
HTML_EXT = {".html", ".htm", ".xhtml"}
FEED_EXT = {".rss", ".atom", ".xml"}
_ISO_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class RawDoc:
    """An article before analysis. `origin` says where it came from (path, path:line, URL) for
    messages; `external_id` is the caller's id (JSON "id", file name, feed entry id or link)."""

    text: str
    origin: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD"
    external_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Skip:
    """Something that could not be read: where, and why."""

    origin: str
    reason: str


Item = RawDoc | Skip


def iter_paths(paths: Iterable[Path | str]) -> Iterator[Item]:
    """Every article in these files and directories (recursively, in sorted order, hidden files
    skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield from read_file(f)
        elif p.is_file():
            yield from read_file(p)
        else:
            yield Skip(str(p), "no such file or directory")


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file, by extension."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Skip(str(path), f"cannot read: {e.strerror}")
        return
    ext = path.suffix.lower()
    try:
        if ext in JSONL_EXT:
            yield from read_jsonl(data, str(path))
        elif ext in HTML_EXT:
            yield read_html(data, str(path))
        elif ext in FEED_EXT:
            yield from read_feed(data, str(path))
        else:
            yield read_text(data, path)
    except InputError as e:
        yield Skip(str(path), str(e))
    except Exception as e:  # a reader library failing on a malformed file must not stop the batch
        yield Skip(str(path), f"unreadable {ext or 'file'}: {type(e).__name__}: {e}")


def read_text(data: bytes, path: Path) -> RawDoc:
    """A plain-text article; a YYYY-MM-DD in the file name is taken as its publication date."""
    text = decode_bytes(data, str(path))
    m = _ISO_IN_NAME.search(path.name)
    return RawDoc(text=text, origin=str(path), external_id=path.stem, published=_iso(m[1]) if m else None)


def read_jsonl(data: bytes, origin: str) -> Iterator[Item]:
    """One article per line: {"id","text","published"?,"title"?,"source"?,"url"?}; blank lines ignored."""
    try:
        content = decode_bytes(data, origin)
    except InputError as e:
        yield Skip(origin, str(e))
        return
    for n, line in enumerate(content.splitlines(), 1):
        if line.strip():
            yield record_to_doc(line, f"{origin}:{n}")


def record_to_doc(record: str | dict[str, Any], origin: str) -> Item:
    """A JSON Lines record (as text or dict) -> RawDoc, or Skip saying what is wrong with it."""
    if isinstance(record, str):
        try:
            record = json.loads(record)
        except json.JSONDecodeError as e:
            return Skip(origin, f"invalid JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return Skip(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Skip(origin, 'missing "text" (a string)')
    try:
        text = check_text(text, origin)
    except InputError as e:
        return Skip(origin, str(e))
    published = record.get("published")
    if published is not None and _iso(str(published)) is None:
        return Skip(origin, f'"published" must be a date YYYY-MM-DD, not {published!r}')
    rid = record.get("id")
    return RawDoc(
        text=text,
        origin=origin,
        title=_str(record.get("title")),
        source=_str(record.get("source")),
        url=_str(record.get("url")),
        published=_iso(str(published)) if published is not None else None,
        external_id=str(rid) if rid is not None else None,
    )


def read_html(data: bytes | str, origin: str, url: str | None = None) -> Item:
    """A web page: main text, title, date (Russian dates too), URL and outlet, via trafilatura."""
    import trafilatura

    html = data if isinstance(data, str) else _decode_html(data, origin)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Skip(origin, "no article text found in the page")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (meta.get("text") or "").strip()
    title = _str(meta.get("title"))
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n ")  # trafilatura repeats the headline as the first line
    if not text:
        return Skip(origin, "no article text found in the page")
    return RawDoc(
        text=check_text(text, origin),
        origin=origin,
        title=title,
        source=_str(meta.get("sitename")) or _str(meta.get("hostname")),
        url=_str(meta.get("url")) or url,
        published=_iso(meta.get("date")),
        external_id=_str(meta.get("url")) or url or Path(origin).stem,
    )


def _decode_html(data: bytes, origin: str) -> str:
    m = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.I)
    if m:
        try:
            return data.decode(m[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, origin)


def read_feed(data: bytes, origin: str) -> Iterator[Item]:
    """Each entry of an RSS/Atom feed: its content, else its summary (HTML reduced to text)."""
    for entry, meta in feed_entries(data, origin):
        body = _entry_body(entry)
        if not body:
            yield Skip(meta["origin"], "feed entry has no content or summary")
            continue
        try:
            yield RawDoc(text=check_text(body, meta["origin"]), **meta)
        except InputError as e:
            yield Skip(meta["origin"], str(e))


def feed_entries(data: bytes, origin: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(feedparser entry, RawDoc metadata) per entry; raises InputError when it is not a feed."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        raise InputError(f"{origin}: not an RSS/Atom feed, or a feed without entries{problem}")
    source = _str(feed.feed.get("title"))
    for i, e in enumerate(feed.entries, 1):
        link = _str(e.get("link"))
        when = e.get("published_parsed") or e.get("updated_parsed")
        yield e, {
            "origin": f"{origin}#{i}",
            "title": _str(e.get("title")),
            "source": source,
            "url": link,
            "published": date(*when[:3]).isoformat() if when else None,
            "external_id": _str(e.get("id")) or link,
        }


def _entry_body(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    return "\n".join(html_to_text(p) for p in parts if p).strip()


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (feed content): paragraphs and line breaks become newlines."""
    import html

    if "<" not in fragment:
        return html.unescape(fragment).strip()
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    s = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    return "\n".join(" ".join(line.split()) for line in s.splitlines() if line.strip())


def _str(v: Any) -> str | None:
    return str(v).strip() or None if v is not None else None


def _iso(v: str | None) -> str | None:
    """"2023-08-22", "2023-08-22T10:00:00+05:00" -> "2023-08-22"; anything else -> None."""
    if not v:
        return None
    try:
        return date.fromisoformat(v[:10]).isoformat()
    except ValueError:
        try:
            return datetime.fromisoformat(v).date().isoformat()
        except ValueError:
            return None
