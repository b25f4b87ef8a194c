"""The console script ``newsgraph``: ``--version`` is answered before Typer and the commands
are imported (the cheapest start-up there is); everything else goes to :mod:`newsgraph.cli.app`.

The command's own process looks for no pydantic plugins (``PYDANTIC_DISABLE_PLUGINS``, unless
the caller set it): the scan of every installed package's entry points cost ~20 ms of each
start, and the CLI's records need none."""

from __future__ import annotations

import os
import sys

__all__ = ["main"]


def main() -> None:
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] in (["--version"], ["-V"]):
        from newsgraph import __version__

        print(f"newsgraph {__version__}")
        return
    from newsgraph.cli.app import main as app_main

    app_main()
