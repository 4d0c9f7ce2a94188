"""``python -m medloc`` is the ``medloc`` command."""

from __future__ import annotations

from medloc.cli import main

if __name__ == "__main__":
    main()
