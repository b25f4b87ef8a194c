"""Benchmark: the project's Neo4j writer against a naive writer and neo4j-graphrag's, on one graph.

Three writers put the same synthetic graph (:mod:`newsgraph.loaders.synthetic`, shaped like
ingested news) into one empty Neo4j database, each run checked to give the same node and
relationship counts:

- ``project``: ``Neo4jStore.write`` on 500-event batches, as ``ingest`` does (one statement
  per batch, assertions accumulated on each relationship);
- ``naive``: one ``MERGE`` per transaction, node by node and assertion by assertion (the same
  Cypher as the project's, one row at a time), through the same driver;
- ``graphrag``: ``neo4j_graphrag``'s ``Neo4jWriter`` (batches of 1,000; it needs APOC) given
  the final graph the project wrote: its nodes and relationships with their properties.

All three run with the project's uniqueness constraints in place, through the driver with
the Rust packstream codec when ``neo4j-rust-ext`` is installed (``--no-rust`` hides it from
this process: the driver falls back to pure-Python encoding). Runs interleave (project,
graphrag, naive, ...) and the median of ``--repeat`` is reported; the naive writer runs
``--naive-repeat`` times (it is slow).

    pip install neo4j-graphrag        # the benchmark only; not a dependency of newsgraph
    NEO4J_APOC=1 NEWSGRAPH_NEO4J_STATE_DIR=.neo4j-apoc tools/neo4j-server start
    .venv/bin/python benchmarks/bench_writers.py --neo4j-uri bolt://127.0.0.1:PORT --events 1000 [--json]

``--json`` prints one JSON object per writer: ``writer``, ``events``, ``nodes``,
``relationships``, ``seconds`` (median), ``runs``, and ``speedup`` (the naive writer's or
graphrag's seconds divided by the project's) on the project row.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from typing import Any

if "--no-rust" in sys.argv:  # before the driver loads: it imports its codec from neo4j._rust
    sys.modules["neo4j._rust"] = None

from neo4j import GraphDatabase


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j-uri", required=True, help="bolt://HOST:PORT of a Neo4j 5.26 with APOC core")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the project and graphrag writers")
    parser.add_argument("--naive-repeat", type=int, default=1)
    parser.add_argument("--writers", nargs="+", default=["project", "graphrag", "naive"])
    parser.add_argument("--no-rust", action="store_true", help="hide neo4j-rust-ext (pure-Python packstream)")
    parser.add_argument("--json", action="store_true", help="one JSON object per writer")
    return parser.parse_args()


def _clear(driver) -> None:
    with driver.session() as session:  # auto-commit, as CALL ... IN TRANSACTIONS requires
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


def _counts(driver) -> tuple[int, int]:
    # the project's writer also keeps its write generation (a bookkeeping node): not counted
    graph = "MATCH (n) WHERE NONE(l IN labels(n) WHERE l IN ['WriteGeneration', 'AffectsAnswer']) RETURN count(n) AS n"
    nodes = driver.execute_query(graph).records[0]["n"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
    return nodes, rels


def write_project(uri: str, batches: list) -> None:
    from newsgraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore(uri) as store:
        for batch in batches:
            store.write(batch)


def write_naive(uri: str, batches: list) -> None:
    """One MERGE per transaction: each node, then each assertion of each relationship."""
    from newsgraph.graph import neo4j_cypher as cy
    from newsgraph.graph.store import MAX_EVIDENCE, prepare_write

    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        for batch in batches:
            prepared = prepare_write(batch)
            for label, rows in prepared.nodes.items():
                text = cy.node_upsert(label)
                for row in rows:
                    session.execute_write(lambda tx, t=text, r=row: tx.run(t, rows=[r]).consume())
            for round_ in prepared.rounds:
                for (rel_type, source, target), rows in round_.items():
                    text = cy.rel_upsert(rel_type, source, target, MAX_EVIDENCE)
                    for row in rows:
                        one = {
                            "src": row["src"],
                            "dst": row["dst"],
                            "role": row["role"],
                            "item_ids": [row["item_id"]],
                            "dates": [row["date"] or ""],
                            "evidence": [row["evidence"] or ""],
                            "confidences": [row["confidence"]],
                        }
                        session.execute_write(lambda tx, t=text, r=one: tx.run(t, rows=[r]).consume())
            if prepared.reported_events:
                ids = sorted(prepared.reported_events)
                session.execute_write(lambda tx, i=ids: tx.run(cy.QUERIES["refresh_reports"], ids=i).consume())


def graphrag_graph(graph) -> Any:
    """The project's final graph (``to_networkx``) as neo4j-graphrag's ``Neo4jGraph``."""
    from neo4j_graphrag.experimental.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship

    def props(attrs: dict) -> dict:
        return {k: v for k, v in attrs.items() if v is not None and k not in ("label", "type")}

    nodes = [
        Neo4jNode(id=node, label=attrs["label"], properties={"id": node, **props(attrs)})
        for node, attrs in graph.nodes(data=True)
    ]
    rels = [
        Neo4jRelationship(start_node_id=u, end_node_id=v, type=attrs["type"], properties=props(attrs))
        for u, v, attrs in graph.edges(data=True)
    ]
    return Neo4jGraph(nodes=nodes, relationships=rels)


def write_graphrag(uri: str, graph) -> None:
    import logging

    from neo4j_graphrag.experimental.components.kg_writer import Neo4jWriter

    logging.getLogger("neo4j_graphrag").setLevel(logging.ERROR)
    with GraphDatabase.driver(uri, auth=None) as driver:
        result = asyncio.run(Neo4jWriter(driver, batch_size=1000).run(graph))
        if result.status != "SUCCESS":
            raise RuntimeError(f"neo4j-graphrag's writer failed: {result.metadata}")


def main() -> None:
    args = _args()
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from newsgraph.graph.neo4j_store import Neo4jStore
    from newsgraph.loaders.synthetic import synthetic_batches

    try:
        from neo4j._codec.packstream import RUST_AVAILABLE as rust
    except ImportError:
        rust = False
    batches = list(synthetic_batches(args.events))
    driver = GraphDatabase.driver(args.neo4j_uri, auth=None)
    _clear(driver)
    with Neo4jStore(args.neo4j_uri) as store:
        store._ensure_schema()  # every writer runs with the project's uniqueness constraints
        store.write(batches[0])  # warm-up: plans cached, JIT warm; then the real runs
        store.clear()
    write_project(args.neo4j_uri, batches)
    with Neo4jStore(args.neo4j_uri) as store:
        final = store.to_networkx()
    expected = _counts(driver)
    rag_graph = graphrag_graph(final) if "graphrag" in args.writers else None
    writers = {
        "project": lambda: write_project(args.neo4j_uri, batches),
        "naive": lambda: write_naive(args.neo4j_uri, batches),
        "graphrag": lambda: write_graphrag(args.neo4j_uri, rag_graph),
    }
    runs: dict[str, list[float]] = {name: [] for name in args.writers}
    for attempt in range(max(args.repeat, args.naive_repeat)):
        for name in args.writers:
            if attempt >= (args.naive_repeat if name == "naive" else args.repeat):
                continue
            _clear(driver)
            t0 = time.perf_counter()
            writers[name]()
            runs[name].append(time.perf_counter() - t0)
            got = _counts(driver)
            if got != expected:
                raise SystemExit(f"{name} wrote {got} (nodes, relationships), the project {expected}")
    _clear(driver)
    driver.close()
    seconds = {name: statistics.median(times) for name, times in runs.items()}
    rows = []
    for name in args.writers:
        row = {
            "writer": name,
            "events": args.events,
            "nodes": expected[0],
            "relationships": expected[1],
            "seconds": round(seconds[name], 3),
            "runs": [round(t, 3) for t in runs[name]],
            "rust_codec": bool(rust),
        }
        if name == "project":
            row["speedup"] = {o: round(seconds[o] / seconds[name], 2) for o in args.writers if o != name}
        rows.append(row)
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return
    print(f"{args.events} events: {expected[0]:,} nodes, {expected[1]:,} relationships; Rust codec: {bool(rust)}")
    print(f"{'writer':<10} {'median s':>9}  runs")
    for row in rows:
        print(f"{row['writer']:<10} {row['seconds']:>9.2f}  {row['runs']}")
    for other, ratio in rows[0].get("speedup", {}).items() if rows[0]["writer"] == "project" else []:
        print(f"project is {ratio:.1f}x {other}")


if __name__ == "__main__":
    main()
