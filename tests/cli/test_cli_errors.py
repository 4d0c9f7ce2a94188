"""Bad input makes the CLI print one ``medloc: path:line: message`` line, never a traceback."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.errors import CatalogError, MedlocError, MoFileError

PO = "locales/es/LC_MESSAGES/articles.po"


def _duplicate_last_entry(root: Path) -> tuple[int, int]:
    """Append a copy of the catalog's last translated entry; (its line, the copy's line)."""
    path = root / PO
    text = path.read_text(encoding="utf-8")
    po = catalogs.parse_po(text, path=PO)
    entry = next(e for e in reversed(list(po)) if e.msgstr and not e.obsolete and not e.fuzzy)
    entry_text = str(entry)
    start = text.count("\n") + 2
    path.write_text(f"{text}\n{entry_text}", encoding="utf-8")
    return entry.linenum, start


def test_compile_reports_a_duplicate_entry_in_one_line(project_copy: Path) -> None:
    first, second = _duplicate_last_entry(project_copy)
    result = subprocess.run(
        [sys.executable, "-m", "medloc", "compile", "--root", str(project_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line, summary = result.stderr.splitlines()
    assert summary.startswith("medloc: 1 of 12 catalogs not compiled")
    assert line.startswith(f"medloc: {PO}:{second}: duplicate message: msgid ")
    assert line.endswith(f"is also at line {first}; keep one of the two entries")


def test_compile_mo_names_the_file_of_a_message_the_format_cannot_hold() -> None:
    po = catalogs.parse_po(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "a"\nmsgstr "b\\u0000"\n',
        path="x.po",
    )
    next(iter(po)).msgstr = "b\x00"
    with pytest.raises(MoFileError, match=r"^x\.po:5: msgid 'a': msgstr contains a NUL"):
        catalogs.compile_mo(po, io.BytesIO(), path="x.po")


def test_catalog_errors_are_medloc_errors_and_value_errors() -> None:
    assert issubclass(MoFileError, CatalogError)
    assert issubclass(CatalogError, MedlocError) and issubclass(CatalogError, ValueError)
    with pytest.raises(MoFileError, match="bad magic number"):
        catalogs.MoCatalog(b"\x00" * 28)


def test_batch_commands_run_without_cyclic_gc_and_leave_it_on(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    compile_mo = catalogs.compile_mo

    def spy(*args: Any, **kwargs: Any) -> int:
        seen.append(gc.isenabled())
        return compile_mo(*args, **kwargs)

    monkeypatch.setattr(catalogs, "compile_mo", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["compile", "--root", str(project_copy)])
    assert result.exit_code == 0, result.output
    assert seen and not any(seen)
    assert gc.isenabled()


@pytest.mark.parametrize("command", ["extract", "update"])
def test_a_folder_without_babel_cfg_is_one_line(tmp_path: Path, command: str) -> None:
    result = CliRunner().invoke(main, [command, "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == (
        f"medloc: babel.cfg: no such file in {tmp_path.resolve()}; "
        "run medloc in the project folder or pass --root\n"
    )
