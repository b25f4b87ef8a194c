"""All Cypher the Neo4j backend runs: constraints, batched writes, and named queries.

Every entity node carries its own label and ``Entity``; each label has a uniqueness
constraint on ``id``, so every ``MERGE`` below is an index seek, never a label scan.
Labels and types spliced in are validated by :mod:`newsgraph.graph.schema`.
"""

from __future__ import annotations

from newsgraph.graph.model import ENTITY_LABELS, Label
from newsgraph.graph.schema import BOOKKEEPING, NODE_PROPERTIES, check_bookkeeping, check_label, check_rel_type

__all__ = [
    "BUILT_QUERIES",
    "EDGE_QUERIES",
    "QUERIES",
    "STABLE_PLAN",
    "WRITE_QUERIES",
    "edge_query",
    "entity_upsert",
    "hop_query",
    "node_batch",
    "node_upsert",
    "rel_upsert",
    "schema_statements",
]


def schema_statements() -> list[str]:
    """Uniqueness constraints on ``id`` for every label (and ``Entity``), plus lookup indexes."""
    statements = [
        f"CREATE CONSTRAINT {label.value.lower()}_id IF NOT EXISTS FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
        for label in [*Label]
    ]
    statements.append("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE")
    statements.append("CREATE CONSTRAINT merge_decision_id IF NOT EXISTS FOR (n:MergeDecision) REQUIRE n.id IS UNIQUE")
    statements.append("CREATE CONSTRAINT ingest_lock_id IF NOT EXISTS FOR (n:IngestLock) REQUIRE n.id IS UNIQUE")
    statements += [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{check_bookkeeping(label)}) REQUIRE n.id IS UNIQUE"
        for label in BOOKKEEPING
    ]
    statements.append("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)")
    statements.append("CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)")
    statements.append("CREATE INDEX item_date IF NOT EXISTS FOR (n:Item) ON (n.date)")
    return statements


#: Taken by :meth:`Neo4jStore.exclusive` in a transaction that is rolled back: the node never
#: stays, but while the transaction is open a second MERGE of the same id waits on the
#: uniqueness constraint's index entry.
INGEST_LOCK = "MERGE (l:IngestLock {id: $id})"


_WIDEN = (
    "{n}.first_seen = CASE WHEN {v} IS NOT NULL AND ({n}.first_seen IS NULL OR {v} < {n}.first_seen) "
    "THEN {v} ELSE {n}.first_seen END, "
    "{n}.last_seen = CASE WHEN {w} IS NOT NULL AND ({n}.last_seen IS NULL OR {w} > {n}.last_seen) "
    "THEN {w} ELSE {n}.last_seen END"
)


def node_upsert(label: Label) -> str:
    """MERGE on ``id``; first/last seen widen, aliases accumulate."""
    label = check_label(label)
    if label is Label.ITEM:
        sets = ", ".join(f"n.{p} = r.{p}" for p in NODE_PROPERTIES[label] if p != "id")
        return f"UNWIND $rows AS r MERGE (n:Item {{id: r.id}}) ON CREATE SET {sets}"
    if label is Label.EVENT:
        return (
            "UNWIND $rows AS r MERGE (n:Event {id: r.id}) "
            "ON CREATE SET n.title = r.title, n.kind = r.kind, n.summary = r.summary, n.date = r.date "
            "SET " + _WIDEN.format(n="n", v="r.first_seen", w="r.last_seen")
        )
    return (
        f"UNWIND $rows AS r MERGE (n:{label.value} {{id: r.id}}) "
        "ON CREATE SET n.name = r.name, n.aliases = [] "
        "SET n:Entity, n.aliases = reduce(acc = n.aliases, a IN r.aliases | "
        "CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END), "
        + _WIDEN.format(n="n", v="r.first_seen", w="r.last_seen")
    )


def _kind(label: Label) -> str:
    """The label a relationship's end is matched on: ``Entity`` for every entity label (its
    uniqueness constraint makes it an index seek), else the label itself."""
    return "Entity" if label in ENTITY_LABELS else label.value


