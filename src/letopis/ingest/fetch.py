"""`letopis ingest --feed URL`: fetch an RSS/Atom feed over HTTP, then each entry's page.

Each entry's article is the main text of the page at its link (trafilatura); when the page cannot be
fetched or has no article text, the entry's own content or summary is used instead, and when there is
neither, the entry is reported as skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from letopis.ingest.readers import Item, RawDoc, Skip, _entry_body, feed_entries, read_html
from letopis.textio import InputError, check_text

USER_AGENT = "letopis/0.1 (+https://github.com/letopis)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


def fetch_feed(url: str, client: httpx.Client | None = None) -> Iterator[Item]:
    """The articles of the feed at `url` (see the module docstring)."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    try:
        try:
            resp = client.get(url)
            resp.raise_for_status()
        except httpx.HTTPError as e:
            yield Skip(url, f"cannot fetch the feed: {e}")
            return
        try:
            entries = list(feed_entries(resp.content, url))
        except InputError as e:
            yield Skip(url, str(e))
            return
        for entry, meta in entries:
            yield _entry_article(client, entry, meta)
    finally:
        if own:
            client.close()


def _entry_article(client: httpx.Client, entry, meta: dict) -> Item:
    link = meta.get("url")
    page_problem = "entry has no link"
    if link:
        try:
            resp = client.get(httpx.URL(link))
            resp.raise_for_status()
            item = read_html(resp.text, link, url=link)
            if isinstance(item, RawDoc):
                # The feed's metadata is more reliable than what a page template exposes.
                item.title = meta["title"] or item.title
                item.published = meta["published"] or item.published
                item.source = meta["source"] or item.source
                item.url = link
                item.external_id = meta["external_id"] or link
                return item
            page_problem = item.reason
        except (httpx.HTTPError, InputError) as e:
            page_problem = f"cannot fetch {link}: {e}"
    body = _entry_body(entry)
    if not body:
        return Skip(meta["origin"], page_problem)
    try:
        return RawDoc(text=check_text(body, meta["origin"]), **meta)
    except InputError as e:
        return Skip(meta["origin"], str(e))
