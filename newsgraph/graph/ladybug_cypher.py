"""All Cypher the LadybugDB backend runs: schema DDL, batched writes, and named queries.

LadybugDB's dialect differs from Neo4j's: node tables declared up front, relationship tables
listing their FROM/TO pairs, and list functions (``list_contains``, ``list_append``). Labels
and types spliced into queries come from :mod:`newsgraph.graph.schema` and are validated there.

**The layout.** All entities share one node table, ``Entity``, whose ``_nlabel`` column holds
the node's label (``Company``, ...); ``Event``, ``Item`` and ``MergeDecision`` have tables of
their own, with ``_nlabel`` fixed to the table's name, so ``n._nlabel`` is every node's label.
LadybugDB stores a relationship table with several FROM/TO pairs as one table per pair, and
each pair a write transaction touches holds ~8 MB until the next checkpoint: with one table
per entity label the schema had 865 pairs and an ingest peaked at ~1.7 GB; with one entity
table it has 18 (docs/benchmarks.md, "Memory of an ingest into the embedded store").
"""

from __future__ import annotations

from newsgraph.graph.model import ENTITY_LABELS, Label
from newsgraph.graph.schema import (
    BOOKKEEPING,
    MERGE_DECISION_PROPERTIES,
    NODE_PROPERTIES,
    REL_ENDPOINTS,
    REL_PROPERTIES,
    WRITE_GENERATION_PROPERTIES,
    check_label,
    check_rel_type,
)

__all__ = [
    "EDGE_QUERIES",
    "ENTITY_TABLE",
    "LABEL_COLUMN",
    "NODE_TABLES",
    "QUERIES",
    "edge_query",
    "existing_ids",
    "node_create",
    "node_update",
    "nodes_in",
    "rel_create",
    "rel_upsert",
    "schema_statements",
    "table_of",
]

#: The node table of every entity label, and the column holding a node's own label.
ENTITY_TABLE = "Entity"
LABEL_COLUMN = "_nlabel"
#: Node table -> its columns (``_nlabel`` first; outside ``Entity`` it defaults to the table's name).
NODE_TABLES: dict[str, dict[str, str]] = {
    ENTITY_TABLE: {LABEL_COLUMN: "STRING", **NODE_PROPERTIES[Label.COMPANY]},
    Label.EVENT.value: {LABEL_COLUMN: "STRING DEFAULT 'Event'", **NODE_PROPERTIES[Label.EVENT]},
    Label.ITEM.value: {LABEL_COLUMN: "STRING DEFAULT 'Item'", **NODE_PROPERTIES[Label.ITEM]},
    "MergeDecision": {LABEL_COLUMN: "STRING DEFAULT 'MergeDecision'", **MERGE_DECISION_PROPERTIES},
}
assert all(NODE_PROPERTIES[label] == NODE_PROPERTIES[Label.COMPANY] for label in ENTITY_LABELS)


def table_of(label: Label | str) -> str:
    """The node table holding nodes of ``label`` (validated): ``Entity`` for an entity label."""
    label = check_label(label)
    return ENTITY_TABLE if label in ENTITY_LABELS else label.value


def rel_tables() -> dict[str, list[tuple[str, str]]]:
    """Relationship type -> its (FROM, TO) node table pairs, each once."""
    return {
        rel.value: list(dict.fromkeys((table_of(a), table_of(b)) for a, b in pairs))
        for rel, pairs in REL_ENDPOINTS.items()
    }


def schema_statements() -> list[str]:
    """``CREATE NODE TABLE`` / ``CREATE REL TABLE`` statements generated from the schema."""
    statements = []
    # the write generation is bookkeeping (answers live beside the store); it has a label
    # column like every table, so analysts' Cypher sees it as on Neo4j
    generation = {LABEL_COLUMN: "STRING DEFAULT 'WriteGeneration'", **WRITE_GENERATION_PROPERTIES}
    tables = {**NODE_TABLES, "WriteGeneration": generation}
    for table, props in tables.items():
        columns = ", ".join(f"{name} {kind}" + (" PRIMARY KEY" if name == "id" else "") for name, kind in props.items())
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {table}({columns})")
    rel_columns = ", ".join(f"{name} {kind}" for name, kind in REL_PROPERTIES.items())
    for rel, pairs in rel_tables().items():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in pairs)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel}({ends}, {rel_columns})")
    return statements