def rel_upsert(rel_type: str, source: Label, target: Label, max_evidence: int) -> str:
    """MERGE one relationship per row and add the row's assertions that it does not hold yet.

    A row is one (source, type, target) of a batch with the lists of its assertions, in batch
    order: ``item_ids``, ``dates`` ('' when undated), ``evidence``, ``confidences``. An item
    already on the relationship is skipped (the guard), so rewriting a batch changes nothing;
    the result is the same as asserting the items one by one."""
    rel = check_rel_type(rel_type, source, target)
    return (
        f"UNWIND $rows AS r "
        f"MATCH (a:{_kind(source)} {{id: r.src}}) MATCH (b:{_kind(target)} {{id: r.dst}}) "
        f"MERGE (a)-[e:{rel.value}]->(b) "
        "ON CREATE SET e.count = 0, e.item_ids = [], e.dates = [], e.evidence = [], e.confidence = 0.0, "
        "e.role = r.role "
        # a row's item ids are distinct (store.prepare_write)
        "WITH e, r, [i IN range(0, size(r.item_ids) - 1) WHERE NOT r.item_ids[i] IN e.item_ids] AS fresh "
        "WHERE size(fresh) > 0 "
        "WITH e, r, fresh, [i IN fresh WHERE r.dates[i] <> '' | r.dates[i]] AS days "
        "SET e.count = e.count + size(fresh), e.item_ids = e.item_ids + [i IN fresh | r.item_ids[i]], "
        "e.dates = e.dates + [i IN fresh | r.dates[i]], "
        # evidence[i] belongs to item_ids[i] (an empty string when the item gave no sentence)
        f"e.evidence = (e.evidence + [i IN fresh | r.evidence[i]])[0..{int(max_evidence)}], "
        "e.confidence = reduce(m = e.confidence, i IN fresh | CASE WHEN r.confidences[i] > m "
        "THEN r.confidences[i] ELSE m END), "
        "e.first_seen = reduce(m = e.first_seen, d IN days | CASE WHEN m IS NULL OR d < m THEN d ELSE m END), "
        "e.last_seen = reduce(m = e.last_seen, d IN days | CASE WHEN m IS NULL OR d > m THEN d ELSE m END)"
    )


#: Prefix of the write statements: keep a cached plan when the label statistics move (an
#: ingest moves them all the time). These statements MERGE on uniqueness constraints, so
#: their plans (index seeks, expand-into) do not depend on the statistics, while a replan
#: costs 0.1-0.3 s each and made the same batch's time swing by seconds.
STABLE_PLAN = "CYPHER replan=skip "


def entity_upsert() -> str:
    """MERGE entities of any label in one statement: on ``Entity``'s id constraint (an index
    seek), the row's own label (validated by the caller) set on creation."""
    return (
        "UNWIND $rows AS r MERGE (n:Entity {id: r.id}) "
        "ON CREATE SET n:$(r.label), n.name = r.name, n.aliases = [] "
        "SET n.aliases = reduce(acc = n.aliases, a IN r.aliases | "
        "CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END), "
        + _WIDEN.format(n="n", v="r.first_seen", w="r.last_seen")
    )


def node_batch() -> str:
    """Every node of a write batch in one statement: ``$entities`` (rows with ``label``),
    ``$events``, ``$items``. Its text never changes, so the server plans it once."""
    return (
        f"CALL () {{ {entity_upsert().replace('$rows', '$entities')} }} "
        f"CALL () {{ {node_upsert(Label.EVENT).replace('$rows', '$events')} }} "
        f"CALL () {{ {node_upsert(Label.ITEM).replace('$rows', '$items')} }}"
    )


