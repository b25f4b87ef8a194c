"""CSV in the layout ``neo4j-admin database import full`` reads, for a bulk load into Neo4j.

One folder holds:

- ``nodes_<Label>.csv``: ``id:ID`` (also stored as the ``id`` property), ``:LABEL``
  (``Company;Entity`` for entities, as newsgraph's writers label them), and the properties
  with typed headers (``count:long``, ``confidence:double``, ``aliases:string[]``; plain
  strings carry no type);
- ``rels_<TYPE>.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE`` and the typed properties;
- ``manifest.json``: ``format_version``, counts, the array delimiter, the files and the
  exact import command (:func:`import_command`).

Arrays are joined with ``;``; if any array element or label contains ``;`` the export uses
U+001F (the ASCII unit separator) instead and the command says so (``--array-delimiter``).
Text that a spreadsheet would run as a formula (a cell starting with ``= + - @``, tab or CR)
gets a leading ``'`` (:mod:`.safety`; so does text starting with ``'``, so that
:func:`read_neo4j_csv` restores it exactly); neo4j-admin loads it with the ``'``.
Strings are always quoted (``"`` doubled inside), so an empty string ``""`` stays an empty
string while a missing value is an empty, unquoted field (no property). neo4j-admin has no way
to write an empty array: ``[]`` (and ``[""]``) load as no property, and :func:`read_neo4j_csv`
reads them the same way. Values may span lines
(item texts), hence ``--multiline-fields=true``. A value that is neither scalar nor a list of
scalars is JSON text (:mod:`.flatten`).
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import networkx as nx

from newsgraph.errors import InputError
from newsgraph.graph.export.flatten import check_counts, encode_value, stamp
from newsgraph.graph.export.safety import csv_restore, csv_text
from newsgraph.graph.model import ENTITY_LABELS

__all__ = ["import_command", "read_neo4j_csv", "write_neo4j_csv"]

MANIFEST = "manifest.json"
_ENTITY = {label.value for label in ENTITY_LABELS}
_ARRAY_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_LEADING = ("name", "title")


def _column_type(values: list) -> str:
    """The neo4j-admin type of a column: ``""`` (string), ``long``, ``double``, ``boolean`` or ``T[]``."""
    if all(isinstance(v, list) for v in values):
        kinds = {type(x) for v in values for x in v}
        if kinds <= {int}:
            return "long[]" if kinds else "string[]"
        if kinds <= {int, float}:
            return "double[]"
        if len(kinds) == 1 and kinds <= set(_ARRAY_TYPES):
            return _ARRAY_TYPES[kinds.pop()] + "[]"
        return ""
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return ""


def _cell(value, kind: str, delimiter: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        value = delimiter.join(csv_text(x) if isinstance(x, str) else _cell_text(x) for x in value)
    elif kind in ("long", "double", "boolean"):
        return _cell_text(value)
    else:
        value = encode_value(value) if not isinstance(value, str) else value
        value = csv_text(value if isinstance(value, str) else str(value))
    return '"' + value.replace('"', '""') + '"'


def _cell_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _write_file(path: Path, fixed: list[str], rows: list[tuple[list[str], dict]], delimiter: str) -> None:
    """Write one CSV file: the ``fixed`` columns (cells ready-made per row), then the typed properties."""
    values: dict[str, list] = {}
    for _, attrs in rows:
        for key, value in attrs.items():
            if value is not None:
                values.setdefault(key, []).append(value)
    names = [k for k in _LEADING if k in values] + sorted(k for k in values if k not in _LEADING)
    kinds = {name: _column_type(values[name]) for name in names}
    header = fixed + [f"{n}:{kinds[n]}" if kinds[n] else n for n in names]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for cells, attrs in rows:
            out.write(",".join(cells + [_cell(attrs.get(n), kinds[n], delimiter) for n in names]) + "\n")


def _pick_delimiter(graph: nx.MultiDiGraph) -> str:
    for *_, attrs in [*graph.nodes(data=True), *graph.edges(data=True)]:
        for value in attrs.values():
            if isinstance(value, list) and any(";" in str(x) for x in value):
                return "\x1f"
    return ";"


def _quote(text: str) -> str:
    return '"' + csv_text(str(text)).replace('"', '""') + '"'


def write_neo4j_csv(graph: nx.MultiDiGraph, path_or_dir) -> dict:
    """Write ``graph`` as neo4j-admin import CSV files into a folder (made if missing).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        newsgraph's NetworkX form.
    path_or_dir : str or pathlib.Path
        The folder to write into; files of an earlier export there are replaced.

    Returns
    -------
    dict
        The manifest (also written as ``manifest.json``): ``format_version``, counts,
        ``array_delimiter``, ``nodes`` and ``relationships`` (file names) and ``command``.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI", aliases=["开放人工智能", "Open AI"])
    >>> folder = tempfile.mkdtemp()
    >>> manifest = write_neo4j_csv(g, folder)
    >>> print((Path(folder) / "nodes_Company.csv").read_text(encoding="utf-8"), end="")
    id:ID,:LABEL,name,aliases:string[]
    "company:openai","Company;Entity","OpenAI","开放人工智能;Open AI"
    """
    folder = Path(path_or_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("nodes_*.csv"), *folder.glob("rels_*.csv")]:
        old.unlink()
    delimiter = _pick_delimiter(graph)
    by_label: dict[str, list] = {}
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label") or "Node"
        labels = [label, "Entity"] if label in _ENTITY else [label]
        cells = [_quote(node), _quote(delimiter.join(labels))]
        by_label.setdefault(label, []).append((cells, {k: v for k, v in attrs.items() if k != "label"}))
    by_type: dict[str, list] = {}
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        rel = attrs.get("type", k)
        cells = [_quote(u), _quote(v), _quote(rel)]
        by_type.setdefault(rel, []).append((cells, {x: y for x, y in attrs.items() if x != "type"}))
    manifest = {**stamp(graph), "array_delimiter": delimiter, "nodes": [], "relationships": []}
    for label, rows in sorted(by_label.items()):
        _write_file(folder / f"nodes_{label}.csv", ["id:ID", ":LABEL"], rows, delimiter)
        manifest["nodes"].append(f"nodes_{label}.csv")
    for rel, rows in sorted(by_type.items()):
        _write_file(folder / f"rels_{rel}.csv", [":START_ID", ":END_ID", ":TYPE"], rows, delimiter)
        manifest["relationships"].append(f"rels_{rel}.csv")
    manifest["command"] = shlex.join(import_command(folder, manifest))
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def import_command(
    path_or_dir, manifest: dict | None = None, *, database: str = "neo4j", neo4j_admin: str = "neo4j-admin"
) -> list[str]:
    """The ``neo4j-admin database import full`` command line (as arguments) for an export folder.

    Run it on the Neo4j server with the database stopped (or not yet created); add
    ``--overwrite-destination`` to replace an existing database. ``shlex.join`` makes it a
    shell line.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_neo4j_csv(nx.MultiDiGraph([("a", "b", "HURTS", {"type": "HURTS"})]), folder)
    >>> [arg.replace(str(Path(folder).resolve()), "OUT") for arg in import_command(folder)]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['neo4j-admin', 'database', 'import', 'full', '--nodes=OUT/nodes_Node.csv', '--relationships=OUT/rels_HURTS.csv',
     '--array-delimiter=;', '--multiline-fields=true', 'neo4j']
    """
    folder = Path(path_or_dir).resolve()
    if manifest is None:
        manifest = _manifest(folder)
    delimiter = manifest.get("array_delimiter", ";")
    args = [neo4j_admin, "database", "import", "full"]
    args += [f"--nodes={folder / name}" for name in manifest["nodes"]]
    args += [f"--relationships={folder / name}" for name in manifest["relationships"]]
    args += [f"--array-delimiter={delimiter if delimiter == ';' else f'U+{ord(delimiter):04X}'}"]
    args += ["--multiline-fields=true", database]
    return args


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(folder / MANIFEST), f"no readable export manifest: {exc}") from None


def _records(text: str):
    """CSV records as lists of (cell, was_quoted): an empty quoted cell is "", an empty bare one None."""
    record: list = []
    cell: list[str] = []
    quoted = in_quotes = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if in_quotes:
            if ch == '"' and i + 1 < n and text[i + 1] == '"':
                cell.append('"')
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                cell.append(ch)
        elif ch == '"':
            in_quotes = quoted = True
        elif ch in ",\n":
            record.append("".join(cell) if quoted or cell else None)
            cell, quoted = [], False
            if ch == "\n":
                yield record
                record = []
        elif ch != "\r":
            cell.append(ch)
        i += 1
    if cell or record:
        record.append("".join(cell) if quoted or cell else None)
        yield record


def _parse(value: str | None, kind: str, delimiter: str):
    if value is None:
        return None
    if kind.endswith("[]"):
        base = kind[:-2]
        # neo4j-admin loads an empty array cell as no property, so [] and [""] both come back absent
        return [_parse(x, base or "string", delimiter) for x in value.split(delimiter)] if value else None
    if kind == "long":
        return int(value)
    if kind == "double":
        return float(value)
    if kind == "boolean":
        return value == "true"
    return csv_restore(value)


def read_neo4j_csv(path_or_dir) -> nx.MultiDiGraph:
    """Read an export folder back into newsgraph's NetworkX form (a check of what Neo4j would load).

    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("company:openai", label="Company", name="OpenAI", aliases=["Open AI"])
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_neo4j_csv(g, folder)
    >>> read_neo4j_csv(folder).nodes["company:openai"]
    {'label': 'Company', 'name': 'OpenAI', 'aliases': ['Open AI']}
    """
    folder = Path(path_or_dir)
    manifest = _manifest(folder)
    delimiter = manifest.get("array_delimiter", ";")
    graph = nx.MultiDiGraph()
    graph.graph["format_version"] = manifest.get("format_version")
    for kind, names in (("nodes", manifest["nodes"]), ("rels", manifest["relationships"])):
        for name in names:
            with (folder / name).open(encoding="utf-8", newline="") as handle:  # keep \r\n inside values
                records = _records(handle.read())
            header = next(records)
            columns = [(h.rpartition(":")[0], h.rpartition(":")[2]) if ":" in h else (h, "") for h in header]
            for record in records:
                row = {}
                for (prop, typ), value in zip(columns, record, strict=True):
                    row[(prop, typ)] = value
                props = {
                    p: _parse(v, t, delimiter)
                    for (p, t), v in row.items()
                    if p and t not in ("ID", "START_ID", "END_ID") and v is not None
                }
                props = {p: v for p, v in props.items() if v is not None}
                if kind == "nodes":
                    labels = [csv_restore(lab) for lab in row[("", "LABEL")].split(delimiter) if lab != "Entity"]
                    graph.add_node(csv_restore(row[("id", "ID")]), label=labels[0], **props)
                else:
                    rel = csv_restore(row[("", "TYPE")])
                    start, end = csv_restore(row[("", "START_ID")]), csv_restore(row[("", "END_ID")])
                    graph.add_edge(start, end, key=rel, type=rel, **props)
    return check_counts(graph, manifest, str(folder))
