"""``python -m newsgraph``: the same as the ``newsgraph`` command."""

from newsgraph.cli.app import main

main()
