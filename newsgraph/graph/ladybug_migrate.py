"""Convert an embedded store of the old table layout (one node table per label) to the current one.

The old layout gave each entity label a node table, so that each relationship type had up to
90 endpoint table pairs (865 in all), and LadybugDB holds ~8 MB per pair a transaction
touches until the next checkpoint: an ingest peaked at ~1.7 GB. The current layout
(:mod:`newsgraph.graph.ladybug_cypher`) has one ``Entity`` table with an ``_nlabel`` column.

:func:`migrate` copies every node and relationship, with all their properties, into a new
store beside the old one, then puts the new one in its place and keeps the old files as
``<name>-old-layout``. Nothing is changed in the old store; a failed copy leaves it in place.
"""

from __future__ import annotations

import contextlib
import shutil
from collections import defaultdict
from pathlib import Path

import ladybug

from newsgraph.graph import ladybug_cypher as cy
from newsgraph.graph.model import ENTITY_LABELS, Label
from newsgraph.graph.schema import REL_PROPERTIES
from newsgraph.graph.store import chunks

__all__ = ["BACKUP_SUFFIX", "is_old_layout", "migrate"]

BACKUP_SUFFIX = "-old-layout"
_OLD_ENTITY_TABLES = {label.value for label in ENTITY_LABELS}


def is_old_layout(tables: set[str]) -> bool:
    """Whether a store with these table names has the old layout (a table per entity label)."""
    return bool(_OLD_ENTITY_TABLES & tables) and cy.ENTITY_TABLE not in tables


def _files(path: Path) -> list[Path]:
    """The store's files: the database and its WAL / shadow files beside it."""
    return [file for file in [path, *path.parent.glob(path.name + ".*")] if file.exists()]


def _values(columns: dict[str, str]) -> str:
    """A property map from ``r``, each value cast to its column's type: a parameter column
    that is null in every row would be typed STRING otherwise."""
    return ", ".join(f"{name}: CAST(r.{name} AS {kind.split(' DEFAULT')[0]})" for name, kind in columns.items())


def _copy_nodes(old: ladybug.Connection, new: ladybug.Connection, table: str) -> int:
    target = cy.table_of(table) if table in {label.value for label in Label} else table
    columns = [name for name in cy.NODE_TABLES[target] if name != cy.LABEL_COLUMN]
    found = [row[0] for row in old.execute(f"MATCH (n:{table}) RETURN n").get_all()]
    rows = [{name: node.get(name) for name in columns} | {"label": table} for node in found]
    values = _values({name: cy.NODE_TABLES[target][name] for name in columns})
    for chunk in chunks(rows):
        new.execute(f"UNWIND $rows AS r CREATE (n:{target} {{{cy.LABEL_COLUMN}: r.label, {values}}})", {"rows": chunk})
    return len(rows)


def _copy_relationships(old: ladybug.Connection, new: ladybug.Connection, rel_type: str) -> int:
    query = f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id, label(a), b.id, label(b), r"
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for src, src_table, dst, dst_table, rel in old.execute(query).get_all():
        row = {"src": src, "dst": dst, **{name: rel.get(name) for name in REL_PROPERTIES}}
        groups[(cy.table_of(src_table), cy.table_of(dst_table))].append(row)
    values = _values(REL_PROPERTIES)
    for (source, target), rows in groups.items():
        statement = (
            f"UNWIND $rows AS r MATCH (a:{source} {{id: r.src}}) MATCH (b:{target} {{id: r.dst}}) "
            f"CREATE (a)-[e:{rel_type} {{{values}}}]->(b)"
        )
        for chunk in chunks(rows):
            new.execute(statement, {"rows": chunk})
    return sum(len(rows) for rows in groups.values())


def migrate(path: Path, buffer_pool_bytes: int) -> Path:
    """Convert the old-layout store at ``path`` (closed); return where its old files are kept."""
    fresh = path.with_name(f".migrating-{path.name}")
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    for leftover in _files(fresh):  # an earlier conversion that did not finish
        leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
    old_db = ladybug.Database(str(path), buffer_pool_size=buffer_pool_bytes, read_only=True)
    new_db = ladybug.Database(str(fresh), buffer_pool_size=buffer_pool_bytes)
    try:
        old, new = ladybug.Connection(old_db), ladybug.Connection(new_db)
        kinds = {name: kind for name, kind in old.execute("CALL show_tables() RETURN name, type").get_all()}
        for statement in cy.schema_statements():
            new.execute(statement)
        new.execute("BEGIN TRANSACTION")
        for table, kind in kinds.items():  # tables of neither layout (none known) are left out
            if kind == "NODE" and (table in _OLD_ENTITY_TABLES or table in cy.NODE_TABLES):
                _copy_nodes(old, new, table)
        for table, kind in kinds.items():
            if kind == "REL" and table in cy.rel_tables():
                _copy_relationships(old, new, table)
        new.execute("COMMIT")
        new.execute("CHECKPOINT")
    except BaseException:
        new_db.close()
        for file in _files(fresh):
            with contextlib.suppress(OSError):
                file.unlink()
        raise
    finally:
        old_db.close()
    new_db.close()
    moved = []
    try:
        for file in _files(path):
            moved.append((file, backup.with_name(backup.name + file.name[len(path.name) :])))
            file.rename(moved[-1][1])
        for file in _files(fresh):
            file.rename(path.with_name(path.name + file.name[len(fresh.name) :]))
    except OSError:
        for original, kept in moved:  # put the old store back rather than leave no store there
            with contextlib.suppress(OSError):
                kept.rename(original)
        raise
    return backup