# The node's own label (not ``Entity``): every node has exactly one of the schema's labels.
_LABEL = "[l IN labels({v}) WHERE l <> 'Entity'][0]"
# Find a node of any kind by id through the id constraints' indexes (a UNION of seeks).
# The bookkeeping labels (validated), never counted, exported or ranked as part of the graph.
_HIDDEN = "[" + ", ".join(f"'{check_bookkeeping(label)}'" for label in BOOKKEEPING) + "]"
_FIND = (
    "CALL ({key}) {{ MATCH ({v}:Entity {{id: {key}}}) RETURN {v} "
    "UNION MATCH ({v}:Event {{id: {key}}}) RETURN {v} "
    "UNION MATCH ({v}:Item {{id: {key}}}) RETURN {v} }} "
)

QUERIES: dict[str, str] = {
    "count_labels": (
        "MATCH (n) UNWIND labels(n) AS key WITH key WHERE key <> 'Entity' AND NOT key IN " + _HIDDEN + " "
        "RETURN key, count(*) AS n"
    ),
    "count_types": "MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n",
    "edges_in": (
        "UNWIND $ids AS target "
        + _FIND.format(key="target", v="b")
        + "MATCH (a)-[r:{types}]->(b) WHERE r.last_seen IS NULL OR r.last_seen >= $since "
        f"RETURN b.id AS target, type(r) AS type, a.id AS id, {_LABEL.format(v='a')} AS label, "
        "coalesce(a.name, a.title) AS name, r.confidence AS confidence, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
        "r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    "edges_out": (
        "UNWIND $ids AS source "
        + _FIND.format(key="source", v="a")
        + "MATCH (a)-[r:{types}]->(b) WHERE r.last_seen IS NULL OR r.last_seen >= $since "
        f"RETURN a.id AS target, type(r) AS type, b.id AS id, {_LABEL.format(v='b')} AS label, "
        "coalesce(b.name, b.title) AS name, r.confidence AS confidence, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
        "r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    "nodes_by_id": (
        "UNWIND $ids AS wanted "
        + _FIND.format(key="wanted", v="n")
        + f"RETURN n.id AS id, {_LABEL.format(v='n')} AS label, coalesce(n.name, n.title) AS name, "
        "n.aliases AS aliases"
    ),
    "entities": (
        f"MATCH (n:Entity) WHERE {_LABEL.format(v='n')} IN $labels "
        f"RETURN n.id AS id, {_LABEL.format(v='n')} AS label, n.name AS name, n.aliases AS aliases"
    ),
    "items_by_id": (
        "UNWIND $ids AS wanted MATCH (n:Item {id: wanted}) RETURN n.id AS id, n.source AS source, "
        "n.location AS location, n.title AS title, n.url AS url, n.date AS date"
    ),
    "max_date": "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN max(i.date) AS date",
    "min_date": "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN min(i.date) AS date",
    "all_nodes": (
        "MATCH (n) WHERE NONE(l IN labels(n) WHERE l IN " + _HIDDEN + ") "
        f"RETURN n.id AS id, {_LABEL.format(v='n')} AS label, "
        "properties(n) AS props"
    ),
    "all_rels": (
        "MATCH (a)-[r]->(b) RETURN a.id AS src, b.id AS dst, type(r) AS type, r.count AS count, "
        "r.first_seen AS first_seen, r.last_seen AS last_seen, r.confidence AS confidence, "
        "r.item_ids AS item_ids, r.dates AS dates, r.evidence AS evidence, r.role AS role"
    ),
    "events_by_id": (
        "UNWIND $ids AS wanted MATCH (e:Event {id: wanted}) RETURN e.id AS id, e.title AS title, e.date AS date, "
        "e.kind AS kind, e.summary AS summary, e.first_seen AS first_seen, e.last_seen AS last_seen"
    ),
    "events": "MATCH (e:Event) RETURN e.id AS id, e.title AS title, e.date AS date, e.kind AS kind",
    "degree": (
        f"MATCH (n:Entity)-[r]-() WHERE {_LABEL.format(v='n')} IN $labels AND NOT type(r) IN ['MENTIONS', 'REPORTS'] "
        f"RETURN n.id AS id, {_LABEL.format(v='n')} AS label, n.name AS name, count(r) AS n"
    ),
    "mention_counts": (
        "MATCH (i:Item)-[r:MENTIONS]->(x) WHERE r.first_seen >= $since AND r.first_seen <= $until "
        f"RETURN x.id AS id, {_LABEL.format(v='x')} AS label, x.name AS name, count(*) AS mentions, "
        "sum(CASE WHEN r.first_seen >= $recent THEN 1 ELSE 0 END) AS recent"
    ),
    "search_items": (
        "MATCH (i:Item) WHERE toLower(i.text) CONTAINS $q OR toLower(i.title) CONTAINS $q "
        "RETURN i.id AS id, i.title AS title, i.text AS text, i.date AS date, i.source AS source"
    ),
    "node_props": (
        "WITH $id AS key " + _FIND.format(key="key", v="n") + f"RETURN n.id AS id, {_LABEL.format(v='n')} AS label, "
        "properties(n) AS props"
    ),
    "delete_node": "WITH $id AS key " + _FIND.format(key="key", v="n") + "DETACH DELETE n",
    "set_aliases": "MATCH (n:Entity {id: $id}) SET n.aliases = $aliases",
    "set_rel": (
        "WITH $src AS s, $dst AS d "
        + _FIND.format(key="s", v="a")
        + _FIND.format(key="d", v="b")
        + "MATCH (a)-[r:{types}]->(b) SET r.count = $count, r.item_ids = $item_ids, r.dates = $dates, "
        "r.evidence = $evidence, r.first_seen = $first_seen, r.last_seen = $last_seen"
    ),
    "delete_rel": (
        "WITH $src AS s, $dst AS d "
        + _FIND.format(key="s", v="a")
        + _FIND.format(key="d", v="b")
        + "MATCH (a)-[r:{types}]->(b) DELETE r"
    ),
    "merges": (
        "MATCH (m:MergeDecision) RETURN m.id AS id, m.from_id AS from_id, m.into_id AS into_id, "
        "m.label AS label, m.decided_at AS decided_at, m.snapshot AS snapshot"
    ),
    "record_merge": (
        "MERGE (m:MergeDecision {id: $id}) SET m.from_id = $from_id, m.into_id = $into_id, m.label = $label, "
        "m.decided_at = $decided_at, m.snapshot = $snapshot"
    ),
    "delete_merge": "MATCH (m:MergeDecision {id: $id}) DELETE m",
    "events_involving": (
        "UNWIND $ids AS key MATCH (x:Entity {id: key})<-[:INVOLVES]-(e:Event) "
        "WHERE e.last_seen >= $since AND e.first_seen <= $until "
        "AND EXISTS { MATCH (i:Item)-[:REPORTS]->(e) WHERE i.kind = 'news' } "  # not a digest's headline list
        "RETURN DISTINCT e.id AS id, e.kind AS kind, e.title AS title, e.first_seen AS first_seen, "
        "e.last_seen AS last_seen"
    ),
    "refresh_reports": (
        "UNWIND $ids AS key MATCH (e:Event {id: key}) SET e.reports = COUNT { MATCH (:Item)-[:REPORTS]->(e) }"
    ),
    "set_scores": (
        "UNWIND $rows AS r WITH r, r.id AS key "
        + _FIND.format(key="key", v="n")
        + "SET n.pagerank = r.pagerank, n.degree = r.degree, n.betweenness = r.betweenness, n.community = r.community"
    ),
}


