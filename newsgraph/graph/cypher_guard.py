"""Cypher as tokens, and what an analyst's query may do on the embedded store.

:func:`tokenize` splits a query the way the parser does (strings with their escapes, ``//``
and ``/* */`` comments, backticked names, parameters, numbers, operators), so that a keyword
inside a string, a comment or a backticked name is never taken for a clause, and a clause
hidden behind a comment (``/**/COPY``) is still seen.

:func:`check_query` is an allow-list over the clause keywords of the query: read-only queries
may only use the read clauses (``MATCH``, ``OPTIONAL MATCH``, ``WHERE``, ``WITH``,
``UNWIND``, ``RETURN``, ``ORDER BY``, ``SKIP``, ``LIMIT``, ``UNION``, ``CALL`` of the
catalogue functions and subqueries); with ``write`` the update clauses too; and anything that
reads or writes a file (``COPY``, ``LOAD FROM``, ``EXPORT``/``IMPORT DATABASE``, ``ATTACH``,
``INSTALL``/``LOAD EXTENSION``, ``read_csv`` and the other file-reading table functions)
only with ``allow_files``. One statement a query.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsgraph.errors import QueryError, WriteRefusedError

__all__ = ["FileAccessRefusedError", "Token", "check_query", "tokenize"]


class FileAccessRefusedError(WriteRefusedError):
    """A query would read or write a file, which analysts' queries may not do by default."""


class Token(NamedTuple):
    kind: str  # word, name (backticked), string, number, param, op, space, comment
    text: str
    pos: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


