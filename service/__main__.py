"""``python -m service`` is ``medloc``."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
