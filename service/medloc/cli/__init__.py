"""The ``medloc`` command line: one click group, each command in its own module.

Commands build strings with the formatters of :mod:`medloc.cli._format` and print
them here in the CLI layer only; library code never prints.
"""

from __future__ import annotations

from .app import main
from .build import build
from .catalog import compile_command, extract, init, stats, update
from .check import check
from .handout import handout
from .review import review
from .serve import serve

main.add_command(extract)
main.add_command(init)
main.add_command(update)
main.add_command(compile_command)
main.add_command(stats)
main.add_command(check)
main.add_command(serve)
main.add_command(build)
main.add_command(review)
main.add_command(handout)

__all__ = ["main"]
