"""The unit names of the shipped locales are data the project keeps (medloc.qa._unit_names),
written from CLDR through the locked Babel, so that the gate's verdict does not change with the
Babel release installed. This test holds the data to the locked Babel; after a Babel upgrade in
the lock, regenerate and review the diff::

    MEDLOC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/qa/test_unit_snapshot.py
"""

from __future__ import annotations

import os
import pprint
from pathlib import Path

from medloc.qa import units

DATA = Path(units.__file__).with_name("_unit_names.py")
HEADER = '''"""Unit display names of the shipped locales, from CLDR through the locked Babel.

Generated: ``MEDLOC_UPDATE_GOLDEN=1 pytest tests/qa/test_unit_snapshot.py``; do not edit.
(babel locale -> (name -> unit key, spelled quantity name -> (value, unit key)))
"""

# fmt: off
UNIT_NAMES: dict[str, tuple[dict[str, str], dict[str, tuple[str, str]]]] = '''


def _snapshot() -> dict[str, tuple[dict[str, str], dict[str, tuple[str, str]]]]:
    return {locale: units.collect(locale) for locale in units.SNAPSHOT_LOCALES}


def test_the_kept_unit_names_are_what_the_locked_babel_gives() -> None:
    fresh = _snapshot()
    if os.environ.get("MEDLOC_UPDATE_GOLDEN") == "1":
        DATA.write_text(HEADER + pprint.pformat(fresh, width=99) + "\n", encoding="utf-8")
    assert fresh == units.UNIT_NAMES, (
        "the unit names of the installed Babel differ from medloc/qa/_unit_names.py; after a"
        " Babel upgrade run MEDLOC_UPDATE_GOLDEN=1 pytest tests/qa/test_unit_snapshot.py"
    )


def test_the_gate_reads_units_from_the_kept_data() -> None:
    names, _ = units.unit_names("de")
    assert names == units.UNIT_NAMES["de"][0]
    assert names["h"] == "hour"
