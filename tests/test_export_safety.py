"""Output safety of the exports: text from the news never breaks the file or turns into a
formula. Checked by the tools that read the files (an XML parser, xmllint with the GEXF 1.3
RELAX NG schema, Python's csv module, newsgraph's own readers)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from newsgraph.graph.export.gexf import read_gexf, write_gexf
from newsgraph.graph.export.graphml import read_graphml, write_graphml
from newsgraph.graph.export.neo4j_csv import read_neo4j_csv, write_neo4j_csv
from newsgraph.graph.export.safety import csv_restore, csv_text, xml_text
from tests.test_export import assert_valid_gexf, need_tool

# Made-up hostile values: control characters, and what spreadsheets run as formulas.
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "@SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "\tTAB", "\rCR", "'quoted"]
CONTROL = "Zentrix\x0bLabs\x00 \x1b[2J\x07Inc"


def hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("company:zentrix", label="Company", name=CONTROL, aliases=["Zen\x0ctrix", *FORMULAS])
    for n, text in enumerate(FORMULAS):
        graph.add_node(f"item:{n}", label="Item", title=text, text=f"{text}\nline two\x0b")
        graph.add_edge(
            f"item:{n}",
            "company:zentrix",
            key="MENTIONS",
            type="MENTIONS",
            count=1,
            item_ids=[f"item:{n}"],
            evidence=[text],
        )
    return graph


@pytest.mark.parametrize("writer", [write_graphml, write_gexf], ids=["graphml", "gexf"])
def test_control_characters_in_names_still_give_well_formed_xml(tmp_path, writer):
    path = tmp_path / "g.xml"
    writer(hostile_graph(), path)
    root = ET.parse(path).getroot()  # raises on a file that is not well-formed XML
    texts = [v for element in root.iter() for v in [element.text or "", *element.attrib.values()]]
    assert any("ZentrixLabs" in t for t in texts)
    assert not any(ch in t for t in texts for ch in "\x0b\x00\x1b\x07\x0c")
    need_tool(shutil.which("xmllint") is not None, "xmllint not installed (apt-get install libxml2-utils)")
    done = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_graphml_and_gexf_read_back_with_only_the_control_characters_gone(tmp_path):
    graph = hostile_graph()
    for writer, reader in ((write_graphml, read_graphml), (write_gexf, read_gexf)):
        path = tmp_path / f"g.{writer.__name__}"
        writer(graph, path)
        back = reader(path)
        assert back.nodes["company:zentrix"]["name"] == "ZentrixLabs [2JInc"
        assert back.nodes["company:zentrix"]["aliases"] == ["Zentrix", *FORMULAS]
        assert back.nodes["item:0"]["text"] == "=cmd|' /C calc'!A0\nline two"


def test_a_gexf_with_hostile_text_still_validates_against_the_gexf_13_schema(tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(hostile_graph(), path)
    assert_valid_gexf(path)


def test_no_neo4j_csv_cell_starts_a_formula_and_the_reader_restores_every_value(tmp_path):
    graph = hostile_graph()
    manifest = write_neo4j_csv(graph, tmp_path / "csv")
    cells = 0
    for name in [*manifest["nodes"], *manifest["relationships"]]:
        with (tmp_path / "csv" / name).open(encoding="utf-8", newline="") as handle:
            for row in list(csv.reader(handle))[1:]:
                for cell in row:
                    for part in cell.split(manifest["array_delimiter"]):
                        cells += 1
                        assert not part.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    assert cells > 50
    back = read_neo4j_csv(tmp_path / "csv")
    assert back.nodes["company:zentrix"]["aliases"] == ["Zen\x0ctrix", *FORMULAS]
    for n, text in enumerate(FORMULAS):
        assert back.nodes[f"item:{n}"]["title"] == text
        assert back.edges[f"item:{n}", "company:zentrix", "MENTIONS"]["evidence"] == [text]


@pytest.mark.parametrize("text", [*FORMULAS, "plain", "", "'", "''=x", "a=b"])
def test_csv_neutralising_is_undone_exactly(text):
    assert csv_restore(csv_text(text)) == text
    assert not csv_text(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xml_text_keeps_tab_newline_cr_and_all_other_text():
    assert xml_text("a\tb\nc\rd 中文 🙂 \x7f") == "a\tb\nc\rd 中文 🙂 \x7f"
    assert xml_text("".join(map(chr, range(32)))) == "\t\n\r"
