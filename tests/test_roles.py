"""Which roles are safety-critical is the project's configuration, `[roles]` in medloc.toml,
read once into a `medloc.roles.Roles` that every consumer asks: configure a role there and
extraction, the gate, the review policy and the service all follow. Risks, disclaimer and
instructions are a floor that configuration cannot lower."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from medloc import create_app
from medloc.cli import main
from medloc.comments import Notes
from medloc.errors import ConfigError
from medloc.qa.gate import run_gate
from medloc.review.policy import read_policy
from medloc.roles import DEFAULT_ROLES, SAFETY_ROLES, Roles, RolesConfig, read_roles
from medloc.serving.web import Settings
from webproject import build, dom

REPO = Path(__file__).resolve().parent.parent

MEDICATION = '[roles]\nsafety = ["disclaimer", "instructions", "medication", "risks"]\n'
"""A clinic's own safety-critical role, added to the floor."""


def _project(tmp_path: Path, role: str, config: str = "") -> Path:
    """The demo project, its first section marked ``role=ROLE``, ``config`` as medloc.toml,
    and the catalogs updated. Its Spanish catalog translates the section's first paragraph
    but not the second."""
    root = build(tmp_path)
    if config:
        (root / "medloc.toml").write_text(config, encoding="utf-8")
    article = root / "content" / "articles" / "demo.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("## What it is {#what}", f"## What it is {{#what role={role}}}"),
        encoding="utf-8",
    )
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    (root / "service").symlink_to(REPO / "service", target_is_directory=True)
    result = CliRunner().invoke(main, ["update", "--locale", "es", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _incomplete(root: Path) -> set[str | None]:
    report = run_gate(root, locales=["es"], extract=False)
    return {f.context for f in report.findings if f.code == "safety-incomplete"}


def _page(root: Path) -> str:
    return create_app(Settings(root=root)).test_client().get("/es/articles/demo").data.decode()


def _po(root: Path) -> str:
    return (root / "locales" / "es" / "LC_MESSAGES" / "articles.po").read_text(encoding="utf-8")


def test_without_configuration_the_roles_are_the_floor(tmp_path: Path) -> None:
    assert read_roles(tmp_path) == DEFAULT_ROLES
    assert DEFAULT_ROLES.safety == SAFETY_ROLES == {"risks", "disclaimer", "instructions"}
    assert DEFAULT_ROLES.required == {"risks"}
    assert read_roles(REPO) == DEFAULT_ROLES  # the bundled medloc.toml states the floor
    assert read_policy(tmp_path).roles == ("disclaimer", "instructions", "risks")


def test_an_ordinary_role_is_served_mixed(tmp_path: Path) -> None:
    root = _project(tmp_path, "faq")
    assert Notes(role="faq").lines() == ("role: faq",)
    assert "demo#what" not in _incomplete(root)
    page = _page(root)
    assert "Primer párrafo." in page  # translated paragraph shown, the other in English
    assert dom(page.encode()).containing("Second paragraph.").lang() == ("en", "ltr")


def test_a_configured_safety_role_changes_every_consumer(tmp_path: Path) -> None:
    root = _project(tmp_path, "medication", MEDICATION)
    roles = read_roles(root)
    assert roles.is_safety("medication") and roles.is_known("medication")
    # extraction writes the role as safety-critical, in the template and the catalog
    assert "#. role: medication (safety-critical)" in _po(root)
    pot = (root / "locales" / "articles.pot").read_text(encoding="utf-8")
    assert "#. role: medication (safety-critical)" in pot
    assert Notes(role="medication").lines(roles) == ("role: medication (safety-critical)",)
    assert Notes(role="medication").lines() == ("role: medication",)  # not by the floor
    # the gate requires the section complete, with file and line
    report = run_gate(root, locales=["es"], extract=True)
    found = [f for f in report.findings if f.code == "safety-incomplete"]
    assert {f.context for f in found} == {"demo#what", "other#risks"}  # other: untranslated
    found = [f for f in found if f.context == "demo#what"]
    assert all(f.severity == "error" and f.path.endswith("articles.po") for f in found)
    assert all(f.line > 1 for f in found)
    # review by a second linguist covers it by default
    assert "medication" in read_policy(root).roles
    # the service shows the section whole, in the fallback language, never mixed
    page = _page(root)
    assert "Primer párrafo." not in page
    assert dom(page.encode()).containing("First paragraph.").lang() == ("en", "ltr")


def _entry_line(root: Path, msgid: str) -> int:
    """The first line of the Spanish entry of ``msgid`` (its comments included)."""
    lines = _po(root).splitlines()
    index = lines.index(f"msgid {msgid!r}".replace("'", '"'))
    while index > 0 and lines[index - 1].strip():
        index -= 1
    return index + 1


def test_a_fuzzy_message_of_a_configured_safety_role_fails_the_gate(tmp_path: Path) -> None:
    root = _project(tmp_path, "medication", MEDICATION)
    po = root / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    text = _po(root).replace(
        'msgid "Second paragraph."\nmsgstr ""',
        'msgid "Second paragraph."\nmsgstr "Segundo párrafo."',
    )
    po.write_text(text, encoding="utf-8")
    assert "demo#what" not in _incomplete(root)  # complete: nothing to report
    line = _entry_line(root, "First paragraph.")
    lines = _po(root).splitlines()
    lines.insert(lines.index('msgid "First paragraph."') - 1, "#, fuzzy")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [
        f
        for f in run_gate(root, locales=["es"], extract=False).findings
        if f.code == "safety-incomplete" and f.context == "demo#what"
    ]
    assert [(f.context, f.path, f.line, f.severity) for f in found] == [
        ("demo#what", "locales/es/LC_MESSAGES/articles.po", line, "error")
    ]


def test_an_extra_role_is_known_but_ordinary(tmp_path: Path) -> None:
    root = _project(tmp_path, "background", '[roles]\nextra = ["background"]\n')
    assert "#. role: background\n" in _po(root)
    assert "demo#what" not in _incomplete(root)
    assert "Primer párrafo." in _page(root)
    assert "background" not in read_policy(root).roles


def test_an_unknown_role_is_refused_where_the_heading_is(tmp_path: Path) -> None:
    root = build(tmp_path)
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    article = root / "content" / "articles" / "demo.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("{#what}", "{#what role=medication}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--root", str(root)])
    assert result.exit_code != 0
    assert "content/articles/demo.md:" in result.output
    assert "unknown section role 'medication'" in result.output
    assert "[roles]" in result.output  # says where a project adds its own


@pytest.mark.parametrize(
    ("toml", "line", "said"),
    [
        ('[roles]\nsafety = ["disclaimer", "risks"]\n', 2, "leaves out 'instructions'"),
        (
            '# x\n\n[roles]\nextra = ["a"]\nsafety = ["risks"]\n',
            5,
            "leaves out 'disclaimer', 'instructions'",
        ),
        ('[roles]\nrequired = ["instructions"]\n', 2, "leaves out 'risks'"),
        ('[roles]\nextra = ["Bad Name"]\n', 2, "'Bad Name', not a role name"),
        ('[roles]\nsafty = ["risks"]\n', 2, "unknown setting 'safty'"),
        ('[roles]\nsafety = "risks"\n', 2, "is not a list of a string"),
    ],
)
def test_mistakes_in_roles_name_the_file_and_line(
    tmp_path: Path, toml: str, line: int, said: str
) -> None:
    (tmp_path / "medloc.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_roles(tmp_path)
    assert str(caught.value).startswith(f"medloc.toml:{line}: "), str(caught.value)
    assert said in str(caught.value)
    assert ("leaves out" in said) == ("cannot be lowered" in str(caught.value))


def test_dropping_instructions_stops_every_command_with_file_and_line(tmp_path: Path) -> None:
    root = _project(tmp_path, "faq")
    (root / "medloc.toml").write_text(
        '[roles]\nsafety = ["disclaimer", "risks"]\n', encoding="utf-8"
    )
    expected = "medloc.toml:2: [roles] safety = ['disclaimer', 'risks'] leaves out 'instructions'"
    for command in (["check"], ["extract"]):
        result = CliRunner().invoke(main, [*command, "--root", str(root)])
        assert result.exit_code != 0
        assert expected in result.output, result.output
        assert "cannot be lowered" in result.output
    with pytest.raises(ConfigError, match="cannot be lowered"):
        create_app(Settings(root=root))
    with pytest.raises(ConfigError, match="cannot be lowered"):
        read_policy(root)


def test_review_roles_must_be_known_and_follow_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "medloc.toml"
    config.write_text('[roles]\nextra = ["background"]\n[review]\nroles = ["medication"]\n')
    with pytest.raises(ConfigError, match=r"medloc.toml:3: .*'medication'.*\[roles\] extra"):
        read_policy(tmp_path)
    config.write_text(MEDICATION + '[review]\nroles = ["medication"]\n')
    assert read_policy(tmp_path).roles == ("medication",)
    config.write_text(MEDICATION)
    assert read_policy(tmp_path).roles == ("disclaimer", "instructions", "medication", "risks")


def test_roles_of_a_table_include_the_floor() -> None:
    assert Roles.of(RolesConfig()) == DEFAULT_ROLES
    roles = Roles.of(RolesConfig(safety=("medication",), required=("faq",), extra=("x",)))
    assert roles.safety == SAFETY_ROLES | {"medication"}
    assert roles.required == {"risks", "faq"}
    assert roles.known == DEFAULT_ROLES.known | {"medication", "x"}
    assert roles.is_required("faq") and not roles.is_safety("x") and roles.is_known("x")


def test_a_new_safety_role_makes_the_catalogs_out_of_date_until_update(tmp_path: Path) -> None:
    root = _project(tmp_path, "faq")
    assert not [f for f in run_gate(root, locales=["es"]).findings if f.code == "out-of-date"]
    (root / "medloc.toml").write_text(
        '[roles]\nsafety = ["disclaimer", "faq", "instructions", "risks"]\n', encoding="utf-8"
    )
    stale = {f.path for f in run_gate(root, locales=["es"]).findings if f.code == "out-of-date"}
    assert stale == {"locales/articles.pot", "locales/es/LC_MESSAGES/articles.po"}
    result = CliRunner().invoke(main, ["update", "--locale", "es", "--root", str(root)])
    assert result.exit_code == 0, result.output
    findings = run_gate(root, locales=["es"]).findings
    assert not [f for f in findings if f.code == "out-of-date"]
    assert "#. role: faq (safety-critical)" in _po(root)
    assert "demo#what" in {f.context for f in findings if f.code == "safety-incomplete"}
