"""What every reader yields: :class:`~newsgraph.graph.model.Item` or :class:`Reject`.

A reader is a generator ``read_<format>(path, text, *, default_date) -> Iterator[Item | Reject]``:
it never raises for a bad record (it yields a :class:`Reject` naming the place and the
reason, so the rest of the batch goes on) and never touches a store.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from newsgraph.graph.model import Item

__all__ = [
    "MAX_TITLE_CHARS",
    "Reject",
    "add_note",
    "date_from_name",
    "detect_lang",
    "html_to_text",
    "make_item",
    "parse_date",
    "parse_date_value",
    "resolve_date",
]


class Reject(BaseModel):
    """A record that could not be read, kept with its reason and location."""

    model_config = ConfigDict(extra="forbid")

    source: str
    location: str = ""
    reason: str
    raw: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: {self.reason}"


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters make up a real share of the letters, else ``en``.

    >>> detect_lang("Anthropic 发布 Claude Opus 4.5")
    'zh'
    >>> detect_lang("Anthropic releases Claude Opus 4.5")
    'en'
    """
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    return "zh" if cjk and cjk >= 0.5 * latin_words else "en"


def _normalise_content(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


#: a title longer than this is cut (the whole of it stays in the text)
MAX_TITLE_CHARS = 300
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(value: str, notes: list[str]) -> str:
    """A string with lone surrogates (``"\\ud800"`` from JSON) replaced by U+FFFD, counted in ``notes``."""
    cleaned, count = _SURROGATE.subn("\ufffd", value)
    if count:
        notes.append(f"{count} lone surrogate character(s) replaced with U+FFFD")
    return cleaned


def add_note(sections: dict[str, str], note: str) -> None:
    """Add a line to ``sections["note"]`` (what the reader changed, and why)."""
    if note and note not in sections.get("note", "").split("\n"):
        sections["note"] = f"{sections['note']}\n{note}" if sections.get("note") else note


def make_item(
    source: str | Path,
    *,
    text: str,
    title: str = "",
    location: str = "",
    url: str | None = None,
    urls: list[str] | None = None,
    date: dt.date | None = None,
    lang: str | None = None,
    kind: str = "news",
    sections: dict[str, str] | None = None,
) -> Item:
    """Build an :class:`Item` whose id is a hash of the source's name and the content.

    The file name (not its folder) is hashed, so moving a digest does not duplicate it. Lone
    surrogates are replaced (with a note in ``sections["note"]``); a title longer than
    :data:`MAX_TITLE_CHARS` is cut, the whole of it kept at the head of the text.
    """
    notes: list[str] = []
    text, title = _clean(text, notes), _clean(title, notes)
    sections = {_clean(str(k), notes): _clean(str(v), notes) for k, v in (sections or {}).items()}
    urls = [_clean(u, notes) for u in (urls or ([url] if url else []))]
    url = _clean(url, notes) if url else None
    title = title.strip()
    if len(title) > MAX_TITLE_CHARS:
        if not text.strip().startswith(title):
            text = f"{title}\n{text}"
        notes.append(f"title of {len(title)} characters cut to {MAX_TITLE_CHARS}")
        title = title[: MAX_TITLE_CHARS - 1] + "…"
    for note in dict.fromkeys(notes):
        add_note(sections, note)
    name = Path(str(source)).name
    content = _normalise_content(f"{title}\n{text}")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    item_hash = hashlib.sha256(f"{name}\n{content}".encode()).hexdigest()[:20]
    return Item(
        id=f"item:{item_hash}",
        source=str(source),
        location=location,
        title=title,
        url=url,
        urls=urls,
        date=date,
        lang=lang or detect_lang(f"{title} {text[:20000]}"),
        kind=kind,
        sections=sections,
        text=text.strip(),
        content_hash=digest,
    )


_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"),
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
]


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` (Chinese, ISO, or ``YY-MM-DD`` file-name style).

    >>> parse_date("日期:2026年01月08日")
    datetime.date(2026, 1, 8)
    >>> parse_date("digest-2026-01-09.zh.txt")
    datetime.date(2026, 1, 9)
    >>> parse_date("no date here") is None
    True
    """
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            year = int(match["y"])
            year = year + 2000 if year < 100 else year
            try:
                return dt.date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    if (parsed := _parse_english_date(text)) is not None:
        return parsed
    return None


def _parse_english_date(text: str) -> dt.date | None:
    match = re.search(r"([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})", text)
    if not match:
        return None
    try:
        return dt.datetime.strptime(f"{match[1][:3]} {match[2]} {match[3]}", "%b %d %Y").date()
    except ValueError:
        return None


def date_from_name(path: str | Path) -> dt.date | None:
    """The date in a file name such as ``digest-2026-01-09.zh.txt``, if any."""
    return parse_date(Path(str(path)).name)


def parse_date_value(value: object) -> dt.date | None:
    """The date of a record's own date field; ``None`` when the field is empty.

    Accepts dates and datetimes, ISO 8601 (``2026-01-08``, ``2026-01-08T05:44:39Z``),
    RFC 2822 (``Sat, 10 Jan 2026 00:12:00 +0000``) and anything :func:`parse_date` reads.
    A datetime keeps the day written in its own time zone. Raises ``ValueError`` for a value
    that is present but is not a date, so that the caller can reject the record rather than
    silently give it another date.

    >>> parse_date_value("2026-01-08T23:30:00-08:00")
    datetime.date(2026, 1, 8)
    >>> parse_date_value("Sat, 10 Jan 2026 00:12:00 +0000")
    datetime.date(2026, 1, 10)
    >>> parse_date_value("") is None
    True
    >>> parse_date_value("next Tuesday")
    Traceback (most recent call last):
    ...
    ValueError: not a date: 'next Tuesday'
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = parse_date(text)
    if found is None:
        raise ValueError(f"not a date: {value!r}")
    return found


def resolve_date(
    own: dt.date | None,
    default_date: dt.date | None,
    path: str | Path,
    document_date: dt.date | None = None,
) -> dt.date | None:
    """The date fill rule every reader follows.

    The record's own date, else ``default_date`` (the CLI's ``--date``), else the date in the
    file name, else the document's own date (front matter, a feed's channel date).

    >>> resolve_date(None, None, "digest-2026-01-09.md", dt.date(2026, 1, 1))
    datetime.date(2026, 1, 9)
    >>> resolve_date(None, None, "notes.md", dt.date(2026, 1, 1))
    datetime.date(2026, 1, 1)
    """
    if own is not None:
        return own
    if default_date is not None:
        return default_date
    named = date_from_name(path)
    return named if named is not None else document_date


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_DROP_TAGS = frozenset(
    ["audio", "iframe", "noscript", "object", "script", "style", "svg", "template", "video", "canvas", "head"]
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._drop = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS:
            self._drop += 1
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.links.append(href)
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._drop = max(0, self._drop - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._drop:
            self.parts.append(data)


def html_to_text(markup: str, links: list[str] | None = None) -> str:
    """Plain text of an HTML fragment: tags dropped, block elements on their own lines.

    Scripts, styles, ``<video>``/``<audio>``/``<iframe>`` and their content are dropped, entities
    decoded. When ``links`` is given, the ``http(s)`` targets of ``<a href>`` are appended to it.

    >>> print(html_to_text("<p>Anthropic &amp; the <b>DOE</b></p><video src='x.mp4'>no</video><p>Genesis</p>"))
    Anthropic & the DOE
    Genesis
    """
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    if links is not None:
        links.extend(parser.links)
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip()
