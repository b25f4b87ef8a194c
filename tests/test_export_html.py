"""The self-contained HTML page, opened in headless Chromium: it draws every node and edge, a
``#select=<id>`` fragment opens the node's facts with their evidence, and nothing is fetched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from newsgraph.graph.export.html import read_html, write_html
from tests.test_export import ARTIFACTS, TRICKY, XSS, assert_same_graph, graph, sample_store  # noqa: F401 (fixtures)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_binary() -> str:
    for name in BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("headless Chromium not installed (apt-get install chromium)")


def _flags(browser: str) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--window-size=1400,900",
        "--virtual-time-budget=8000",
    ]


def dump_dom(browser: str, url: str, extra: list[str] | None = None) -> str:
    done = subprocess.run(
        [*_flags(browser), *(extra or []), "--dump-dom", url], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory) -> Path:  # noqa: F811 (the fixture imported above)
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(graph, path)
    return path


def test_the_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", text), "nothing is loaded from elsewhere"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert '<meta name="newsgraph-format-version" content="1">' in text
    assert text.count("</script>") == 2, "no text in the data can close its script element"


def test_the_page_embeds_the_whole_graph(page, graph):  # noqa: F811
    assert_same_graph(read_html(page), graph)


def test_chromium_draws_every_node_and_edge(page, graph):  # noqa: F811
    dom = dump_dom(chromium_binary(), page.as_uri())
    assert 'data-ready="true"' in dom
    stats = re.search(r'<span id="stats"[^>]*>', dom).group(0)
    assert f'data-nodes="{graph.number_of_nodes()}"' in stats and f'data-edges="{graph.number_of_edges()}"' in stats
    drawn_nodes = set(re.findall(r'<g class="node[^"]*" data-id="([^"]+)"', dom))
    assert drawn_nodes == set(graph.nodes)
    assert len(re.findall(r'<line class="edge[^"]*" data-id=', dom)) == graph.number_of_edges()
    positions = re.findall(
        r'<g class="node[^"]*" data-id="[^"]+" data-label="\w+" transform="translate\(([-\d.]+),([-\d.]+)\)"', dom
    )
    assert len(set(positions)) == graph.number_of_nodes(), "every node has its own place"
    assert "<img" not in dom.split('id="graph-data"')[0], "markup in names is shown as text, never parsed"


def test_select_fragment_opens_the_facts_with_evidence(page):
    url = page.as_uri() + "#select=" + quote("company:openai", safe="")
    dom = dump_dom(chromium_binary(), url)
    panel = re.search(r'<aside id="details"[^>]*data-id="company:openai"[^>]*>(.*?)</aside>', dom, flags=re.S)
    assert panel, "the details panel shows the selected node"
    body = panel.group(1)
    assert "OpenAI" in body and "开放人工智能; Open AI; OpenAI Inc" in body
    assert "PARTNERS_WITH" in body and "INVOLVES" in body
    assert TRICKY.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in body
    assert "2026-01-08" in body and "2025-12-30" in body and "2 items" in body
    assert re.search(r'class="node selected" data-id="company:openai"', dom)


def test_markup_in_data_stays_text_in_the_panel(page):
    dom = dump_dom(chromium_binary(), page.as_uri() + "#select=" + quote("person:xss", safe=""))
    panel = re.search(r'<aside id="details"[^>]*>(.*?)</aside>', dom, flags=re.S).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel and "<img" not in panel
    assert XSS not in panel


def test_screenshot_for_people(page):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "export-html.png"
    url = page.as_uri() + "#select=" + quote("company:openai", safe="")
    done = subprocess.run(
        [*_flags(chromium_binary()), f"--screenshot={shot}", url], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
