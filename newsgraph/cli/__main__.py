"""``python -m newsgraph.cli``: the same as the ``newsgraph`` command."""

from newsgraph.cli.entry import main

main()
