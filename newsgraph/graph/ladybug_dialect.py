"""Neo4j's Cypher on the embedded store: translate what differs, refuse what cannot match.

An analyst writes Cypher for Neo4j; LadybugDB's dialect differs in ways that give errors or,
worse, different answers (``substring`` and list indexes count from 1 there). :func:`translate`
rewrites a query token by token (:mod:`newsgraph.graph.cypher_guard`) so that it means what it
means on Neo4j, and raises :class:`~newsgraph.errors.QueryError` saying what to write instead
where no translation keeps the meaning. Labels: every entity is a node of one ``Entity`` table
whose ``_nlabel`` column holds its label (:mod:`newsgraph.graph.ladybug_cypher`), so ``(n:Company)``
becomes ``(n:Entity {_nlabel: 'Company'})`` and ``labels(n)`` reads ``_nlabel``. The table in
docs/queries.md lists every function;
tests/test_cypher_dialect.py runs each row on both stores.

Rows are made to print like the Neo4j store's by :mod:`newsgraph.graph.ladybug_rows`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.errors import QueryError
from newsgraph.graph.cypher_guard import Token, check_query, tokenize
from newsgraph.graph.ladybug_cypher import ENTITY_TABLE, LABEL_COLUMN, NODE_TABLES
from newsgraph.graph.model import ENTITY_LABELS

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ENTITY", "ENTITY_LABEL_NAMES", "hint", "prepare_query", "translate"]

ENTITY = ENTITY_TABLE
_ENTITY_LABELS = [label.value for label in ENTITY_LABELS]
ENTITY_LABEL_NAMES = tuple(_ENTITY_LABELS)
_ENTITY_LIST = "[" + ", ".join(f"'{label}'" for label in _ENTITY_LABELS) + "]"
#: Every label a node pattern or a label predicate may name: translated (see _Translator._labels).
_NODE_LABELS = {*_ENTITY_LABELS, *NODE_TABLES}
#: Tokens after which ``[`` indexes a value (otherwise it opens a list or a relationship pattern).
_VALUE_END = {"word", "name", "param", "string"}


def _arg_text(tokens: list[Token]) -> str:
    return "".join(t.text for t in tokens).strip()


def _split_top(tokens: list[Token], separator: str) -> list[list[Token]]:
    """Split tokens at each ``separator`` operator outside brackets (always one part at least)."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "op" and token.text in "([{":
            depth += 1
        elif token.kind == "op" and token.text in ")]}":
            depth -= 1
        if depth == 0 and token.kind == "op" and token.text == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _split_args(tokens: list[Token]) -> list[list[Token]]:
    """Split the tokens between a call's parentheses at its top-level commas."""
    args = _split_top(tokens, ",")
    return [] if len(args) == 1 and not _arg_text(args[0]) else args


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the bracket closing the one at ``start``."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    depth = 0
    for i in range(start, len(tokens)):
        token = tokens[i]
        if token.kind != "op":
            continue
        if token.text in pairs:
            depth += 1
        elif token.text in pairs.values():
            depth -= 1
            if depth == 0:
                return i
    raise QueryError(f"unbalanced {tokens[start].text!r} at character {tokens[start].pos + 1} of the query")


def _next(tokens: list[Token], i: int) -> int:
    """Index of the next significant token after ``i`` (len(tokens) if none)."""
    i += 1
    while i < len(tokens) and tokens[i].kind in ("space", "comment"):
        i += 1
    return i


def _prev_index(tokens: list[Token], i: int) -> int:
    """Index of the significant token before ``i`` (-1 if none)."""
    i -= 1
    while i >= 0 and tokens[i].kind in ("space", "comment"):
        i -= 1
    return i


def _prev(tokens: list[Token], i: int) -> Token | None:
    i = _prev_index(tokens, i)
    return tokens[i] if i >= 0 else None


def _enclosing(tokens: list[Token], i: int) -> str:
    """The innermost bracket still open at ``i`` (``""`` at the top level)."""
    depth = 0
    for j in range(i - 1, -1, -1):
        token = tokens[j]
        if token.kind != "op":
            continue
        if token.text in ")]}":
            depth += 1
        elif token.text in "([{":
            if depth == 0:
                return token.text
            depth -= 1
    return ""


def _need(name: str, args: list[str], low: int, high: int) -> None:
    if not low <= len(args) <= high:
        raise QueryError(f"{name}() takes {low}{'' if low == high else f' to {high}'} arguments, got {len(args)}")


def _own_label(a: str) -> str:
    """A node's own label (``Company``, ``Event``): the ``_nlabel`` column every node table has."""
    return f"{a}.{LABEL_COLUMN}" if a.isidentifier() or a.startswith("`") else f"({a}).{LABEL_COLUMN}"


def _labels(a: str) -> str:
    own = _own_label(a)
    return f"(CASE WHEN {own} IN {_ENTITY_LIST} THEN [{own}, '{ENTITY}'] ELSE [{own}] END)"


def _label_test(variable: str, label: str) -> str:
    """``variable:label`` as a condition."""
    if label == ENTITY:
        return f"{_own_label(variable)} IN {_ENTITY_LIST}"
    return f"{_own_label(variable)} = '{label}'"


def _label_name(token: Token | None) -> str | None:
    """The node label a word or backticked name spells, if it is one of the schema's."""
    if token is None or token.kind not in ("word", "name"):
        return None
    text = token.text[1:-1] if token.kind == "name" else token.text
    return text if text in _NODE_LABELS else None


def _to_string(a: str) -> str:
    # typeof() is the static type: one branch is chosen when the query is compiled
    trimmed = f"regexp_replace(regexp_replace(cast({a} AS STRING), '0+$', ''), '[.]$', '.0')"
    return (
        f"(CASE typeof({a}) WHEN 'BOOL' THEN lower(cast({a} AS STRING)) "
        f"WHEN 'DOUBLE' THEN {trimmed} WHEN 'FLOAT' THEN {trimmed} ELSE cast({a} AS STRING) END)"
    )


def _to_integer(a: str) -> str:
    # one expression for every type: a CASE would evaluate (and fail on) every branch
    number = f"cast({a} AS DOUBLE)"
    return f"cast((CASE WHEN {number} < 0 THEN ceil({number}) ELSE floor({number}) END) AS INT64)"


def _refuse(name: str, instead: str) -> Callable[[list[str]], str]:
    def handler(args: list[str]) -> str:
        raise QueryError(f"{name}() has no equivalent on the embedded store; {instead}")

    return handler


#: Neo4j function (lower case) -> its translation from the argument texts.
FUNCTIONS: dict[str, Callable[[list[str]], str]] = {
    "type": lambda a: (_need("type", a, 1, 1), f"label({a[0]})")[1],
    "labels": lambda a: (_need("labels", a, 1, 1), _labels(a[0]))[1],
    "tostring": lambda a: (_need("toString", a, 1, 1), _to_string(a[0]))[1],
    "tointeger": lambda a: (_need("toInteger", a, 1, 1), _to_integer(a[0]))[1],
    "tofloat": lambda a: (_need("toFloat", a, 1, 1), f"cast({a[0]} AS DOUBLE)")[1],
    "substring": lambda a: (
        _need("substring", a, 2, 3),
        f"substring({a[0]}, ({a[1]}) + 1, {a[2] if len(a) == 3 else f'size({a[0]})'})",
    )[1],
    "split": lambda a: (_need("split", a, 2, 2), f"string_split({a[0]}, {a[1]})")[1],
    "relationships": lambda a: (_need("relationships", a, 1, 1), f"rels({a[0]})")[1],
    "round": lambda a: (_need("round", a, 1, 3), f"floor(({a[0]}) + 0.5)" if len(a) == 1 else f"round({', '.join(a)})")[
        1
    ],
    "date": lambda a: (_need("date", a, 0, 1), f"date({a[0]})" if a else "current_date()")[1],
    "datetime": lambda a: (_need("datetime", a, 0, 0), "current_timestamp()")[1],
    "id": _refuse("id", "use n.id, the stable id every newsgraph node has"),
    "elementid": _refuse("elementId", "use n.id, the stable id every newsgraph node has"),
    "startnode": _refuse("startNode", "name the endpoints in the pattern: MATCH (a)-[r]->(b)"),
    "endnode": _refuse("endNode", "name the endpoints in the pattern: MATCH (a)-[r]->(b)"),
    "keys": _refuse("keys", "it would list every column of the table, set or not; see `newsgraph schema`"),
    "properties": _refuse("properties", "it would include unset properties as null; RETURN the node itself"),
    "head": _refuse("head", "write list[0]"),
    "last": _refuse("last", "write list[-1]"),
    "tail": _refuse("tail", "write list[1..]"),
    "exists": _refuse("exists", "write x IS NOT NULL, or EXISTS { MATCH ... } for a pattern"),
}
_DATE_PARTS = {"year", "month", "day"}  # others (week, dayOfWeek) count differently there


class _Translator:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.clause = ""

    def run(self, start: int = 0, end: int | None = None) -> str:
        tokens = self.tokens
        end = len(tokens) if end is None else end
        out: list[str] = []
        i = start
        while i < end:
            token = tokens[i]
            before = _prev(tokens, i)
            after_index = _next(tokens, i)
            after = tokens[after_index] if after_index < end else None
            clause = token.kind == "word" and token.upper in ("MATCH", "MERGE", "CREATE", "WHERE", "WITH", "RETURN")
            if clause and (before is None or not (before.kind == "op" and before.text in (".", ":"))):
                self.clause = token.upper
            if (
                token.kind == "word"
                and after is not None
                and after.kind == "op"
                and after.text == "("
                and not (before is not None and before.kind == "op" and before.text in (".", ":", "$"))
                and token.text.lower() in FUNCTIONS
            ):
                close = _closing(tokens, after_index)
                args = [self._sub(arg) for arg in _split_args(tokens[after_index + 1 : close])]
                text = FUNCTIONS[token.text.lower()](args)
                i = close + 1
                i, text = self._date_part(token, i, end, text)
                out.append(text)
                continue
            if token.kind == "op" and token.text == ":" and _label_name(after) and (where := self._label_place(i)):
                i, text = self._labels(i, end, where, out)
                out.append(text)
                continue
            if token.kind == "op" and token.text == "[" and self._is_index(before):
                close = _closing(tokens, i)
                out.append(self._index(tokens[i + 1 : close]))
                i = close + 1
                continue
            out.append(token.text)
            i += 1
        return "".join(out)

    def _sub(self, tokens: list[Token]) -> str:
        return _Translator(tokens).run().strip()

    def _date_part(self, call: Token, i: int, end: int, text: str) -> tuple[int, str]:
        """``date(x).year`` -> ``date_part('year', date(x))``."""
        tokens = self.tokens
        dot = _next(tokens, i - 1)
        if call.text.lower() == "date" and dot < end and tokens[dot].text == ".":
            field = _next(tokens, dot)
            if field < end and tokens[field].text.lower() in _DATE_PARTS:
                return field + 1, f"date_part('{tokens[field].text.lower()}', {text})"
        return i, text

    def _label_place(self, colon: int) -> str:
        """Whether the ``:`` at ``colon`` opens the labels of a node ``"pattern"`` or a label
        ``"predicate"`` (``WHERE n:Company``); ``""`` for a map key or a relationship type."""
        tokens = self.tokens
        before = _prev_index(tokens, colon)
        if before < 0:
            return ""
        if tokens[before].kind == "op":
            return "pattern" if tokens[before].text == "(" else ""
        if tokens[before].kind not in ("word", "name"):
            return ""
        opener = _prev_index(tokens, before)
        text = tokens[opener].text if opener >= 0 and tokens[opener].kind == "op" else ""
        if text in ("{", ","):
            return "" if _enclosing(tokens, colon) == "{" else "predicate"
        if text == "[":
            return ""
        if text != "(":
            return "predicate"
        if self.clause in ("MATCH", "MERGE", "CREATE"):
            return "pattern"
        # `(n:Company)` in an expression: a pattern only if a relationship leads in or out
        close = _closing(tokens, opener)
        after = _next(tokens, close)
        ahead = tokens[after].text if after < len(tokens) else ""
        behind = _prev(tokens, opener)
        return "pattern" if ahead in ("-", "<-", "<") or (behind and behind.text in ("-", "->", ">")) else "predicate"

    def _labels(self, colon: int, end: int, where: str, out: list[str]) -> tuple[int, str]:
        """``(n:Company {...})`` -> ``(n:Entity {_nlabel: 'Company', ...})`` (one table holds
        every entity); ``WHERE n:Company`` -> ``n._nlabel = 'Company'``; ``:Entity`` is the
        entity table in a pattern, ``n._nlabel IN [...]`` in a predicate."""
        tokens = self.tokens
        labels, joins = [], []
        i, at = colon, colon  # i: the first token not translated; at: the next ':' or '|'
        while at < end and tokens[at].kind == "op" and tokens[at].text in (":", "|"):
            label_at = _next(tokens, at)
            name = _label_name(tokens[label_at]) if label_at < end else None
            if name is None:
                break
            joins.append(tokens[at].text)
            labels.append(name)
            i, at = label_at + 1, _next(tokens, label_at)
        written = "".join(f"{j}{label}" for j, label in zip(joins, labels, strict=True))
        if where == "predicate":
            while out and not out[-1].strip():
                out.pop()
            variable = out.pop()
            tests = [_label_test(variable, label) for label in labels]
            return i, "(" + (" OR " if "|" in joins else " AND ").join(tests) + ")"
        if "|" in joins:
            raise QueryError(f"(n{written}) is not supported on the embedded store; write (n) WHERE n:A OR n:B")
        wanted = set(labels)
        if len(wanted) > 1 and ENTITY in wanted and not (wanted - {ENTITY}) - set(_ENTITY_LABELS):
            wanted.discard(ENTITY)  # (n:Company:Entity) is (n:Company)
        if len(wanted) > 1:
            raise QueryError(
                f"(n{written}): a node has one label here (and {ENTITY} for an entity), so this would match "
                "nothing; write one label, or (n) WHERE n:A OR n:B"
            )
        (label,) = wanted
        if label not in _ENTITY_LABELS:
            if label == ENTITY and self.clause in ("CREATE", "MERGE"):
                raise QueryError(f"{ENTITY} is a super-label of the entity labels; create nodes with their own label")
            return i, ":" + label
        own = f"{LABEL_COLUMN}: '{label}'"
        if at < end and tokens[at].kind == "op" and tokens[at].text == "{":  # merge with the pattern's map
            empty = _next(tokens, at) < end and tokens[_next(tokens, at)].text == "}"
            return at + 1, f":{ENTITY} {{{own}" + ("" if empty else ", ")
        return i, f":{ENTITY} {{{own}}}"

    def _is_index(self, before: Token | None) -> bool:
        if before is None:
            return False
        if before.kind == "op":
            return before.text in (")", "]")
        return before.kind in _VALUE_END and not (before.kind == "word" and before.upper in _KEYWORDS_BEFORE_LIST)

    def _index(self, inner: list[Token]) -> str:
        """``x[i]`` (0-based on Neo4j) -> ``x[i + 1]``; slices ``x[a..b]`` (end excluded) likewise."""
        texts = [self._sub(part) for part in _split_top(inner, "..")]
        if len(texts) == 1:
            return f"[{_shift(texts[0], 1, 0)}]"
        start, stop = texts[0], texts[1]
        return f"[{_shift(start, 1, 0) if start else ''}..{_shift(stop, 0, -1) if stop else ''}]"


_KEYWORDS_BEFORE_LIST = {
    "IN",
    "RETURN",
    "WITH",
    "UNWIND",
    "AND",
    "OR",
    "NOT",
    "THEN",
    "ELSE",
    "WHEN",
    "BY",
    "XOR",
    "AS",
}


def _shift(expr: str, plus: int, minus: int) -> str:
    """An index from Neo4j's counting to LadybugDB's: ``plus`` added to one >= 0, ``minus`` to one < 0."""
    try:
        value = int(expr)
    except ValueError:
        return f"(CASE WHEN ({expr}) < 0 THEN ({expr}) + ({minus}) ELSE ({expr}) + ({plus}) END)"
    return str(value + (plus if value >= 0 else minus))


def translate(query: str, tokens: list[Token] | None = None) -> str:
    """``query`` (Neo4j Cypher) as LadybugDB Cypher with the same meaning; raise
    :class:`QueryError` naming what to write instead where the meaning cannot be kept.

    >>> translate("MATCH (a)-[r]->(b) RETURN type(r), substring(b.name, 0, 3), [1, 2][0]")
    'MATCH (a)-[r]->(b) RETURN label(r), substring(b.name, (0) + 1, 3), [1, 2][1]'
    >>> translate("MATCH (n:Company {id: 'x'}) WHERE n:Entity RETURN n").replace(_ENTITY_LIST, "[...]")
    "MATCH (n:Entity {_nlabel: 'Company', id: 'x'}) WHERE (n._nlabel IN [...]) RETURN n"
    """
    return _Translator(tokens if tokens is not None else tokenize(query)).run()


def prepare_query(query: str, *, write: bool = False, allow_files: bool = False) -> str:
    """Check an analyst's query (:func:`~newsgraph.graph.cypher_guard.check_query`) and translate it."""
    return translate(query, check_query(query, write=write, allow_files=allow_files))


_HINTS = (
    (
        "order by node",
        "an alias that repeats a variable's name (RETURN a.id AS a) means the variable here; choose another alias",
    ),
    (
        "but (node,rel,struct,any) was expected",
        "of a date only date(x).year, .month and .day are translated; see docs/queries.md",
    ),
    ("does not exist", "docs/queries.md lists the Neo4j functions and what to write on the embedded store"),
)


def hint(message: str) -> str:
    """``message`` from LadybugDB with what to write instead, where a known difference caused it."""
    low = message.lower()
    for needle, advice in _HINTS:
        if needle in low:
            return f"{message} ({advice})"
    return message