# One hop of ``affects`` aggregated in the server (see newsgraph.queries.hop, whose
# ``aggregate`` is the reference: the differential tests hold the two to the same answers).
# $frontier rows: {id, value, kind}. For each neighbour not in $visited: the sum of
# value x factor over the edges that reach it, and those edges as [parent, type,
# contribution, latest date]; the $k strongest neighbours are returned. The arithmetic
# keeps the reference's order of operations so that both give the same floats.
_HOP_WEIGHT = (
    # evidence dates within [$since, $until]; an undated (catalog) assertion counts 1
    "WITH as_of_text, as_of, f, a, r, way, [d IN CASE WHEN size(coalesce(r.dates, [])) = 0 THEN [''] ELSE r.dates END "
    "WHERE d = '' OR (($since = '' OR d >= $since) AND ($until = '' OR d <= $until))] AS ds "
    # $decay: the decay of each day within the horizon, computed by the caller (the same
    # function as the reference); other days (older evidence of a recent edge) are computed here
    "WITH f, a, r, way, reduce(w = 0.0, d IN ds | w + CASE WHEN d = '' THEN 1.0 "
    "ELSE coalesce($decay[d], 0.5 ^ (CASE WHEN as_of IS NULL OR d >= as_of_text THEN 0 "
    "ELSE duration.inDays(date(d), as_of).days END / $half_life)) END) AS w, "
    "reduce(m = null, d IN ds | CASE WHEN d <> '' AND (m IS NULL OR d > m) THEN d ELSE m END) AS latest "
    "WHERE w <> 0.0 "
)