TABLE_NAMES = "CALL show_tables() RETURN name"


_WIDEN = (
    "{n}.first_seen = CASE WHEN {v} IS NOT NULL AND ({n}.first_seen IS NULL OR {v} < {n}.first_seen) "
    "THEN {v} ELSE {n}.first_seen END, "
    "{n}.last_seen = CASE WHEN {w} IS NOT NULL AND ({n}.last_seen IS NULL OR {w} > {n}.last_seen) "
    "THEN {w} ELSE {n}.last_seen END"
)


# LadybugDB plans ``UNWIND $rows ... MERGE (n:L {id: r.id})`` as a join against a scan of the
# node table, so a batch costs time in proportion to the store's size (and a load grows
# quadratically). ``MATCH (n:L {id: key})`` after UNWIND is a primary-key lookup, and so is
# CREATE's uniqueness check: the store asks which ids exist, creates the others, updates the rest.


def existing_ids(label: Label) -> str:
    """Which of ``$ids`` are already nodes of ``label`` (primary-key lookups)."""
    return f"UNWIND $ids AS key MATCH (n:{table_of(label)} {{id: key}}) RETURN n.id AS id"


def node_create(label: Label) -> str:
    """CREATE the nodes of ``$rows`` (none of which exist yet) in ``label``'s table; an
    entity row names its own label (``label``), so one statement creates every entity label."""
    label = check_label(label)
    if label is Label.ITEM:
        props = ", ".join(f"{p}: r.{p}" for p in NODE_PROPERTIES[label])
    elif label is Label.EVENT:
        props = (
            "id: r.id, title: r.title, kind: r.kind, summary: r.summary, date: r.date, "
            "first_seen: r.first_seen, last_seen: r.last_seen"
        )
    else:
        props = (
            # CASE: LadybugDB gives an empty list the previous row's list_filter(list_distinct(..))
            f"{LABEL_COLUMN}: r.label, id: r.id, name: r.name, "
            "aliases: CASE WHEN size(r.aliases) = 0 THEN r.aliases "
            "ELSE list_filter(list_distinct(r.aliases), a -> a <> r.name) END, "
            "first_seen: r.first_seen, last_seen: r.last_seen"
        )
    return f"UNWIND $rows AS r CREATE (n:{table_of(label)} {{{props}}})"


def node_update(label: Label) -> str | None:
    """Update existing nodes from ``$rows``: first/last seen widen, aliases accumulate (the
    stored name, the catalog's when it came first, stays). Items never change: ``None``."""
    label = check_label(label)
    if label is Label.ITEM:
        return None
    sets = _WIDEN.format(n="n", v="r.first_seen", w="r.last_seen")
    if label is not Label.EVENT:
        sets = (  # the CASE as in node_create: an empty list would take the previous row's result
            "n.aliases = CASE WHEN size(n.aliases) + size(r.aliases) = 0 THEN r.aliases "
            "ELSE list_filter(list_distinct(list_concat(n.aliases, r.aliases)), a -> a <> n.name) END, " + sets
        )
    return f"UNWIND $rows AS r MATCH (n:{table_of(label)} {{id: r.id}}) SET {sets}"


