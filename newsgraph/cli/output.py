"""Printing answers: tables that fit the terminal, JSON, JSON Lines and CSV, all made safe.

Everything printed passes :func:`clean` first: terminal control characters that came with the
data (``ESC[2J`` in a title, ``\\x0b`` in a name) are removed, so a news item cannot clear the
screen or move the cursor. CSV cells that a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@``, tab, CR first) get a leading ``'`` (:func:`csv_cell`).

Tables are drawn here rather than by rich: columns fit the width (80 columns included), dates
and numbers are never split, long ids are shortened, and long text columns (evidence, titles)
go on their own wrapped lines under the row. A long table on a terminal goes through a pager.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = [
    "FORMATS",
    "cell_width",
    "clean",
    "csv_cell",
    "cut",
    "emit",
    "render_table",
    "shorten_id",
    "to_jsonable",
]

FORMATS = ("table", "json", "jsonl", "csv")

# C0 and C1 control characters except tab and newline, DEL, and the bidi overrides that can
# reorder what a terminal shows. ESC sequences go whole (ESC [ ... final byte), then lone ESCs.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?([T ][\d:.+Z-]+)?$")
# a Latin word with its trailing space, or one wide (CJK) character: lines break between pieces
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_PIECES = re.compile(f"[^\\s{_WIDE}]+\\s*|[{_WIDE}]\\s*|\\s+")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?(e[+-]?\d+)?%?$")
#: Columns printed on their own wrapped line under the row, not squeezed into the table.
WRAPPED = ("evidence", "title_full", "text", "summary")
#: Columns holding node ids, shortened in tables (the JSON keeps them whole).
ID_COLUMNS = ("id", "item", "item_id", "from_id", "into_id", "a", "b")
#: Columns that give up width first when a row is too wide.
SHRINK_FIRST = ("via", "relation", "kind", "from_id", "item", "item_id", "label", "id")
#: Columns that give up width last (what the row is about).
KEEP_WIDE = ("name", "driver", "title")
#: Columns left out of a table too narrow for all of them, in this order.
DROP_FIRST = ("first_seen", "label", "from_id", "relation", "via", "count", "kind")
#: Closing punctuation that never starts a wrapped line (it stays on the line before).
_CLOSING = set("。，、）」』！？；：,.;:!?)]}”’")
_GREEN, _RED, _DIM, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m"


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without terminal escape sequences and control characters."""
    text = _ANSI.sub("", text)
    if keep_newlines:
        return _CONTROL.sub("", text.replace("\r\n", "\n"))
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def to_jsonable(value: Any) -> Any:
    """Plain JSON values (pydantic models dumped, sets sorted), every string cleaned."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        items = value.items()
        if "_labels" in value or "_type" in value:  # a node or relationship: one key order from both stores
            items = sorted(items, key=lambda kv: (not str(kv[0]).startswith("_"), str(kv[0])))
        return {clean(str(k)): to_jsonable(v) for k, v in items}
    if isinstance(value, set | frozenset):
        return [to_jsonable(v) for v in sorted(value, key=str)]
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, str):
        return clean(value, keep_newlines=True)
    if value is None or isinstance(value, bool | int | float):
        return value
    return clean(str(value))


def csv_cell(value: Any) -> str:
    """One CSV cell: lists joined with ``;``, and a leading ``'`` where a spreadsheet would
    otherwise read the cell as a formula."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ";".join(csv_cell(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(to_jsonable(value), ensure_ascii=False)
    text = clean(str(value), keep_newlines=True) if isinstance(value, str) else str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def cell_width(text: str) -> int:
    """Columns a string takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def cut(text: str, width: int) -> str:
    """At most ``width`` columns, with ``…`` where it was cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - cell_width(text))
    return gap + text if right else text + gap


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap by terminal columns: at spaces where there are any, else anywhere (CJK)."""
    lines: list[str] = []
    line, used = "", 0
    for word in _PIECES.findall(text):
        w = cell_width(word.rstrip())
        if used and used + w > width and not (word.strip() and word.strip()[0] in _CLOSING and w <= 2):
            lines.append(line.rstrip())
            line, used = "", 0
        while w > width:  # a word (or CJK run) longer than a line: break it
            head = cut(word, width + 1)[:-1] or word[0]
            lines.append(head)
            word = word[len(head) :]
            w = cell_width(word.rstrip())
        line += word
        used += cell_width(word)
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def shorten_id(value: str, width: int = 22) -> str:
    """``item:5f0c2a9e81d4b7c6…`` -> ``item:5f0c2a9e…``: the prefix and enough to tell apart."""
    if cell_width(value) <= width:
        return value
    return cut(value, width)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e6 else f"{value:.0f}"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(to_jsonable(value), ensure_ascii=False)
    return clean(str(value))


def render_table(
    title: str | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    width: int = 80,
    colour: bool = False,
) -> str:
    """A plain-text table that fits ``width`` columns. Long text columns (:data:`WRAPPED`) are
    printed wrapped under their row; dates and numbers are never cut; ids are shortened."""
    main = [i for i, c in enumerate(columns) if c not in WRAPPED]
    under = [i for i, c in enumerate(columns) if c in WRAPPED]
    cells = []
    for row in rows:
        texts = [_text(v) for v in row]
        for i in main:
            if columns[i] in ID_COLUMNS:
                texts[i] = shorten_id(texts[i])
        cells.append(texts)
    natural = {i: max([cell_width(columns[i])] + [cell_width(r[i]) for r in cells]) for i in main}
    fixed = {
        i
        for i in main
        if cells and all(_DATE.match(r[i]) or _NUMBER.match(r[i]) or not r[i] for r in cells) and natural[i] <= 25
    }

    def least(i: int) -> int:  # the narrowest a column may become
        if i in fixed:
            return natural[i]
        return min(natural[i], 16 if columns[i] in KEEP_WIDE else 14 if columns[i] in ID_COLUMNS else 6)

    # too many columns for the width: leave out the least useful ones (the JSON keeps them)
    for name in DROP_FIRST:
        if sum(least(i) for i in main) + 2 * (len(main) - 1) <= width:
            break
        main = [i for i in main if columns[i] != name]
    widths = {i: natural[i] for i in main}
    budget = width - 2 * (len(main) - 1)
    # shrink until the row fits: first the columns that matter less (down to 10), then the
    # widest other column, one step at a time, and the row's subject (name, title) last
    while sum(widths.values()) > budget:
        floor = {i: 14 if columns[i] in ID_COLUMNS else 10 for i in main}
        first = [i for i in main if i not in fixed and columns[i] in SHRINK_FIRST and widths[i] > floor[i]]
        wide = [i for i in main if columns[i] not in KEEP_WIDE and widths[i] > max(least(i), 12)]
        subject = [i for i in main if columns[i] in KEEP_WIDE and widths[i] > least(i)]
        flexible = first or wide or subject or [i for i in main if widths[i] > least(i)]
        if not flexible:
            break
        widest = max(flexible, key=lambda i: widths[i])
        widths[widest] -= 1
    lines = []
    if title:
        lines.append(cut(clean(title), width))
    numeric = {i for i in fixed if any(_NUMBER.match(r[i]) for r in cells)}
    lines.append("  ".join(_pad(cut(columns[i], widths[i]), widths[i], i in numeric) for i in main).rstrip())
    lines.append("  ".join("-" * widths[i] for i in main))
    for texts in cells:
        parts = []
        for i in main:
            part = _pad(cut(texts[i], widths[i]), widths[i], i in fixed and bool(_NUMBER.match(texts[i])))
            if colour and columns[i] == "direction" and texts[i] in ("up", "down"):
                part = (_GREEN if texts[i] == "up" else _RED) + part + _RESET
            parts.append(part)
        lines.append("  ".join(parts).rstrip())
        for i in under:
            if texts[i]:
                for n, piece in enumerate(_wrap(texts[i], max(20, width - 6))):
                    text = ("    " if n else "  > ") + piece
                    lines.append(_DIM + text + _RESET if colour else text)
    return "\n".join(lines) + "\n"


def _terminal() -> tuple[bool, int, int]:
    tty = sys.stdout.isatty()
    size = (
        shutil.get_terminal_size((80, 24)) if tty else os.terminal_size((int(os.environ.get("COLUMNS", 0)) or 160, 0))
    )
    return tty, size.columns, size.lines


def page(text: str) -> None:
    """Write ``text``; on a terminal, through a pager (``$PAGER``, else ``less -FRX``) when it is
    longer than the screen. ``NEWSGRAPH_PAGER=0`` turns the pager off."""
    tty, _, lines = _terminal()
    pager = os.environ.get("NEWSGRAPH_PAGER", os.environ.get("PAGER", "less -FRX"))
    if tty and pager not in ("", "0", "cat") and text.count("\n") > lines - 2:
        try:
            proc = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE)
            with contextlib.suppress(BrokenPipeError):  # the reader quit the pager early
                proc.communicate(text.encode("utf-8", "replace"))
            return
        except OSError:
            pass
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(fmt: str, rows: list[dict], columns: Sequence[str], *, title: str | None = None, payload: Any = None) -> None:
    """Print ``rows`` (dicts) in ``fmt``: ``table`` (these ``columns``), ``json`` (``payload``
    if given, else the rows), ``jsonl`` (one row a line) or ``csv`` (a header, then rows)."""
    if fmt == "json":
        data = rows if payload is None else payload
        sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(to_jsonable(row), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        keys = list(columns) + [k for k in (rows[0] if rows else {}) if k not in columns]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(k) for k in keys])
        for row in rows:
            writer.writerow([csv_cell(row.get(k)) for k in keys])
        sys.stdout.write(buffer.getvalue())
    else:
        tty, width, _ = _terminal()
        colour = tty and not os.environ.get("NO_COLOR")
        text = render_table(title, columns, [[row.get(c) for c in columns] for row in rows], width=width, colour=colour)
        page(text)
