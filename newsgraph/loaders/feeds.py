"""Reader for RSS (0.9x, 1.0, 2.0) and Atom feeds, through feedparser.

Each entry is one item: its ``title``; its ``link`` as ``url`` (other entry links, enclosures
and the ``http(s)`` links inside its content follow in ``urls``); its text is the entry's
content (the longest ``content`` value, else ``summary``/``description``) converted from HTML
to plain text with the standard library's ``html.parser``; ``location`` is ``entry N`` (1-based).
The feed's title, an entry's author and tags go to ``sections`` (``feed``, ``author``,
``category``).

Dates: the entry's own ``published`` (else ``updated``, else ``created``) in the time zone it
is written in, else ``default_date``, else the file name's date, else the feed's own date
(``pubDate``/``updated`` of the channel). An entry whose date is written but cannot be read is
a :class:`~newsgraph.loaders.records.Reject`, as is an entry with neither title nor text.

feedparser is handed the decoded document as a byte stream, never a URL or a path, so reading a feed
never touches the network. Malformed XML is read by feedparser's lenient parser; a feed from
which no entry can be recovered is one Reject for the file, and a feed that lost entries to
bad XML gets a Reject saying so next to the entries that were recovered.

>>> rss = '''<rss version="2.0"><channel><title>Lab news</title>
... <item><title>Render joins the DePIN alliance</title><link>https://example.org/render</link>
... <pubDate>Fri, 09 Jan 2026 08:00:00 +0800</pubDate>
... <description>&lt;p&gt;Render &lt;b&gt;GPU&lt;/b&gt; network&lt;/p&gt;</description></item>
... </channel></rss>'''
>>> [(i.title, i.url, i.date.isoformat(), i.text, i.location) for i in read_feed("lab.xml", rss)]
[('Render joins the DePIN alliance', 'https://example.org/render', '2026-01-09', 'Render GPU network', 'entry 1')]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import xml.sax
from collections.abc import Iterator
from pathlib import Path

import feedparser

from newsgraph.graph.model import Item
from newsgraph.loaders.records import Reject, html_to_text, make_item, parse_date_value, resolve_date

__all__ = ["looks_like_feed", "read_feed"]

_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def looks_like_feed(text: str) -> bool:
    """An ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` root element near the top of the document."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    return bool(_FEED_ROOT.search(head)) and head.startswith("<")


def _get(record: dict, key: str) -> object:
    """A key as feedparser stored it (without its deprecated updated/published fallback)."""
    return dict.get(record, key)


def _own_date(entry: dict) -> tuple[dt.date | None, str]:
    """(date, problem): the entry's date as written, in its own time zone."""
    for key in ("published", "updated", "created"):
        raw = _get(entry, key)
        if not raw:
            continue
        try:
            return parse_date_value(raw), ""
        except ValueError:
            parsed = _get(entry, f"{key}_parsed")
            if isinstance(parsed, time.struct_time):  # feedparser read it (in UTC)
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), ""
            return None, f"entry {key} date {raw!r} is not a date"
    return None, ""


def _feed_date(feed: dict) -> dt.date | None:
    for key in ("published", "updated"):
        if raw := _get(feed, key):
            try:
                return parse_date_value(raw)
            except ValueError:
                parsed = _get(feed, f"{key}_parsed")
                if isinstance(parsed, time.struct_time):
                    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: dict, links: list[str]) -> str:
    candidates = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    body = max(candidates, key=len, default="") or entry.get("summary", "") or entry.get("description", "")
    return html_to_text(body, links=links) if body else ""


def _raw(entry: dict) -> str:
    keys = ("title", "link", "published", "updated", "summary")
    return "\n".join(f"{key}: {_get(entry, key)}" for key in keys if _get(entry, key))[:4000]


def read_feed(
    path: str | Path, text: str, *, default_date: dt.date | None = None, **_opts: object
) -> Iterator[Item | Reject]:
    """Read an RSS or Atom document into one item per entry."""
    path = Path(path)
    # the text is already decoded: tell feedparser it is UTF-8, whatever the declaration says
    document = _XML_DECL_ENCODING.sub(r"\1\2utf-8\2", text.lstrip("\ufeff"), count=1).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(document), sanitize_html=False, resolve_relative_uris=False)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    broken = isinstance(problem, xml.sax.SAXException) and not isinstance(
        problem, feedparser.exceptions.ThingsNobodyCaresAboutButMe
    )
    if not entries:
        reason = "no entries found: not an RSS or Atom feed"
        if broken:
            reason = f"not a readable RSS or Atom feed: {problem}"
        elif feed.get("title"):
            reason = f"feed {feed['title']!r} has no entries"
        yield Reject(source=str(path), location="", reason=reason, raw=text[:2000])
        return
    if broken:
        yield Reject(
            source=str(path),
            location="",
            reason=f"the feed's XML is malformed ({problem}); {len(entries)} entries were recovered, "
            "later ones may be missing",
            raw="",
        )
    feed_date = _feed_date(feed)
    feed_title = html_to_text(feed.get("title", "")) if feed.get("title") else ""
    for number, entry in enumerate(entries, start=1):
        location = f"entry {number}"
        own, date_problem = _own_date(entry)
        if date_problem:
            yield Reject(source=str(path), location=location, reason=date_problem, raw=_raw(entry))
            continue
        title = html_to_text(entry.get("title", "")) if entry.get("title") else ""
        urls: list[str] = []
        for candidate in [entry.get("link"), *(link.get("href") for link in entry.get("links") or [])]:
            if candidate and candidate.startswith(("http://", "https://")) and candidate not in urls:
                urls.append(candidate)
        content_links: list[str] = []
        body = _entry_text(entry, content_links)
        urls.extend(link for link in content_links if link not in urls)
        if not title and not body:
            yield Reject(
                source=str(path), location=location, reason="entry has neither a title nor any text", raw=_raw(entry)
            )
            continue
        sections: dict[str, str] = {}
        if feed_title:
            sections["feed"] = feed_title
        if entry.get("author"):
            sections["author"] = str(entry["author"])
        tags = [tag.get("term") for tag in entry.get("tags") or [] if tag.get("term")]
        if tags:
            sections["category"] = ", ".join(dict.fromkeys(tags))
        yield make_item(
            path,
            text=body or title,
            title=title,
            location=location,
            url=urls[0] if urls else None,
            urls=urls,
            date=resolve_date(own, default_date, path, feed_date),
            sections=sections,
        )
