"""Find or start a real Neo4j 5.26 Community server for the tests (see docs/neo4j-test-server.md).

``ensure_neo4j()`` returns a bolt URI, or None when no Neo4j can be had (the caller skips or fails);
``neo4j_unavailable_reason()`` then says why and how to get one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "neo4j-server"
ENV_URI = "NEWSGRAPH_TEST_NEO4J_URI"
HOW_TO = (
    f"set {ENV_URI}=bolt://HOST:PORT, or install Java 17 + Maven "
    "(apt-get install openjdk-17-jdk-headless maven) and run tools/neo4j-server start"
)

_uri: str | None = None
_error: str | None = None
_started_here = False


def ensure_neo4j() -> str | None:
    """Bolt URI of a running Neo4j: $NEWSGRAPH_TEST_NEO4J_URI, else one started by tools/neo4j-server."""
    global _uri, _error, _started_here
    if env_uri := os.environ.get(ENV_URI, "").strip():
        return env_uri
    if _uri is not None:
        return _uri
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _error = f"{' and '.join(missing)} not found"
        return None
    was_running = subprocess.run([str(SCRIPT), "uri"], capture_output=True, text=True).returncode == 0
    try:
        proc = subprocess.run(
            [str(SCRIPT), "start"], capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        _error = "tools/neo4j-server start timed out"
        return None
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines or not lines[-1].startswith("bolt://"):
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-25:])
        _error = f"tools/neo4j-server start failed (exit {proc.returncode}):\n{tail}"
        return None
    _uri, _error, _started_here = lines[-1], None, not was_running
    return _uri


def stop_started_neo4j() -> None:
    """Stop the server if ensure_neo4j() started it in this process (leave one someone else started)."""
    global _uri, _started_here
    if _started_here:
        subprocess.run([str(SCRIPT), "stop"], capture_output=True, text=True, timeout=120)
        _uri, _started_here = None, False


def neo4j_unavailable_reason() -> str:
    """Why ensure_neo4j() returned None, and how to run the Neo4j tests."""
    why = _error or "no Neo4j available"
    return f"Neo4j tests need a Neo4j 5.26 server ({why}); {HOW_TO}"
