"""``newsgraph analyze``: centrality, communities, bridges and impact, computed with NetworkX."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.common import (
    FormatOpt,
    echo,
    guarded,
    output_format,
    print_json,
    print_rows,
    print_table,
    settings,
    store_session,
)

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    @guarded
    def analyze_command(
        labels: Annotated[
            str | None, typer.Option("--labels", help="Only these labels, comma-separated (e.g. Company,Token,Sector).")
        ] = None,
        impact_on: Annotated[
            str | None, typer.Option("--impact", help="Also propagate signed impact onto this sector or entity.")
        ] = None,
        write_back: Annotated[
            bool,
            typer.Option(
                "--write-back",
                help="Store pagerank, degree, betweenness and "
                "community as node properties (for Browser/Bloom styling).",
            ),
        ] = False,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")] = 20,
        fmt: FormatOpt = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    ) -> None:
        """PageRank, degree and betweenness centrality, Louvain communities, and impact propagation.

        --format jsonl/csv print the top nodes' rows (with their impact when --impact is given).
        """
        out = output_format(fmt, as_json)
        from newsgraph.graph.analysis import analyze, community_report, impact, knowledge_graph
        from newsgraph.graph.schema import check_label
        from newsgraph.queries.names import resolve_name

        with store_session() as store:
            graph = knowledge_graph(store.to_networkx())
            if labels:
                wanted = {check_label(label.strip()).value for label in labels.split(",") if label.strip()}
                graph = graph.subgraph([n for n, d in graph.nodes(data=True) if d.get("label") in wanted]).copy()
            scores = analyze(graph)
            impacts = {}
            if impact_on:
                target = resolve_name(store, impact_on, catalog=settings.catalog())["id"]
                impacts = {n: round(v, 6) for n, v in impact(graph, target).items()} if target in graph else {}
            if write_back:
                store.write_scores([{"id": node, **values} for node, values in sorted(scores.items())])
        ranked = sorted(scores.items(), key=lambda kv: (-(kv[1]["pagerank"] or 0.0), kv[0]))
        rows = [
            {
                "id": node,
                "label": graph.nodes[node].get("label"),
                "name": graph.nodes[node].get("name"),
                **{k: round(v, 6) if isinstance(v, float) else v for k, v in values.items()},
            }
            for node, values in ranked[:limit]
        ]
        report = community_report(graph, scores)
        groups, alone = report["communities"], report["singletons"]
        summary = f"{len(groups)} communities of 2+ and {alone['count']} single nodes"
        if out in ("jsonl", "csv"):
            for row in rows:
                row["impact"] = impacts.get(row["id"]) if impacts else None
            print_rows(out, rows, ["id", "label", "name", "pagerank", "degree", "betweenness", "community", "impact"])
            return
        if out == "json":
            impact_rows = sorted(impacts.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:limit]
            print_json(
                {
                    "nodes": graph.number_of_nodes(),
                    "edges": graph.number_of_edges(),
                    "top": rows,
                    "communities": groups[:limit],
                    "community_count": len(groups),
                    "singletons": alone,
                    "impact": [{"id": n, "value": v} for n, v in impact_rows],
                }
            )
            return
        print_table(
            f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, {summary}",
            ["pagerank", "degree", "betweenness", "community", "name", "label"],
            [[r["pagerank"], r["degree"], r["betweenness"], r["community"], r["name"], r["label"]] for r in rows],
        )
        print_table(
            f"Communities (largest {min(limit, len(groups))} of {len(groups)}; "
            f"single nodes: {', '.join(f'{k} {v}' for k, v in alone['by_label'].items()) or 'none'})",
            ["community", "size", "label", "members"],
            [
                [g["community"], g["size"], g["label"], ", ".join(m["name"] for m in g["members"])]
                for g in groups[:limit]
            ],
        )
        if impacts:
            top_impacts = sorted(impacts.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:limit]
            print_table(
                f"Impact on {impact_on}",
                ["value", "name", "id"],
                [[v, graph.nodes[n].get("name"), n] for n, v in top_impacts],
            )
        if write_back:
            echo(f"scores written to {len(scores)} nodes")