def rel_upsert(rel_type: str, source: Label, target: Label, max_evidence: int) -> str:
    """MERGE one relationship per (source, type, target); add the item once (the guard)."""
    rel = check_rel_type(rel_type, source, target)
    return (
        f"UNWIND $rows AS r "
        # two MATCH clauses: two primary-key lookups (a comma pattern is a cross product of scans)
        f"MATCH (a:{table_of(source)} {{id: r.src}}) MATCH (b:{table_of(target)} {{id: r.dst}}) "
        f"MERGE (a)-[e:{rel.value}]->(b) "
        "ON CREATE SET e.count = 0, e.item_ids = CAST([] AS STRING[]), e.dates = CAST([] AS STRING[]), "
        "e.evidence = CAST([] AS STRING[]), e.confidence = 0.0, e.role = r.role "
        "WITH e, r WHERE NOT list_contains(e.item_ids, r.item_id) "
        "SET e.count = e.count + 1, e.item_ids = list_append(e.item_ids, r.item_id), "
        "e.dates = list_append(e.dates, coalesce(r.date, '')), "
        # evidence[i] belongs to item_ids[i] (an empty string when the item gave no sentence)
        f"e.evidence = CASE WHEN size(e.evidence) < {int(max_evidence)} "
        "THEN list_append(e.evidence, coalesce(r.evidence, '')) ELSE e.evidence END, "
        "e.confidence = CASE WHEN r.confidence > e.confidence THEN r.confidence ELSE e.confidence END, "
        + _WIDEN.format(n="e", v="r.date", w="r.date")
    )


def rel_create(rel_type: str, source: Label, target: Label, max_evidence: int) -> str:
    """CREATE the relationships of ``$rows``, none of which can exist yet (an end was created
    in this transaction): what :func:`rel_upsert` makes of a first assertion, without MERGE's
    search for an existing one, which reads the adjacency of a popular end."""
    rel = check_rel_type(rel_type, source, target)
    evidence = "[coalesce(r.evidence, '')]" if max_evidence > 0 else "CAST([] AS STRING[])"
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{table_of(source)} {{id: r.src}}) MATCH (b:{table_of(target)} {{id: r.dst}}) "
        f"CREATE (a)-[e:{rel.value} {{count: 1, item_ids: [r.item_id], dates: [coalesce(r.date, '')], "
        f"evidence: {evidence}, confidence: r.confidence, role: r.role, first_seen: r.date, last_seen: r.date}}]->(b)"
    )


def nodes_in(label: Label) -> str:
    """``nodes_by_id`` in one table: primary-key lookups (UNWIND + ``{id: key}``)."""
    label = check_label(label)
    name = (
        "n.name AS name, n.aliases AS aliases"
        if "name" in NODE_PROPERTIES[label]
        else "n.title AS name, NULL AS aliases"
    )
    return (
        f"UNWIND $ids AS key MATCH (n:{table_of(label)} {{id: key}}) "
        f"RETURN n.id AS id, n.{LABEL_COLUMN} AS label, {name}"
    )


#: The bookkeeping tables, never counted, exported or found as nodes of the graph.
_HIDDEN = "[" + ", ".join(f"'{label}'" for label in BOOKKEEPING) + "]"

