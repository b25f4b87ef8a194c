"""Exports: every format written from a real store's graph, read back where a reader exists,
checked by the tool it is for where that tool is here (xmllint, Graphviz, neo4j-admin)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from newsgraph.errors import InputError, NewsgraphError, UnknownNameError
from newsgraph.graph.export import FORMATS, READERS, export, infer_format, read
from newsgraph.graph.export.cytoscape import read_cytoscape, write_cytoscape
from newsgraph.graph.export.dot import write_dot
from newsgraph.graph.export.flatten import FORMAT_VERSION, JSON_ATTR
from newsgraph.graph.export.gexf import GEXF_NS, VIZ_NS, read_gexf, write_gexf
from newsgraph.graph.export.graphml import read_graphml, write_graphml
from newsgraph.graph.export.grass import bloom_captions, grass_text
from newsgraph.graph.export.mermaid import mermaid_text
from newsgraph.graph.export.neo4j_csv import import_command, read_neo4j_csv, write_neo4j_csv
from newsgraph.graph.export.nodelink import read_nodelink, write_nodelink
from newsgraph.graph.export.subgraph import select_subgraph, subgraph_from_cypher
from newsgraph.graph.ladybug_store import LadybugStore
from newsgraph.graph.model import Entity, Event, Fact, GraphBatch, Item, Label, RelType

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
#: The published GEXF 1.3 RELAX NG schema (CC BY 4.0), read from the shared folder, not vendored.
GEXF_RNG = ROOT.parent / "shared" / "schemas" / "gexf-1.3" / "gexf.rng"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_tool(ok: bool, why: str) -> None:
    """Skip when a checking tool or file is missing; in CI, fail instead: nothing is skipped there."""
    if not ok:
        if in_ci():
            pytest.fail(f"{why} (CI installs it: .ci/run)")
        pytest.skip(why)


def assert_valid_gexf(path: Path) -> None:
    """``xmllint --relaxng`` with the published GEXF 1.3 schema (``gexf.rng`` includes ``viz.rng``)."""
    need_tool(GEXF_RNG.exists(), f"the GEXF 1.3 RELAX NG schema is not at {GEXF_RNG}")
    need_tool(shutil.which("xmllint") is not None, "xmllint not installed (apt-get install libxml2-utils)")
    done = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--relaxng", str(GEXF_RNG), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]


DAY1, DAY2, DAY3 = dt.date(2025, 12, 30), dt.date(2026, 1, 8), dt.date(2026, 1, 9)
TRICKY = 'OpenAI 与 AMD 签署协议；"6GW" deal; see A, B <b>&</b>'
XSS = "<img src=x onerror=alert(1)>"


def _entity(eid: str, label: Label, name: str, aliases=(), day=None) -> Entity:
    return Entity(id=eid, label=label, name=name, aliases=list(aliases), first_seen=day, last_seen=day)


def _fact(
    rel: RelType,
    src: str,
    src_label: Label,
    dst: str,
    dst_label: Label,
    item="",
    day=None,
    evidence="",
    role="",
    confidence=0.8,
) -> Fact:
    return Fact(
        type=rel,
        source_id=src,
        source_label=src_label,
        target_id=dst,
        target_label=dst_label,
        item_id=item,
        date=day,
        evidence=evidence,
        role=role,
        confidence=confidence,
    )


def sample_batches() -> list[GraphBatch]:
    """Two items' worth of facts: Chinese text, quotes, ``;``, commas, newlines, markup, undated catalog facts."""
    item1 = Item(
        id="item:1",
        source="digest.zh.txt",
        location="line 3",
        title="OpenAI 与 AMD 达成 6GW 协议",
        url="https://example.com/a?x=1&y=2",
        urls=["https://example.com/a?x=1&y=2", "https://b.example/"],
        date=DAY2,
        lang="zh",
        text='第一行 "quoted", with; semicolons\n第二行\r\nthird line',
        content_hash="h1",
    )
    item2 = Item(id="item:2", source="digest.zh.txt", title="SEC looks at Render", date=DAY1, lang="en", text="x")
    event = Event(
        id="event:openai-amd",
        title="OpenAI and AMD sign a 6GW GPU deal",
        date=DAY2,
        kind="partnership",
        summary="line one\nline two",
    )
    c, s, e, t = Label.COMPANY, Label.SECTOR, Label.EVENT, Label.TOKEN
    first = GraphBatch(
        items=[item1],
        events=[event],
        entities=[
            _entity("company:openai", c, "OpenAI", ["开放人工智能", "Open AI"], DAY2),
            _entity("company:amd", c, "AMD", ["超威"], DAY2),
            _entity("company:nvidia", c, 'Nvidia "NV"', [], DAY2),
            _entity("sector:compute", s, "compute", ["算力"]),
            _entity("sector:depin-compute", s, "DePIN compute"),
            _entity("token:render", t, "Render", ["RNDR"]),
            _entity("country:美国", Label.COUNTRY, "美国", ["United States", "USA"], DAY2),
            _entity("person:xss", Label.PERSON, XSS, [], DAY2),
        ],
        facts=[
            _fact(RelType.PARTNERS_WITH, "company:openai", c, "company:amd", c, "item:1", DAY2, TRICKY, confidence=0.9),
            _fact(RelType.BENEFITS, event.id, e, "sector:compute", s, "item:1", DAY2, "算力需求上升。"),
            _fact(RelType.HURTS, event.id, e, "company:nvidia", c, "item:1", DAY2, "Nvidia loses share"),
            _fact(RelType.INVOLVES, event.id, e, "company:openai", c, "item:1", DAY2, role="buyer"),
            _fact(RelType.REPORTS, "item:1", Label.ITEM, event.id, e, "item:1", DAY2),
            _fact(RelType.MENTIONS, "item:1", Label.ITEM, "country:美国", Label.COUNTRY, "item:1", DAY2),
            _fact(RelType.MENTIONS, "item:1", Label.ITEM, "person:xss", Label.PERSON, "item:1", DAY2, XSS),
            _fact(RelType.IN_SECTOR, "token:render", t, "sector:depin-compute", s, confidence=1.0),
            _fact(RelType.SUBSECTOR_OF, "sector:depin-compute", s, "sector:compute", s, confidence=1.0),
        ],
    )
    second = GraphBatch(
        items=[item2],
        entities=[
            _entity("agency:sec", Label.AGENCY, "SEC", ["美国证券交易委员会"], DAY1),
            _entity("company:openai", c, "OpenAI", ["OpenAI Inc"], DAY1),
        ],
        facts=[
            _fact(RelType.REGULATES, "agency:sec", Label.AGENCY, "token:render", t, "item:2", DAY1, "SEC eyes Render."),
            _fact(RelType.PARTNERS_WITH, "company:amd", c, "company:openai", c, "item:2", DAY1, "second mention"),
            _fact(RelType.MENTIONS, "item:2", Label.ITEM, "agency:sec", Label.AGENCY, "item:2", DAY1),
        ],
    )
    return [first, second]