def hop_query(expansions: list[tuple[str, list[str]]]) -> str:
    """The ``affects_hop`` query for these expansions: ``(way, relationship types)`` each,
    where ``way`` is ``in`` (edges arriving at the frontier node) or ``out``; a frontier
    row's ``kind`` is its expansion's index. Types are validated, then spliced, so that each
    node walks only its own types (a popular node's other edges are never read)."""
    branches = []
    for kind, (way, types) in enumerate(expansions):
        if way not in ("in", "out"):
            raise ValueError(f"way must be 'in' or 'out', not {way!r}")
        rels = "|".join(check_rel_type(t).value for t in types)
        pattern = f"(a)-[r:{rels}]->(b)" if way == "in" else f"(b)-[r:{rels}]->(a)"
        branches.append(f"MATCH {pattern} WHERE f.kind = {kind} RETURN a, r, '{way}' AS way")
    return (
        "WITH $as_of AS as_of_text, CASE WHEN $as_of = '' THEN null ELSE date($as_of) END AS as_of "
        "UNWIND $frontier AS f "
        "CALL (f) { MATCH (b:Entity {id: f.id}) RETURN b UNION MATCH (b:Event {id: f.id}) RETURN b } "
        "CALL (f, b) { " + " UNION ALL ".join(branches) + " } "
        # Items never start these types (schema), so the source needs no label check
        "WITH as_of_text, as_of, f, a, r, way WHERE r.last_seen IS NULL OR r.last_seen >= $oldest "
        + _HOP_WEIGHT
        + "WITH f, a, r, latest, f.value * ((((CASE type(r) WHEN 'HURTS' THEN -1.0 ELSE 1.0 END "
        "* coalesce(r.confidence, 0.0)) * w) * $scale) * CASE WHEN type(r) = 'IN_SECTOR' THEN $member_weight "
        "WHEN type(r) = 'INVOLVES' AND way = 'in' THEN $link_weight ELSE 1.0 END) AS c "
        "WITH a, sum(c) AS value, collect([f.id, type(r), c, latest]) AS edges WHERE NOT a.id IN $visited "
        "ORDER BY round(abs(value), 9) DESC, a.id LIMIT $k "
        f"RETURN a.id AS id, {_LABEL.format(v='a')} AS label, coalesce(a.name, a.title) AS name, value, edges"
    )


# One hop of a walk needs only what scores it; evidence is fetched afterwards for what is shown.
_FULL_COLUMNS = (
    "r.count AS count, r.first_seen AS first_seen, r.last_seen AS last_seen, r.item_ids AS item_ids, "
    "r.dates AS dates, r.evidence AS evidence, r.role AS role"
)
QUERIES["steps_in"] = QUERIES["edges_in"].replace(_FULL_COLUMNS, "r.dates AS dates")
QUERIES["steps_out"] = QUERIES["edges_out"].replace(_FULL_COLUMNS, "r.dates AS dates")
assert QUERIES["steps_in"] != QUERIES["edges_in"] and QUERIES["steps_out"] != QUERIES["edges_out"]


