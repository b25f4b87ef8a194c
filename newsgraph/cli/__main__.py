"""``python -m newsgraph.cli``: the same as the ``newsgraph`` command."""

from newsgraph.cli.app import main

main()
