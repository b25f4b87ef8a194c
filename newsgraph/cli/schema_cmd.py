"""``newsgraph schema``: the labels, relationship types and properties to write Cypher against."""

from __future__ import annotations

import typer

from newsgraph.cli.common import FormatOpt, JsonOpt, echo, guarded, output_format, print_rows

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("schema")
    @guarded
    def schema_command(fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
        """Node labels, relationship types (with their endpoints) and the properties of each."""
        from newsgraph.graph.describe import describe_schema

        out = output_format(fmt, as_json)
        schema = describe_schema()
        rows = [
            {"kind": "label", "name": name, "properties": ", ".join(spec["properties"]), "also": spec["also"]}
            for name, spec in schema["labels"].items()
        ]
        rows += [
            {
                "kind": "relationship",
                "name": name,
                "properties": ", ".join(spec["properties"]),
                "from": spec["from"],
                "to": spec["to"],
            }
            for name, spec in schema["relationships"].items()
        ]
        if out == "json":
            print_rows(out, rows, [], payload=schema)
            return
        if out != "table":
            print_rows(out, rows, ["kind", "name", "also", "from", "to", "properties"])
            return
        lines = ["Node labels (every entity label is also :Entity):"]
        for name, spec in schema["labels"].items():
            also = f" (also :{', :'.join(spec['also'])})" if spec["also"] else ""
            props = ", ".join(f"{p}: {t}" for p, t in spec["properties"].items())
            lines.append(f"  :{name}{also}\n      {props}")
        lines.append("Relationship types:")
        props = ", ".join(f"{p}: {t}" for p, t in next(iter(schema["relationships"].values()))["properties"].items())
        for name, spec in schema["relationships"].items():
            lines.append(f"  (:{'|'.join(spec['from'])})-[:`{name}`]->(:{'|'.join(spec['to'])})")
        lines.append(f"  every relationship has: {props}")
        echo("\n".join(lines))