#: Named queries that write: sent with write routing (to the cluster leader).
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
        "answer_put",
        "answers_clear",
    }
)
#: Write queries that only keep bookkeeping: they do not move the write generation.
BOOKKEEPING_WRITES = frozenset({"answer_put", "answers_clear"})

#: Queries built for their parameters (types spliced after validation): name -> builder.
BUILT_QUERIES = {"affects_hop": hop_query}

#: Queries whose relationship types are spliced into the pattern (``{types}``), after
#: validation, so that the store only walks those types: see :func:`edge_query`.
EDGE_QUERIES = ("edges_in", "edges_out", "steps_in", "steps_out", "set_rel", "delete_rel")


def edge_query(name: str, types: list[str], label: str | None = None) -> str:
    """An edge query for the given relationship types (validated). ``edges_in``/``edges_out``
    also take ``$since`` (relationships last asserted before it are skipped; undated catalog
    facts never are) and, when all ``$ids`` have one ``label``, seek that label's index
    instead of the union over Entity, Event and Item."""
    text = QUERIES[name]
    if label:
        key, node = ("target", "b") if name == "edges_in" else ("source", "a")
        text = text.replace(_FIND.format(key=key, v=node), f"MATCH ({node}:{check_label(label).value} {{id: {key}}}) ")
    return text.replace("{types}", "|".join(check_rel_type(t).value for t in types))


# -- added for the answers (issue 15): the date profile of the items, and the support of a mention count
QUERIES["item_dates"] = "MATCH (i:Item) WHERE i.date IS NOT NULL RETURN i.date AS date, count(*) AS n"
QUERIES["mention_support"] = (
    "MATCH (i:Item)-[r:MENTIONS]->(x) WHERE r.first_seen >= $since AND r.first_seen <= $until "
    "RETURN x.id AS id, collect(DISTINCT i.source) AS sources, count(DISTINCT i.id) AS items, "
    "count(DISTINCT r.first_seen) AS days"
)


# -- the write generation and the materialised answers (newsgraph.queries.affects_cache)
#: Every library write ends with this statement, in its own transaction (the node's lock is
#: taken last and held only until the commit).
BUMP_GENERATION = (
    "MERGE (g:WriteGeneration {id: 'graph'}) ON CREATE SET g.epoch = $epoch, g.generation = 0 "
    "SET g.generation = g.generation + 1"
)
# Every count here comes from the count store (O(1)): the bookkeeping nodes are subtracted,
# so storing an answer does not move the fingerprint.
QUERIES["write_state"] = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH (n:AffectsAnswer) RETURN count(n) AS answers } "
    "CALL () { MATCH (n:WriteGeneration) RETURN count(n) AS generations } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
    "OPTIONAL MATCH (g:WriteGeneration {id: 'graph'}) "
    "RETURN g.epoch AS epoch, g.generation AS generation, nodes - answers - generations AS nodes, rels"
)
QUERIES["answer_get"] = "MATCH (a:AffectsAnswer {id: $id}) RETURN a.state AS state, a.answer AS answer"
QUERIES["answer_put"] = (
    # answers of an older state can never be read again: dropped as a new one is stored
    "OPTIONAL MATCH (old:AffectsAnswer) WHERE old.state <> $state DETACH DELETE old "
    "WITH count(*) AS _ MERGE (a:AffectsAnswer {id: $id}) "
    "SET a.state = $state, a.answer = $answer, a.stored_at = $stored_at "
    # and at most $keep of them (the oldest go first)
    "WITH count(*) AS _ MATCH (x:AffectsAnswer) WITH x ORDER BY x.stored_at DESC SKIP $keep DETACH DELETE x"
)
QUERIES["answers_clear"] = "MATCH (a:AffectsAnswer) DETACH DELETE a"
