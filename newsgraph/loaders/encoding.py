"""Find a file's text encoding and decode it: BOMs, UTF-8 first, then detection; a few bad UTF-8 bytes replaced.

:func:`decode_text` returns the text, the encoding used and notes on what was repaired (the
lines whose invalid UTF-8 bytes were replaced with U+FFFD); :func:`decode` is the text alone.
A file that is binary or in no encoding that looks like zh/en news raises
:class:`~newsgraph.errors.InputError`.
"""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

from charset_normalizer import from_bytes

from newsgraph.errors import InputError

__all__ = ["decode", "decode_text", "detect_encoding"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


#: control characters other than tab, line feed, carriage return and form feed, deleted
_DROP_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r\f")


def _printable_share(text: str) -> float:
    if not text:
        return 1.0
    bad = len(text) - len(text.translate(_DROP_CONTROLS))  # in C, not a Python loop per character
    return 1 - bad / len(text)


def detect_encoding(path: Path, data: bytes) -> tuple[str, int]:
    """``(encoding, bom_length)`` of the bytes: a BOM, else UTF-8, else what charset-normalizer finds.

    UTF-16/32 without a BOM are recognised by charset-normalizer; other bytes with NULs are a
    binary file (:class:`~newsgraph.errors.InputError`).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    sample = data[: 1 << 20]
    if b"\x00" not in sample:
        try:
            data.decode("utf-8") if len(data) <= len(sample) else _utf8_prefix(sample)
            return "utf-8", 0
        except UnicodeDecodeError:
            pass
    candidates: dict[str, str] = {}
    for match in from_bytes(sample):
        candidates.setdefault(match.encoding, str(match))
    for encoding in ("gb18030", "big5"):  # charset-normalizer can miss short Chinese texts
        with contextlib.suppress(UnicodeDecodeError):
            candidates.setdefault(encoding, codecs.getincrementaldecoder(encoding)().decode(sample, final=False))
    if b"\x00" in sample:
        candidates = {k: v for k, v in candidates.items() if k.replace("-", "_").startswith(("utf_16", "utf_32"))}
        if not candidates:
            raise InputError(str(path), "binary file (NUL bytes); not a text format newsgraph reads")
    ranked = sorted(candidates.items(), key=lambda kv: -_plausibility(kv[1]))  # stable: detector's order on ties
    if not ranked or _plausibility(ranked[0][1]) < 0.8:
        raise InputError(str(path), "cannot detect the text encoding; is it a binary file?")
    return ranked[0][0], 0


def _plausibility(text: str) -> float:
    """Share of characters expected in zh/en news: ASCII, CJK ideographs and punctuation, Latin letters."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = 0
    for ch in sample:
        code = ord(ch)
        if code < 128:
            good += ch.isprintable() or ch in "\t\n\r\f"
        elif (
            0x4E00 <= code <= 0x9FFF
            or 0x3400 <= code <= 0x4DBF
            or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFF60  # full-width forms, not half-width katakana
            or 0xFFE0 <= code <= 0xFFEF
            or 0x2010 <= code <= 0x206F
            or 0x00A0 <= code <= 0x024F
        ):
            good += 1
    return good / len(sample)


def _utf8_prefix(sample: bytes) -> None:
    """Check a prefix of a large file as UTF-8 (a multi-byte character may be cut at the end)."""
    codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 but for a few invalid bytes (at most 1 in 1,000 characters)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    return 0 < bad <= max(1, len(text) // 1000) and _plausibility(text) >= 0.8


def _replaced_lines(data: bytes) -> list[int]:
    """Line numbers (1-based) holding bytes that are not valid UTF-8."""
    bad = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
    return bad


def decode_text(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding, notes)`` of the bytes (see :func:`decode`)."""
    try:
        encoding, skip = detect_encoding(path, data)
    except InputError:
        if b"\x00" in data[: 1 << 20] or not _mostly_utf8(data):
            raise
        lines = _replaced_lines(data)
        shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
        note = f"invalid UTF-8 bytes replaced with U+FFFD on line {shown}"
        return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)", [note]
    try:
        text = data[skip:].decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(str(path), f"not valid {encoding}: {exc}") from None
    if _printable_share(text[:20000]) < 0.97:
        raise InputError(str(path), "binary file (control characters); not a text format newsgraph reads")
    return text, encoding, []


def decode(path: Path, data: bytes) -> str:
    """Decode bytes with their detected encoding (BOMs honoured, UTF-8 first, then detection).

    A UTF-8 file with a few invalid bytes (at most 1 in 1,000 characters) is read with each of
    them replaced by U+FFFD (:func:`decode_text` says on which lines).

    >>> decode(Path("x.txt"), "日期:2026年01月09日".encode("gb18030"))
    '日期:2026年01月09日'
    """
    return decode_text(path, data)[0]