def write_sample(store) -> None:
    for batch in sample_batches():
        store.write(batch)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("export") / "graph.lbdb")
    write_sample(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def graph(sample_store) -> nx.MultiDiGraph:
    return sample_store.to_networkx()


def assert_same_graph(got: nx.MultiDiGraph, want: nx.MultiDiGraph, drop_empty_lists: bool = False) -> None:
    def clean(attrs: dict) -> dict:
        return {k: v for k, v in attrs.items() if not (drop_empty_lists and v in ([], [""]))}

    assert set(got.nodes) == set(want.nodes)
    for node, attrs in want.nodes(data=True):
        assert clean(got.nodes[node]) == clean(attrs), node
    assert sorted(got.edges(keys=True)) == sorted(want.edges(keys=True))
    for u, v, k, attrs in want.edges(keys=True, data=True):
        assert clean(got.edges[u, v, k]) == clean(attrs), (u, v, k)


def test_the_sample_graph_has_what_the_exports_must_carry(graph):
    assert graph.number_of_nodes() == 12 and graph.number_of_edges() == 11
    assert graph.nodes["company:openai"]["aliases"] == ["开放人工智能", "Open AI", "OpenAI Inc"]
    edge = graph.edges["company:amd", "company:openai", "PARTNERS_WITH"]
    assert edge["count"] == 2 and edge["evidence"] == [TRICKY, "second mention"]
    assert "\n" in graph.nodes["item:1"]["text"]


# -- GraphML -------------------------------------------------------------------------------
def test_graphml_round_trips_every_node_edge_and_attribute(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    back = read_graphml(path)
    assert back.graph["format_version"] == FORMAT_VERSION
    assert_same_graph(back, graph)


def test_plain_networkx_reads_our_graphml_with_lists_as_json(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    plain = nx.read_graphml(path)
    assert plain.number_of_nodes() == graph.number_of_nodes()
    assert plain.number_of_edges() == graph.number_of_edges()
    assert json.loads(plain.graph[JSON_ATTR])["edge"] == ["dates", "evidence", "item_ids"]
    assert json.loads(plain.nodes["company:openai"]["aliases"]) == graph.nodes["company:openai"]["aliases"]
    ids = [e.get("id") for e in ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == graph.number_of_edges(), "edge ids are unique (Gephi drops duplicates)"


def test_a_graphml_file_that_lost_edges_fails_loudly(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    text = path.read_text(encoding="utf-8")
    cut = re.sub(r"<edge [^>]*>.*?</edge>", "", text, count=1, flags=re.S)
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError, match="edges but the file says it holds 11"):
        read_graphml(path)


# -- GEXF ----------------------------------------------------------------------------------
def test_gexf_round_trips_every_node_edge_and_attribute(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    back = read_gexf(path)
    assert back.graph["format_version"] == FORMAT_VERSION
    assert_same_graph(back, graph)


def test_gexf_carries_captions_colours_and_weights_for_gephi(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    root = ET.parse(path).getroot()
    node = root.find(f".//{{{GEXF_NS}}}node[@id='company:openai']")
    assert node.get("label") == "OpenAI"
    color = node.find(f"{{{VIZ_NS}}}color")
    assert (color.get("r"), color.get("g"), color.get("b")) == ("78", "121", "167")
    edge = root.find(f".//{{{GEXF_NS}}}edge[@label='PARTNERS_WITH']")
    assert edge.get("weight") == "2.0" and edge.get("type") is None


def _check_gexf_13_structure(path: Path) -> None:
    """What the GEXF 1.3 schema requires of what we write (a stand-in while the XSD is not vendored)."""
    ns = {"g": GEXF_NS, "viz": VIZ_NS}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    assert [child.tag.split("}")[1] for child in root] == ["meta", "graph"]
    graph_el = root.find("g:graph", ns)
    assert graph_el.get("defaultedgetype") in {"directed", "undirected", "mutual"}
    assert graph_el.get("mode") in {"static", "dynamic"}
    declared = {}
    for block in graph_el.findall("g:attributes", ns):
        assert block.get("class") in {"node", "edge"}
        for attribute in block.findall("g:attribute", ns):
            assert attribute.get("title") and attribute.get("id")
            assert attribute.get("type") in {
                "integer",
                "long",
                "double",
                "float",
                "boolean",
                "string",
                "liststring",
                "anyURI",
            }
            declared[attribute.get("id")] = attribute.get("type")
    nodes, edges = graph_el.find("g:nodes", ns), graph_el.find("g:edges", ns)
    ids = [n.get("id") for n in nodes.findall("g:node", ns)]
    assert int(nodes.get("count")) == len(ids) == len(set(ids))
    edge_ids = [e.get("id") for e in edges.findall("g:edge", ns)]
    assert int(edges.get("count")) == len(edge_ids) == len(set(edge_ids))
    for element in [*nodes.findall("g:node", ns), *edges.findall("g:edge", ns)]:
        for value in element.findall("g:attvalues/g:attvalue", ns):
            kind = declared[value.get("for")]
            text = value.get("value")
            if kind == "long":
                int(text)
            elif kind == "double":
                float(text)
            elif kind == "boolean":
                assert text in {"true", "false"}
        for color in element.findall("viz:color", ns):
            assert all(0 <= int(color.get(c)) <= 255 for c in "rgb")
    for edge in edges.findall("g:edge", ns):
        assert edge.get("source") in ids and edge.get("target") in ids
        float(edge.get("weight"))


def test_gexf_follows_the_gexf_13_structure(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    _check_gexf_13_structure(path)


def test_gexf_validates_against_the_published_gexf_13_relax_ng_schema(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    assert_valid_gexf(path)


# -- JSON formats ----------------------------------------------------------------------------
def test_cytoscape_json_round_trips_and_networkx_reads_it(graph, tmp_path):
    path = tmp_path / "g.cyjs"
    write_cytoscape(graph, path)
    assert_same_graph(read_cytoscape(path), graph)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format_version"] == FORMAT_VERSION and doc["style"]
    ids = [e["data"]["id"] for group in doc["elements"].values() for e in group]
    assert len(ids) == len(set(ids)), "Cytoscape.js needs unique element ids"
    assert {e["data"]["source"] for e in doc["elements"]["edges"]} <= {
        n["data"]["id"] for n in doc["elements"]["nodes"]
    }


def test_node_link_json_round_trips_and_d3_finds_links(graph, tmp_path):
    path = tmp_path / "g.json"
    write_nodelink(graph, path)
    assert_same_graph(read_nodelink(path), graph)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert len(doc["links"]) == 11 and all({"source", "target"} <= set(link) for link in doc["links"])
    plain = nx.node_link_graph(doc, edges="links")
    assert plain.number_of_edges() == 11


def test_node_link_reader_accepts_edges_key_and_refuses_silently_empty(graph, tmp_path):
    doc = json.loads(json.dumps(nx.node_link_data(graph, edges="edges"), default=str))
    doc.update(node_count=12, edge_count=11)
    assert read_nodelink(io.BytesIO(json.dumps(doc).encode())).number_of_edges() == 11
    del doc["edges"]
    with pytest.raises(InputError, match="read 0 edges but the file says it holds 11"):
        read_nodelink(io.BytesIO(json.dumps(doc).encode()))


# -- neo4j-admin CSV ---------------------------------------------------------------------------
def _headers(folder: Path) -> dict[str, list[str]]:
    return {p.name: p.read_text(encoding="utf-8").splitlines()[0].split(",") for p in sorted(folder.glob("*.csv"))}


def test_neo4j_csv_follows_the_neo4j_admin_layout(graph, tmp_path):
    manifest = write_neo4j_csv(graph, tmp_path / "csv")
    headers = _headers(tmp_path / "csv")
    assert set(headers) == {
        f"nodes_{label}.csv" for label in ("Agency", "Company", "Country", "Event", "Item", "Person", "Sector", "Token")
    } | {
        f"rels_{rel}.csv"
        for rel in (
            "BENEFITS",
            "HURTS",
            "INVOLVES",
            "IN_SECTOR",
            "MENTIONS",
            "PARTNERS_WITH",
            "REGULATES",
            "REPORTS",
            "SUBSECTOR_OF",
        )
    }
    for name, header in headers.items():
        if name.startswith("nodes_"):
            assert header[:2] == ["id:ID", ":LABEL"]
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for column in header:
            assert re.fullmatch(r"(\w+|\w+:(ID|long|double|boolean|string\[\]))|:(LABEL|START_ID|END_ID|TYPE)", column)
    assert "aliases:string[]" in headers["nodes_Company.csv"]
    assert {"count:long", "confidence:double", "evidence:string[]", "dates:string[]", "item_ids:string[]"} <= set(
        headers["rels_PARTNERS_WITH.csv"]
    )
    # an evidence sentence holds ';', so arrays are split on U+001F, and the command says so
    assert manifest["array_delimiter"] == "\x1f"
    assert "--array-delimiter=U+001F" in import_command(tmp_path / "csv")
    assert '"Company\x1fEntity"' in (tmp_path / "csv" / "nodes_Company.csv").read_text(encoding="utf-8")


def test_neo4j_csv_uses_semicolons_when_no_value_holds_one(graph, tmp_path):
    plain = select_subgraph(graph, labels=["Sector", "Token", "Agency"])
    manifest = write_neo4j_csv(plain, tmp_path / "csv")
    assert manifest["array_delimiter"] == ";"
    assert "--array-delimiter=;" in manifest["command"]
    assert '"Token;Entity"' in (tmp_path / "csv" / "nodes_Token.csv").read_text(encoding="utf-8")


def test_neo4j_csv_reads_back_the_same_graph(graph, tmp_path):
    write_neo4j_csv(graph, tmp_path / "csv")
    assert_same_graph(read_neo4j_csv(tmp_path / "csv"), graph, drop_empty_lists=True)


def test_import_command_is_the_full_neo4j_admin_line(graph, tmp_path):
    manifest = write_neo4j_csv(graph, tmp_path / "csv")
    args = import_command(tmp_path / "csv", database="news")
    assert args[:4] == ["neo4j-admin", "database", "import", "full"] and args[-1] == "news"
    assert sum(a.startswith("--nodes=") for a in args) == len(manifest["nodes"]) == 8
    assert sum(a.startswith("--relationships=") for a in args) == len(manifest["relationships"]) == 9
    assert "--multiline-fields=true" in args


def _start_server(home: Path, timeout: float = 240) -> subprocess.Popen:
    import time

    env = {**os.environ, "NEO4J_BOLT_PORT": "0", "NEO4J_BOLT_HOST": "127.0.0.1"}
    with (home / "server.log").open("w") as log:  # the child keeps its own handle
        proc = subprocess.Popen(
            [
                "java",
                "-Xmx512m",
                "-cp",
                str(ROOT / "tools/neo4j/lib/*"),
                str(ROOT / "tools/neo4j/Neo4jTestServer.java"),
                str(home),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    deadline = time.monotonic() + timeout
    while not (home / "READY").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError((home / "server.log").read_text()[-3000:])
        time.sleep(0.5)
    return proc


@pytest.mark.neo4j
def test_neo4j_admin_import_loads_the_same_graph(neo4j_uri, graph, tmp_path):
    """The real ``neo4j-admin database import full`` (from tools/neo4j/lib) into a fresh database,
    then a server on it: same nodes, relationships and properties as the store we exported."""
    from newsgraph.graph.neo4j_store import Neo4jStore

    if shutil.which("java") is None or not list((ROOT / "tools/neo4j/lib").glob("neo4j-import-tool-*.jar")):
        pytest.skip("java or the Neo4j jars (tools/neo4j-server fetch) are missing")
    manifest = write_neo4j_csv(graph, tmp_path / "csv")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    args = import_command(tmp_path / "csv", manifest)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(
        ["java", "-Xmx512m", "-cp", str(ROOT / "tools/neo4j/lib/*"), "org.neo4j.cli.AdminTool", *args[1:]],
        env=env,
        cwd=tmp_path,  # neo4j-admin writes import.report into the working directory
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "IMPORT DONE" in done.stdout
    server = _start_server(home)
    try:
        store = Neo4jStore((home / "READY").read_text().strip())
        try:
            counts = store.counts()
            assert sum(counts["labels"].values()) == graph.number_of_nodes()
            assert sum(counts["relationships"].values()) == graph.number_of_edges()
            assert store.query("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"] == 9
            # neo4j-admin cannot write an empty array: [] (or [""]) comes back as a missing property
            assert_same_graph(store.to_networkx(), graph, drop_empty_lists=True)
        finally:
            store.close()
    finally:
        server.terminate()
        server.wait(timeout=90)


# -- Mermaid and DOT -------------------------------------------------------------------------
_MERMAID_LINE = re.compile(
    r'%%.*|flowchart (LR|TD|TB|RL|BT)|  n\d+\["[^"\n]*"\]:::\w+|  n\d+ (-->|---)\|"[^"\n]*"\| n\d+'
    r"|  classDef \w+ fill:#[0-9A-F]{6},color:#[0-9A-F]{6},stroke:#[0-9A-F]{6}|  linkStyle \d+ stroke:#[0-9A-F]{6}"
)


def test_mermaid_is_a_well_formed_flowchart(graph):
    text = mermaid_text(graph)
    lines = text.splitlines()
    for line in lines:
        assert _MERMAID_LINE.fullmatch(line), line
    declared = re.findall(r"^  (n\d+)\[", text, flags=re.M)
    assert len(declared) == len(set(declared)) == graph.number_of_nodes()
    for a, b in re.findall(r"^  (n\d+) [-]{2}[->]\|.*?\| (n\d+)$", text, flags=re.M):
        assert a in declared and b in declared
    assert len(re.findall(r"^  n\d+ (?:-->|---)", text, flags=re.M)) == graph.number_of_edges()
    assert "#quot;NV#quot;" in text and "#lt;img" in text and "<img" not in text
    assert f"format_version {FORMAT_VERSION}" in lines[0]


def test_mermaid_renders_in_mermaid_itself(graph, tmp_path):
    """The real mermaid (its browser bundle from npm, fetched by .ci/run) renders the diagram
    in headless Chromium: every node drawn, no parse error."""
    from tests.test_export_html import BROWSERS, dump_dom

    mermaid_js = os.environ.get("NEWSGRAPH_MERMAID_JS", "")
    need_tool(
        bool(mermaid_js) and Path(mermaid_js).is_file(),
        "set NEWSGRAPH_MERMAID_JS to mermaid.min.js (from `npm pack mermaid`; .ci/run does it)",
    )
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    need_tool(browser is not None, "headless Chromium not installed (apt-get install chromium)")
    page = tmp_path / "m.html"
    page.write_text(
        '<html><body><pre class="mermaid">'
        + mermaid_text(graph).replace("&", "&amp;").replace("<", "&lt;")
        + '</pre><div id="out"></div><script src="'
        + Path(os.environ["NEWSGRAPH_MERMAID_JS"]).as_uri()
        + '"></script>'
        "<script>mermaid.initialize({startOnLoad:false,maxEdges:2000});mermaid.run().then(function(){"
        "document.getElementById('out').textContent='RENDERED '+document.querySelectorAll('.node').length;})"
        ".catch(function(e){document.getElementById('out').textContent='ERROR '+e;});</script></body></html>",
        encoding="utf-8",
    )
    dom = dump_dom(browser, page.as_uri(), extra=["--allow-file-access-from-files"])
    assert f'id="out">RENDERED {graph.number_of_nodes()}<' in dom


def test_dot_is_well_formed_and_graphviz_renders_it(graph, tmp_path):
    path = tmp_path / "g.dot"
    write_dot(graph, path)
    text = path.read_text(encoding="utf-8")
    assert text.count(" -> ") == graph.number_of_edges()
    assert '\\"NV\\"' in text and f"format_version={FORMAT_VERSION}" in text
    if shutil.which("dot") is None:
        pytest.skip("Graphviz not installed (apt-get install graphviz): checked the text only")
    done = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr.decode()
    svg = ET.fromstring(done.stdout)
    groups = [g.get("class") for g in svg.iter("{http://www.w3.org/2000/svg}g")]
    assert groups.count("node") == graph.number_of_nodes() and groups.count("edge") == graph.number_of_edges()


# -- the registry, styles, subgraphs -----------------------------------------------------------
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_writes_and_stamps_its_format_version(graph, tmp_path, fmt):
    out = tmp_path / ("csv" if fmt == "neo4j-csv" else f"g.{fmt}")
    result = export(graph, fmt, out)
    assert (result.nodes, result.edges, result.format_version) == (12, 11, FORMAT_VERSION)
    text = "".join(Path(f).read_text(encoding="utf-8") for f in result.files)
    assert "format_version" in text
    if fmt in READERS:
        back = read(fmt, out)
        assert back.number_of_edges() == 11 and back.graph["format_version"] == FORMAT_VERSION


def test_unknown_formats_and_suffixes_name_the_choices(graph, tmp_path):
    with pytest.raises(UnknownNameError, match="known: graphml, gexf"):
        export(graph, "pdf", tmp_path / "g.pdf")
    with pytest.raises(UnknownNameError, match="pass --format"):
        infer_format(tmp_path / "g.pdf")
    assert infer_format("x.GEXF") == "gexf" and infer_format("x.gv") == "dot"


def test_grass_and_bloom_styles_cover_every_label():
    sheet = grass_text()
    for label in Label:
        assert f"node.{label.value} {{" in sheet
    assert "caption: '{title}';" in sheet and "caption: '<type>';" in sheet
    assert {c["name"] for c in bloom_captions()["categories"]} == {label.value for label in Label}


def test_select_subgraph_by_seed_depth_labels_rels_and_dates(graph):
    one = select_subgraph(graph, ["company:openai"], depth=1)
    assert set(one) == {"company:openai", "company:amd", "event:openai-amd"}
    two = select_subgraph(graph, ["company:openai"], depth=2)
    assert {"sector:compute", "company:nvidia", "item:1"} <= set(two)
    assert select_subgraph(graph, ["company:openai"], depth=0).number_of_nodes() == 1
    entities = select_subgraph(graph, ["company:openai"], depth=3, labels=["Company"])
    assert set(entities) == {"company:openai", "company:amd"}
    impact = select_subgraph(graph, rels=["benefits", "HURTS"])
    assert set(impact) == {"event:openai-amd", "sector:compute", "company:nvidia"}
    assert {k for *_, k in impact.edges(keys=True)} == {"BENEFITS", "HURTS"}
    late = select_subgraph(graph, since="2026-01-01")
    assert "agency:sec" not in late and "item:2" not in late
    assert late.has_edge("token:render", "sector:depin-compute", "IN_SECTOR"), "undated catalog facts are timeless"
    assert late.has_edge("company:amd", "company:openai", "PARTNERS_WITH"), "one date in the window is enough"
    early = select_subgraph(graph, until=dt.date(2026, 1, 1))
    assert "event:openai-amd" not in early and early.has_edge("agency:sec", "token:render", "REGULATES")
    assert one.graph["selection"]["seeds"] == ["company:openai"]
    with pytest.raises(UnknownNameError):
        select_subgraph(graph, ["company:nobody"])
    with pytest.raises(UnknownNameError, match="known: Company"):
        select_subgraph(graph, labels=["Firm"])


def test_subgraph_from_cypher_builds_the_same_form_as_the_store(sample_store, graph):
    paths = subgraph_from_cypher(
        sample_store,
        "MATCH p = (a:Company)-[:PARTNERS_WITH]->(b:Company) WHERE b.id = $id RETURN p",
        {"id": "company:openai"},
    )
    assert set(paths) == {"company:amd", "company:openai"}
    assert_same_graph(paths, graph.subgraph(["company:amd", "company:openai"]))
    triples = subgraph_from_cypher(sample_store, "MATCH (e:Event)-[r]->(s) RETURN e, r, s")
    assert set(triples.edges(keys=True)) == {(u, v, k) for u, v, k in graph.edges("event:openai-amd", keys=True)}
    assert triples.graph["selection"]["cypher"].startswith("MATCH (e:Event)")
    with pytest.raises(NewsgraphError, match="without its endpoint nodes"):
        subgraph_from_cypher(sample_store, "MATCH (a)-[r:HURTS]->(b) RETURN r")
    with pytest.raises(NewsgraphError, match="no nodes, relationships or paths"):
        subgraph_from_cypher(sample_store, "MATCH (n:Company) RETURN n.name AS name")


# -- the command ---------------------------------------------------------------------------------
@pytest.fixture
def cli(sample_store, monkeypatch):
    import typer

    from newsgraph.cli import common, export_cmd

    app = typer.Typer()
    app.callback()(lambda: None)
    export_cmd.register(app)
    monkeypatch.setattr(common.settings, "store", sample_store.uri)

    def run(*args: str):
        return CliRunner().invoke(app, ["export", *args], catch_exceptions=False)

    return run


def test_export_command_writes_a_seeded_subgraph(cli, tmp_path):
    result = cli(str(tmp_path / "g.gexf"), "--seed", "开放人工智能", "--depth", "1", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["format"], summary["nodes"]) == ("gexf", 3)
    assert set(read_gexf(tmp_path / "g.gexf")) == {"company:openai", "company:amd", "event:openai-amd"}


def test_export_command_prints_the_import_command_for_csv(cli, tmp_path):
    result = cli(
        str(tmp_path / "csv"), "--format", "neo4j-csv", "--labels", "company,sector", "--rels", "partners-with"
    )
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full" in result.output
    assert sorted(p.name for p in (tmp_path / "csv").glob("*.csv")) == ["nodes_Company.csv", "rels_PARTNERS_WITH.csv"]


def test_export_command_cypher_and_styles(cli, tmp_path):
    result = cli(
        str(tmp_path / "g.html"),
        "--cypher",
        "MATCH p = (i:Item)-[:MENTIONS]->(x) RETURN p",
        "--browser-style",
        str(tmp_path / "s.grass"),
        "--bloom-style",
        str(tmp_path / "b.json"),
    )
    assert result.exit_code == 0, result.output
    assert "5 nodes, 3 edges" in result.output
    assert (tmp_path / "s.grass").read_text().startswith("/* newsgraph")
    assert json.loads((tmp_path / "b.json").read_text())["categories"]


def test_export_command_errors_are_one_line(cli, tmp_path):
    result = cli(str(tmp_path / "g.pdf"))
    assert result.exit_code == 1 and "pass --format" in result.output
    result = cli(str(tmp_path / "g.gexf"), "--seed", "nobody-at-all")
    assert result.exit_code == 1 and "unknown entity" in result.output
    result = cli()
    assert result.exit_code == 2
