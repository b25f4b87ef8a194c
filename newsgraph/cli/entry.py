"""The console script ``newsgraph``: ``--version`` is answered before Typer and the commands
are imported (the cheapest start-up there is); everything else goes to :mod:`newsgraph.cli.app`."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from newsgraph import __version__

        print(f"newsgraph {__version__}")
        return
    from newsgraph.cli.app import main as app_main

    app_main()