_NUMBER = re.compile(r"(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_WORD = re.compile(r"[^\W\d]\w*", re.UNICODE)
_OPS = ("..", "<>", "<=", ">=", "=~", "->", "<-", "+=", "!=", "::")
_SPACE = re.compile(r"\s+", re.UNICODE)


def _skip_quoted(text: str, start: int, quote: str) -> int:
    """Index after the closing quote of the literal opening at ``start``."""
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quote != "`":
            i += 2
            continue
        if ch == quote:
            if quote == "`" and text.startswith("``", i):  # a doubled backtick inside a name
                i += 2
                continue
            return i + 1
        i += 1
    what = "name" if quote == "`" else "string"
    raise QueryError(f"unterminated {what} starting at character {start + 1} of the query")


def tokenize(text: str) -> list[Token]:
    """The tokens of a Cypher query, whitespace and comments included (they join back to ``text``)."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "'\"`":
            end = _skip_quoted(text, i, ch)
            tokens.append(Token("name" if ch == "`" else "string", text[i:end], i))
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            tokens.append(Token("comment", text[i:end], i))
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise QueryError(f"unterminated comment starting at character {i + 1} of the query")
            end += 2
            tokens.append(Token("comment", text[i:end], i))
        elif match := _SPACE.match(text, i):
            end = match.end()
            tokens.append(Token("space", match.group(), i))
        elif ch == "$":
            match = _WORD.match(text, i + 1) or re.compile(r"\d+").match(text, i + 1)
            end = match.end() if match else i + 1
            tokens.append(Token("param", text[i:end], i))
        elif (match := _NUMBER.match(text, i)) and not (ch == "." and text.startswith("..", i)):
            end = match.end()
            if text.startswith("..", match.end() - 1) and "." in match.group():  # 1..2 is 1 .. 2
                end = text.index(".", i)
            tokens.append(Token("number", text[i:end], i))
        elif match := _WORD.match(text, i):
            end = match.end()
            tokens.append(Token("word", match.group(), i))
        else:
            op = next((o for o in _OPS if text.startswith(o, i)), ch)
            end = i + len(op)
            tokens.append(Token("op", op, i))
        i = end
    return tokens


def significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("space", "comment")]


# Clause and statement keywords. Words in none of these sets are names (variables, functions,
# property keys) or expression keywords, which any query may use.
READ_CLAUSES = {"MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "SKIP", "LIMIT", "UNION", "CALL"}
PREFIXES = {"EXPLAIN", "PROFILE"}
WRITE_CLAUSES = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "DROP", "ALTER", "RENAME"}
FILE_CLAUSES = {"COPY", "LOAD", "EXPORT", "IMPORT", "ATTACH", "INSTALL", "UNINSTALL", "USE"}
OTHER_STATEMENTS = {"BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "COMMIT_SKIP_CHECKPOINT", "ROLLBACK_SKIP_CHECKPOINT"}
#: Table functions a read-only query may CALL: the catalogue, never the file readers.
CALLABLE = {
    "show_tables",
    "table_info",
    "show_connection",
    "db_version",
    "show_functions",
    "show_indexes",
    "show_sequences",
    "show_macros",
    "current_setting",
}
#: Functions that read files or reach outside the database, refused anywhere without allow_files.
FILE_FUNCTIONS = re.compile(r"^(read_\w+|scan_\w+|glob|sniff_csv|load_\w+|http\w*|s3_\w*|gcs_\w*)$", re.IGNORECASE)


def _refuse_files(what: str) -> FileAccessRefusedError:
    return FileAccessRefusedError(
        f"refused: {what} reads or writes files; analysts' queries do not touch the disk "
        "(pass --allow-files with --write to allow it)"
    )


def check_query(text: str, *, write: bool = False, allow_files: bool = False) -> list[Token]:
    """Raise unless ``text`` keeps to what it may do (see the module); return its tokens."""
    tokens = tokenize(text)
    words = significant(tokens)
    if not words:
        raise QueryError("the query is empty")
    _check_starts(words, write=write, allow_files=allow_files)
    for index, token in enumerate(words):
        before = words[index - 1] if index else None
        after = words[index + 1] if index + 1 < len(words) else None
        if token.kind == "op" and token.text == ";":
            if any(w.kind != "op" or w.text != ";" for w in words[index + 1 :]):
                raise QueryError("one statement a query: remove the ';' and what follows it")
            continue
        if token.kind != "word":
            continue
        if before is not None and before.kind == "op" and before.text in (".", ":", "$"):
            continue  # a property key, a label or relationship type
        if before is not None and before.upper == "AS":
            continue  # an alias
        if (
            after is not None
            and after.kind == "op"
            and after.text == ":"
            and before is not None
            and before.text in "{,"
        ):
            continue  # a map key
        word = token.upper
        is_call = after is not None and after.kind == "op" and after.text == "("
        if is_call and FILE_FUNCTIONS.match(token.text) and not allow_files:
            raise _refuse_files(f"{token.text}()")
        if word in FILE_CLAUSES:
            if not allow_files:
                raise _refuse_files(word)
            if not write:
                raise WriteRefusedError(f"refused: {word} is not a read-only clause; pass --write to allow it")
        elif word in WRITE_CLAUSES or word in OTHER_STATEMENTS:
            if not write:
                raise WriteRefusedError(f"refused: {word} writes; pass --write to allow it")
            if word in OTHER_STATEMENTS:
                raise QueryError(f"refused: {word}; newsgraph runs each query in its own transaction")
        elif word == "CALL":
            _check_call(after, write=write)
    return tokens


_SUBQUERY_WORDS = {"CALL", "EXISTS", "COUNT", "COLLECT"}


def _check_starts(words: list[Token], *, write: bool, allow_files: bool) -> None:
    """The allow-list where a statement or subquery begins: its first word must be a clause
    this query may use (a word the list does not know is refused, not taken for a name)."""
    allowed = READ_CLAUSES | (WRITE_CLAUSES if write else set()) | (FILE_CLAUSES if allow_files else set())
    starts = [0]
    for index, token in enumerate(words[:-1]):
        if token.kind == "op" and token.text == "{" and index and words[index - 1].upper in _SUBQUERY_WORDS:
            starts.append(index + 1)
    for start in starts:
        first = start
        while first < len(words) and words[first].upper in PREFIXES:
            first += 1
        if first >= len(words):
            continue
        word = words[first]
        if word.upper in allowed or (word.kind == "op" and word.text in ("(", "}")):
            continue
        if word.upper in FILE_CLAUSES:
            raise _refuse_files(word.upper)
        if word.upper in WRITE_CLAUSES or word.upper in OTHER_STATEMENTS:
            continue  # the keyword loop below says why
        raise QueryError(
            f"a query may not start with {word.text!r} here; it starts with one of {', '.join(sorted(allowed))}"
        )


def _check_call(after: Token | None, *, write: bool) -> None:
    if after is None:
        raise QueryError("CALL needs a function or a subquery")
    if after.kind == "op" and after.text in ("{", "("):
        return  # a subquery: its own clauses are checked like the rest
    name = after.text.strip("`").lower()
    if name in CALLABLE:
        return
    if FILE_FUNCTIONS.match(name):
        raise _refuse_files(f"CALL {after.text}")
    if not write:
        raise WriteRefusedError(
            f"refused: CALL {after.text} is not one of the catalogue functions a read-only query may call "
            f"({', '.join(sorted(CALLABLE))})"
        )