#: Named read queries; canned queries in ``newsgraph.queries`` ask for these by name. A node's
#: label is ``coalesce(n._nlabel, label(n))``: a node table without the column (the
#: bookkeeping ones) is its own label.
QUERIES: dict[str, str] = {
    "count_labels": (
        f"MATCH (n) WHERE NOT label(n) IN {_HIDDEN} RETURN coalesce(n._nlabel, label(n)) AS key, count(*) AS n"
    ),
    "count_types": "MATCH ()-[r]->() RETURN label(r) AS key, count(*) AS n",
    # Edges arriving at any of $ids, of the given types: one hop of a bounded expansion.
    "edges_in": (
        "MATCH (a)-[r:{types}]->(b{known}) WHERE b.id IN $ids AND (r.last_seen IS NULL OR r.last_seen >= $since) "
        "RETURN b.id AS target, label(r) AS type, a.id AS id, coalesce(a._nlabel, label(a)) AS label, "
        "coalesce(a.name, a.title) AS name, r.confidence AS confidence, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
        "r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    "edges_out": (
        "MATCH (a{known})-[r:{types}]->(b) WHERE a.id IN $ids AND (r.last_seen IS NULL OR r.last_seen >= $since) "
        "RETURN a.id AS target, label(r) AS type, b.id AS id, coalesce(b._nlabel, label(b)) AS label, "
        "coalesce(b.name, b.title) AS name, r.confidence AS confidence, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
        "r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    # any table: a scan (LadybugStore looks in the table an id's prefix names first: nodes_in)
    "nodes_by_id": (
        f"MATCH (n) WHERE n.id IN $ids AND NOT label(n) IN {_HIDDEN} "
        "RETURN n.id AS id, coalesce(n._nlabel, label(n)) AS label, "
        "coalesce(n.name, n.title) AS name, n.aliases AS aliases"
    ),
    "entities": (
        "MATCH (n) WHERE coalesce(n._nlabel, label(n)) IN $labels "
        "RETURN n.id AS id, coalesce(n._nlabel, label(n)) AS label, n.name AS name, n.aliases AS aliases"
    ),
    "items_by_id": (
        "UNWIND $ids AS key MATCH (n:Item {id: key}) RETURN n.id AS id, n.source AS source, "
        "n.location AS location, n.title AS title, n.url AS url, n.date AS date"
    ),
    "max_date": "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN max(i.date) AS date",
    "min_date": "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN min(i.date) AS date",
    "all_nodes": (
        f"MATCH (n) WHERE NOT label(n) IN {_HIDDEN} "
        "RETURN n.id AS id, coalesce(n._nlabel, label(n)) AS label, n AS props"
    ),
    "all_rels": (
        "MATCH (a)-[r]->(b) RETURN a.id AS src, b.id AS dst, label(r) AS type, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence, "
        "r.item_ids AS item_ids, r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    "events_by_id": (
        "UNWIND $ids AS key MATCH (e:Event {id: key}) RETURN e.id AS id, e.title AS title, e.date AS date, "
        "e.kind AS kind, e.summary AS summary, e.first_seen AS first_seen, e.last_seen AS last_seen"
    ),
    "events": "MATCH (e:Event) RETURN e.id AS id, e.title AS title, e.date AS date, e.kind AS kind",
    "degree": (
        "MATCH (n)-[r]-() WHERE coalesce(n._nlabel, label(n)) IN $labels AND NOT label(r) IN ['MENTIONS', 'REPORTS'] "
        "RETURN n.id AS id, coalesce(n._nlabel, label(n)) AS label, n.name AS name, count(r) AS n"
    ),
    "mention_counts": (
        "MATCH (i:Item)-[r:MENTIONS]->(x) WHERE r.first_seen >= $since AND r.first_seen <= $until "
        "RETURN x.id AS id, coalesce(x._nlabel, label(x)) AS label, x.name AS name, count(*) AS mentions, "
        "sum(CASE WHEN r.first_seen >= $recent THEN 1 ELSE 0 END) AS recent"
    ),
    "search_items": (
        "MATCH (i:Item) WHERE lower(i.text) CONTAINS $q OR lower(i.title) CONTAINS $q "
        "RETURN i.id AS id, i.title AS title, i.text AS text, i.date AS date, i.source AS source"
    ),
    "node_props": (
        f"MATCH (n) WHERE n.id = $id AND NOT label(n) IN {_HIDDEN} "
        "RETURN n.id AS id, coalesce(n._nlabel, label(n)) AS label, n AS props"
    ),
    "delete_node": f"MATCH (n) WHERE n.id = $id AND NOT label(n) IN {_HIDDEN} DETACH DELETE n",
    "set_aliases": "MATCH (n) WHERE n.id = $id SET n.aliases = $aliases",
    "set_rel": (
        "MATCH (a)-[r:{types}]->(b) WHERE a.id = $src AND b.id = $dst "
        "SET r.count = $count, r.item_ids = $item_ids, r.dates = $dates, r.evidence = $evidence, "
        "r.first_seen = $first_seen, r.last_seen = $last_seen"
    ),
    "delete_rel": "MATCH (a)-[r:{types}]->(b) WHERE a.id = $src AND b.id = $dst DELETE r",
    "merges": (
        "MATCH (m:MergeDecision) RETURN m.id AS id, m.from_id AS from_id, m.into_id AS into_id, "
        "m.label AS label, m.decided_at AS decided_at, m.snapshot AS snapshot"
    ),
    "record_merge": (
        "MERGE (m:MergeDecision {id: $id}) SET m.from_id = $from_id, m.into_id = $into_id, m.label = $label, "
        "m.decided_at = $decided_at, m.snapshot = $snapshot"
    ),
    "delete_merge": "MATCH (m:MergeDecision) WHERE m.id = $id DELETE m",
    "events_involving": (
        "MATCH (e:Event)-[:INVOLVES]->(x) WHERE x.id IN $ids AND e.last_seen >= $since AND e.first_seen <= $until "
        "AND EXISTS { MATCH (i:Item)-[:REPORTS]->(e) WHERE i.kind = 'news' } "  # not a digest's headline list
        "RETURN DISTINCT e.id AS id, e.kind AS kind, e.title AS title, e.first_seen AS first_seen, "
        "e.last_seen AS last_seen"
    ),
    "refresh_reports": (
        "UNWIND $ids AS key MATCH (e:Event {id: key}) MATCH (i:Item)-[:REPORTS]->(e) "
        "WITH e, count(i) AS n SET e.reports = n"
    ),
    "set_scores": (
        "UNWIND $rows AS r MATCH (n {id: r.id}) "
        "SET n.pagerank = r.pagerank, n.degree = r.degree, n.betweenness = r.betweenness, n.community = r.community"
    ),
}


# One hop of a walk needs only what scores it; evidence is fetched afterwards for what is shown.
_FULL_COLUMNS = (
    "r.count AS count, r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
    "r.dates AS dates, r.evidence AS evidence, r.role AS role"
)
QUERIES["steps_in"] = QUERIES["edges_in"].replace(_FULL_COLUMNS, "r.dates AS dates")
QUERIES["steps_out"] = QUERIES["edges_out"].replace(_FULL_COLUMNS, "r.dates AS dates")
assert QUERIES["steps_in"] != QUERIES["edges_in"] and QUERIES["steps_out"] != QUERIES["edges_out"]


#: Queries whose relationship types are spliced into the pattern (``{types}``), after
#: validation, so that the store only walks those types: see :func:`edge_query`.
EDGE_QUERIES = ("edges_in", "edges_out", "steps_in", "steps_out", "set_rel", "delete_rel")


def edge_query(name: str, types: list[str], label: str | None = None) -> str:
    """An edge query for the given relationship types (validated). ``edges_in``/``edges_out``
    also take ``$since`` (relationships last asserted before it are skipped; undated catalog
    facts never are) and, when all ``$ids`` have one ``label``, look only in that table."""
    known = f":{table_of(label)}" if label else ""
    return QUERIES[name].replace("{types}", "|".join(check_rel_type(t).value for t in types)).replace("{known}", known)


# -- added for the answers (issue 15): the date profile of the items, and the support of a mention count
QUERIES["item_dates"] = "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN i.date AS date, count(*) AS n"
QUERIES["mention_support"] = (
    "MATCH (i:Item)-[r:MENTIONS]->(x) WHERE r.first_seen >= $since AND r.first_seen <= $until "
    "RETURN x.id AS id, collect(DISTINCT i.source) AS sources, count(DISTINCT i.id) AS items, "
    "count(DISTINCT r.first_seen) AS days"
)


# -- the write generation (newsgraph.queries.affects_cache): every library write moves it in its transaction
BUMP_GENERATION = (
    "MERGE (g:WriteGeneration {id: 'graph'}) ON CREATE SET g.epoch = $epoch, g.generation = 1 "
    "ON MATCH SET g.generation = g.generation + 1"
)
QUERIES["write_state"] = (
    "MATCH (g:WriteGeneration) WHERE g.id = 'graph' RETURN g.epoch AS epoch, g.generation AS generation"
)
#: Named queries that write (each runs in one transaction with the generation's bump).
WRITE_QUERIES = frozenset(
    {
        "delete_node",
        "set_aliases",
        "set_rel",
        "delete_rel",
        "record_merge",
        "delete_merge",
        "refresh_reports",
        "set_scores",
    }
)
