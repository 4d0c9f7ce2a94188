"""Tests for medloc.catalog._mo: the linear .mo writer and the lazy .mo reader."""

from __future__ import annotations

import gettext
import io
import mmap
import random
import struct
import subprocess
from array import array
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo as babel_write_mo
from medloc.catalog import _motable
from medloc.catalog._mo import MoCatalog, MoMessage, hashpjw, write_mo

HEADER = (
    "Project-Id-Version: medloc-test 1.0\n"
    "Language: es\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)

ARABIC_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)
ARABIC_HEADER = HEADER.replace("Language: es", "Language: ar").replace(
    "Plural-Forms: nplurals=2; plural=(n != 1);", f"Plural-Forms: {ARABIC_PLURAL}"
)

SAMPLE = [
    MoMessage("Pain relief", "Alivio del dolor"),
    MoMessage("Risks", "Riesgos"),
    MoMessage("Risks", "المخاطر", context="thermal-rhizotomy#risks"),
    MoMessage("Risks", "风险", context="aspirin#risks"),
    MoMessage("Risks", "Riesgos (contexto vacío)", context=""),
    MoMessage("血压", "Presión arterial"),
    MoMessage("Take one 💊 daily", "Tome una 💊 al día 🩺"),
    MoMessage('Line one\nLine "two"\tend', 'Línea uno\nLínea "dos"\tfin'),
    MoMessage(
        "%(n)d day",
        "%(n)d día",
        msgid_plural="%(n)d days",
        msgstr_plural=("%(n)d día", "%(n)d días"),
    ),
    MoMessage(
        "%(n)d dose",
        "%(n)d dosis",
        context="aspirin#dosage",
        msgid_plural="%(n)d doses",
        msgstr_plural=("%(n)d dosis", "%(n)d dosis (plural)"),
    ),
]


def _key(message: MoMessage) -> bytes:
    key = message.msgid.encode()
    if message.context is not None:
        key = message.context.encode() + b"\x04" + key
    return key


def _mo(messages: list[MoMessage], header: str = HEADER, *, hash_table: bool = False) -> bytes:
    out = io.BytesIO()
    write_mo(out, messages, header, hash_table=hash_table)
    return out.getvalue()


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _po(messages: list[MoMessage], header: str = HEADER) -> str:
    lines = ['msgid ""', f"msgstr {_quote(header)}", ""]
    for message in messages:
        if message.context is not None:
            lines.append(f"msgctxt {_quote(message.context)}")
        lines.append(f"msgid {_quote(message.msgid)}")
        if message.msgid_plural is None:
            lines.append(f"msgstr {_quote(message.msgstr)}")
        else:
            lines.append(f"msgid_plural {_quote(message.msgid_plural)}")
            for number, form in enumerate(message.msgstr_plural):
                lines.append(f"msgstr[{number}] {_quote(form)}")
        lines.append("")
    return "\n".join(lines)


def _msgfmt(
    tmp_path: Path, messages: list[MoMessage], *options: str, header: str = HEADER
) -> bytes:
    po = tmp_path / "in.po"
    po.write_text(_po(messages, header), encoding="utf-8")
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", *options, "-o", str(out), str(po)], check=True)
    return out.read_bytes()


def _msgunfmt(tmp_path: Path, data: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    result = subprocess.run(
        ["msgunfmt", str(path)], check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return result.stdout


def _raw_mo(pairs: list[tuple[bytes, bytes]]) -> bytes:
    """A hash-less little-endian .mo with the entries in the order given."""
    count = len(pairs)
    position = 28 + 16 * count
    orig: list[int] = []
    trans: list[int] = []
    for original, _ in pairs:
        orig += (len(original), position)
        position += len(original) + 1
    for _, translation in pairs:
        trans += (len(translation), position)
        position += len(translation) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, 0)
    strings = b"".join(o + b"\0" for o, _ in pairs) + b"".join(t + b"\0" for _, t in pairs)
    return head + struct.pack(f"<{4 * count}I", *orig, *trans) + strings


def _assert_catalog_has(catalog: MoCatalog, messages: list[MoMessage]) -> None:
    for message in messages:
        if message.msgid_plural is None:
            assert catalog.get(message.msgid, message.context) == message.msgstr
        else:
            assert catalog.get(message.msgid, message.context) == message.msgstr_plural[0]
            assert catalog.get_plural(message.msgid, 1, message.context) == message.msgstr_plural[0]
            assert catalog.get_plural(message.msgid, 5, message.context) == message.msgstr_plural[1]


# --- round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("hash_table", [True, False])
def test_round_trip(hash_table: bool) -> None:
    catalog = MoCatalog(_mo(SAMPLE, hash_table=hash_table))

    assert len(catalog) == len(SAMPLE)
    assert list(catalog) == sorted(SAMPLE, key=_key)
    _assert_catalog_has(catalog, SAMPLE)
    assert catalog.header["Language"] == "es"
    assert catalog.header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    catalog.validate()


@pytest.mark.parametrize("hash_table", [True, False])
def test_missing_messages_are_none(hash_table: bool) -> None:
    catalog = MoCatalog(_mo(SAMPLE, hash_table=hash_table))

    assert catalog.get("Pain") is None
    assert catalog.get("Pain relief", context="x") is None
    assert catalog.get("Risks", context="thermal-rhizotomy") is None
    assert catalog.get("%(n)d days") is None  # the plural msgid is not a key
    assert catalog.get("nul\0inside") is None
    assert catalog.get("zzz") is None
    assert catalog.get_plural("zzz", 2) is None


def test_context_none_and_empty_context_are_distinct() -> None:
    catalog = MoCatalog(_mo(SAMPLE))

    assert catalog.get("Risks") == "Riesgos"
    assert catalog.get("Risks", context="") == "Riesgos (contexto vacío)"
    assert catalog.get("Risks", context="aspirin#risks") == "风险"


@pytest.mark.parametrize("hash_table", [True, False])
def test_reads_mmap_and_memoryview(tmp_path: Path, hash_table: bool) -> None:
    data = _mo(SAMPLE, hash_table=hash_table)
    path = tmp_path / "messages.mo"
    path.write_bytes(data)

    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        catalog = MoCatalog(mm)
        _assert_catalog_has(catalog, SAMPLE)
        assert list(catalog) == sorted(SAMPLE, key=_key)
        del catalog

    _assert_catalog_has(MoCatalog(memoryview(data)), SAMPLE)
    words = array("I", data[: len(data) // 4 * 4])
    assert MoCatalog(memoryview(words)).header == MoCatalog(data).header
    with pytest.raises(ValueError, match="contiguous"):
        MoCatalog(memoryview(data)[::2])


@pytest.mark.parametrize("hash_table", [True, False])
@pytest.mark.parametrize("window", [16, 1 << 22])
def test_reads_a_file_with_pread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hash_table: bool, window: int
) -> None:
    monkeypatch.setattr(_motable, "_WINDOW", window)  # 16: a window per string or two
    data = _mo(SAMPLE, hash_table=hash_table)
    path = tmp_path / "messages.mo"
    path.write_bytes(data)

    with path.open("rb") as handle:
        catalog = MoCatalog.from_file(handle)
        _assert_catalog_has(catalog, SAMPLE)
        assert list(catalog) == sorted(SAMPLE, key=_key)
        assert catalog.header == MoCatalog(data).header
        catalog.validate()
        assert handle.tell() == 0  # pread leaves the position alone


@pytest.mark.parametrize("window", [8, 1 << 22])
def test_reads_an_unsorted_file_with_pread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(_motable, "_WINDOW", window)
    messages = [m for m in SAMPLE if m.context != ""]
    out = io.BytesIO()
    babel_write_mo(out, _babel_catalog(messages))  # sorted by msgid, then context
    path = tmp_path / "babel.mo"
    path.write_bytes(out.getvalue())

    with path.open("rb") as handle:
        _assert_catalog_has(MoCatalog.from_file(handle), messages)


@pytest.mark.parametrize("span", [1, 1 << 18])  # 1: every block searched key by key
@pytest.mark.parametrize("babel_order", [False, True])
def test_finds_every_key_across_many_search_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, babel_order: bool, span: int
) -> None:
    monkeypatch.setattr(_motable, "_BLOCK_SPAN", span)
    rng = random.Random(7)
    contexts = [f"article-{i}#s{j}" for i in range(40) for j in range(5)]
    messages = [
        MoMessage(f"Paragraph {rng.randrange(10**6)} {n}", f"Párrafo {n}", rng.choice(contexts))
        for n in range(1000)
    ]
    out = io.BytesIO()
    if babel_order:
        babel_write_mo(out, _babel_catalog(messages))
    else:
        write_mo(out, messages, HEADER)
    path = tmp_path / "many.mo"
    path.write_bytes(out.getvalue())
    with path.open("rb") as handle:
        catalog = MoCatalog.from_file(handle)
        for message in messages:
            assert catalog.get(message.msgid, message.context) == message.msgstr
            assert catalog.get(message.msgid + " ", message.context) is None
        assert catalog.get("", "a") is None  # before the first key
        assert catalog.get("\uffff", "\uffff") is None  # after the last


def test_a_file_that_shrinks_in_use_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "messages.mo"
    data = _mo(SAMPLE)
    path.write_bytes(data)
    with path.open("rb") as handle:
        catalog = MoCatalog.from_file(handle)
        path.write_bytes(data[: len(data) // 2])  # truncated in place, behind our back
        with pytest.raises(ValueError, match="changed while in use"):
            for message in SAMPLE:
                catalog.get(message.msgid, message.context)


def test_arabic_plural_forms() -> None:
    forms = ("لا أيام", "يوم واحد", "يومان", "{n} أيام", "{n} يومًا", "{n} يوم")
    message = MoMessage("{n} day", forms[0], msgid_plural="{n} days", msgstr_plural=forms)
    catalog = MoCatalog(_mo([message], ARABIC_HEADER))
    python = gettext.GNUTranslations(io.BytesIO(_mo([message], ARABIC_HEADER)))

    expected = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5, 103: 3}
    for n, form in expected.items():
        assert catalog.get_plural("{n} day", n) == forms[form]
        assert python.ngettext("{n} day", "{n} days", n) == forms[form]
    assert list(catalog) == [message]


def test_plural_default_rule_and_short_forms() -> None:
    header = "Content-Type: text/plain; charset=UTF-8\n"  # no Plural-Forms: n != 1
    one_form = MoMessage("apple", "ringo", msgid_plural="apples", msgstr_plural=("ringo",))
    catalog = MoCatalog(_mo([one_form], header))

    assert catalog.get_plural("apple", 1) == "ringo"
    assert catalog.get_plural("apple", 7) == "ringo"  # index past the forms: first form


def test_empty_catalog() -> None:
    data = _mo([])
    catalog = MoCatalog(data)

    assert len(catalog) == 0
    assert list(catalog) == []
    assert catalog.get("anything") is None
    assert catalog.header["Content-Type"] == "text/plain; charset=UTF-8"
    catalog.validate()
    assert gettext.GNUTranslations(io.BytesIO(data)).gettext("anything") == "anything"


def test_catalog_without_any_entry() -> None:
    catalog = MoCatalog(_raw_mo([]))

    assert len(catalog) == 0
    assert catalog.header == {}
    assert catalog.get("x") is None


def test_untranslated_messages_are_left_out() -> None:
    messages = [
        MoMessage("kept", "guardado"),
        MoMessage("untranslated", ""),
        MoMessage("no forms", "", msgid_plural="no forms pl", msgstr_plural=("", "")),
        MoMessage("no forms either", "", msgid_plural="pl", msgstr_plural=()),
    ]
    catalog = MoCatalog(_mo(messages))

    assert list(catalog) == [MoMessage("kept", "guardado")]
    assert catalog.get("untranslated") is None


def test_partly_translated_plural_is_rejected() -> None:
    message = MoMessage("day", "día", msgid_plural="days", msgstr_plural=("día", ""))
    with pytest.raises(ValueError, match=r"msgid 'day': plural forms are partly translated"):
        _mo([message])


# --- rejected input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("messages", "match"),
    [
        (
            [MoMessage("Risks", "Riesgos"), MoMessage("Risks", "Peligros")],
            r"duplicate message: msgid 'Risks'",
        ),
        (
            [
                MoMessage("Risks", "a", context="s#risks"),
                MoMessage("Risks", "b", context="s#risks"),
            ],
            r"duplicate message: msgctxt 's#risks', msgid 'Risks'",
        ),
        (
            [
                MoMessage("day", "día"),
                MoMessage("day", "", msgid_plural="days", msgstr_plural=("día", "días")),
            ],
            r"duplicate message: msgid 'day'",
        ),
        ([MoMessage("血压", "x"), MoMessage("血压", "y")], r"duplicate message: msgid '血压'"),
        ([MoMessage("", "header twice")], r"reserved for the header"),
        ([MoMessage("a\x04b", "x")], r"msgid 'a\\x04b': msgid contains"),
        ([MoMessage("a\0b", "x")], r"msgid contains a NUL"),
        ([MoMessage("a", "x", context="c\x04")], r"msgctxt contains"),
        ([MoMessage("a", "x\0y")], r"msgstr contains a NUL"),
        ([MoMessage("a", "x", msgstr_plural=("x", "y"))], r"without msgid_plural"),
        (
            [MoMessage("a", "", msgid_plural="as", msgstr_plural=("x", "y\0"))],
            r"plural form contains a NUL",
        ),
    ],
)
def test_invalid_messages_are_rejected(messages: list[MoMessage], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        _mo(messages)


def test_header_must_be_utf8() -> None:
    with pytest.raises(ValueError, match="charset 'ISO-8859-1'"):
        _mo(SAMPLE, HEADER.replace("UTF-8", "ISO-8859-1"))
    with pytest.raises(ValueError, match="charset 'CHARSET'"):
        _mo(SAMPLE, HEADER.replace("UTF-8", "CHARSET"))
    with pytest.raises(ValueError, match="NUL"):
        _mo(SAMPLE, HEADER + "\0")
    assert MoCatalog(_mo(SAMPLE, HEADER.replace("UTF-8", "utf8"))).get("Risks") == "Riesgos"


# --- interoperability ----------------------------------------------------------------


@pytest.mark.parametrize("hash_table", [True, False])
def test_python_gettext_reads_our_output(hash_table: bool) -> None:
    python = gettext.GNUTranslations(io.BytesIO(_mo(SAMPLE, hash_table=hash_table)))

    for message in SAMPLE:
        if message.msgid_plural is None and message.context is None:
            assert python.gettext(message.msgid) == message.msgstr
        elif message.msgid_plural is None:
            assert message.context is not None
            assert python.pgettext(message.context, message.msgid) == message.msgstr
        elif message.context is None:
            for n, form in ((1, 0), (2, 1)):
                got = python.ngettext(message.msgid, message.msgid_plural, n)
                assert got == message.msgstr_plural[form]
        else:
            for n, form in ((1, 0), (2, 1)):
                got = python.npgettext(message.context, message.msgid, message.msgid_plural, n)
                assert got == message.msgstr_plural[form]
    assert python.info()["language"] == "es"


def _babel_catalog(messages: list[MoMessage]) -> Catalog:
    catalog = Catalog(locale="es", project="medloc-test", charset="utf-8")
    # the 2 forms of SAMPLE, not the plural rule of whichever Babel is installed
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    for message in messages:
        if message.msgid_plural is None:
            catalog.add(message.msgid, message.msgstr, context=message.context)
        else:
            catalog.add(
                (message.msgid, message.msgid_plural),
                message.msgstr_plural,
                context=message.context,
            )
    return catalog


def test_same_bytes_as_babel_without_hash_table() -> None:
    # Babel orders by (msgid, msgctxt) rather than by the key GNU binary search
    # needs, so the two orders agree only without contexts.
    messages = [m for m in SAMPLE if m.context is None]
    messages += [MoMessage(f"message {i:05d} ✓", f"mensaje {i} ✓") for i in range(300)]
    catalog = _babel_catalog(messages)
    babel_out = io.BytesIO()
    babel_write_mo(babel_out, catalog)
    header = next(iter(catalog)).string
    assert isinstance(header, str)

    assert _mo(messages, header, hash_table=False) == babel_out.getvalue()


def test_reads_babel_output() -> None:
    # Babel writes msgctxt "" as no context at all, so leave that one out.
    messages = [m for m in SAMPLE if m.context != ""]
    catalog = _babel_catalog(messages)
    out = io.BytesIO()
    babel_write_mo(out, catalog)

    ours = MoCatalog(out.getvalue())
    _assert_catalog_has(ours, messages)
    assert sorted(ours, key=_key) == sorted(messages, key=_key)
    assert ours.header["Language"] == "es"
    ours.validate()


def test_reads_unsorted_hashless_file() -> None:
    pairs = [(b"", b"Content-Type: text/plain; charset=UTF-8\n")]
    pairs += [(f"key {i}".encode(), f"value {i}".encode()) for i in (5, 3, 9, 1, 7, 0)]
    pairs.append((b"b\x04a", b"context b"))  # out of key order, as Babel can write
    pairs.append((b"a\x04z", b"context a"))
    catalog = MoCatalog(_raw_mo(pairs))

    for i in (5, 3, 9, 1, 7, 0):
        assert catalog.get(f"key {i}") == f"value {i}"
    assert catalog.get("a", context="b") == "context b"
    assert catalog.get("z", context="a") == "context a"
    assert catalog.get("key 2") is None
    assert len(catalog) == 8
    catalog.validate()


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 10, 200])
def test_same_bytes_as_msgfmt(tmp_path: Path, count: int) -> None:
    # Varying counts exercise msgfmt's hash table sizing, quirks included.
    messages = (SAMPLE * 2)[:count]
    messages = list({_key(m): m for m in messages}.values())
    messages += [MoMessage(f"generated {i}", f"generado {i}") for i in range(count - len(messages))]
    ours = _mo(messages, hash_table=True)
    gnu = _msgfmt(tmp_path, messages)

    assert ours == gnu
    assert _msgunfmt(tmp_path, ours, "ours.mo") == _msgunfmt(tmp_path, gnu, "gnu.mo")


def test_msgunfmt_agrees_for_arabic_plurals(tmp_path: Path) -> None:
    forms = ("صفر", "واحد", "اثنان", "قليل", "كثير", "أخرى")
    messages = [
        MoMessage("{n} tablet", forms[0], msgid_plural="{n} tablets", msgstr_plural=forms),
        MoMessage("Risks", "المخاطر", context="thermal-rhizotomy#risks"),
    ]
    ours = _mo(messages, ARABIC_HEADER, hash_table=True)
    gnu = _msgfmt(tmp_path, messages, header=ARABIC_HEADER)

    assert _msgunfmt(tmp_path, ours, "ours.mo") == _msgunfmt(tmp_path, gnu, "gnu.mo")
    assert ours == gnu


@pytest.mark.parametrize(
    "options", [(), ("--no-hash",), ("--endianness=big",), ("--no-hash", "--endianness=big")]
)
def test_reads_msgfmt_output(tmp_path: Path, options: tuple[str, ...]) -> None:
    messages = SAMPLE + [MoMessage(f"generated {i}", f"generado {i}") for i in range(500)]
    catalog = MoCatalog(_msgfmt(tmp_path, messages, *options))

    _assert_catalog_has(catalog, messages)
    assert list(catalog) == sorted(messages, key=_key)
    assert catalog.get("generated 500") is None
    assert catalog.header["Language"] == "es"
    catalog.validate()


def test_hashpjw() -> None:
    assert hashpjw(b"") == 0
    assert hashpjw(b"a") == 0x61
    assert hashpjw(b"ab") == (0x61 << 4) + 0x62
    long_key = "aspirin#risks\x04Take one 💊 daily".encode() * 3
    assert 0 <= hashpjw(long_key) < 2**32
    assert hashpjw(long_key) == hashpjw(long_key[20:], hashpjw(long_key[:20]))


# --- corrupt input -------------------------------------------------------------------


def _patched(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + struct.pack("<I", value) + data[offset + 4 :]


def test_corrupt_header_fields() -> None:
    data = _mo(SAMPLE, hash_table=True)

    with pytest.raises(ValueError, match="shorter than the 28-byte header"):
        MoCatalog(data[:27])
    with pytest.raises(ValueError, match="shorter than the 28-byte header"):
        MoCatalog(b"")
    with pytest.raises(ValueError, match="bad magic number 0x00000000"):
        MoCatalog(b"\0" * 4 + data[4:])
    with pytest.raises(ValueError, match="bad magic number"):
        MoCatalog(b"%PDF" + data[4:])
    with pytest.raises(ValueError, match=r"unsupported .mo revision 2\.0"):
        MoCatalog(_patched(data, 4, 2 << 16))
    with pytest.raises(ValueError, match=r"table of originals .* runs past the end"):
        MoCatalog(_patched(data, 12, len(data)))
    with pytest.raises(ValueError, match=r"table of translations .* runs past the end"):
        MoCatalog(_patched(data, 16, 0xFFFFFFF0))
    with pytest.raises(ValueError, match=r"table of originals .* runs past the end"):
        MoCatalog(_patched(data, 8, 0x7FFFFFFF))  # message count
    with pytest.raises(ValueError, match=r"hash table .* runs past the end"):
        MoCatalog(_patched(data, 20, 0x10000000))  # hash table size


def test_string_offsets_past_the_end() -> None:
    data = _mo(SAMPLE, hash_table=False)
    count = len(SAMPLE) + 1
    last_translation = 28 + 8 * count + 8 * (count - 1)
    broken = _patched(data, last_translation + 4, len(data) + 100)
    catalog = MoCatalog(broken)

    with pytest.raises(ValueError, match=r"translation #\d+ \(offset \d+, length \d+\) runs past"):
        list(catalog)
    with pytest.raises(ValueError, match="runs past the end"):
        catalog.validate()
    with pytest.raises(ValueError, match=r"original #1 .* runs past"):
        MoCatalog(_patched(data, 28 + 8 + 4, len(data))).get("Risks")


def test_invalid_utf8_and_charset() -> None:
    data = _mo([MoMessage("a", "ü")])
    broken = data.replace("ü".encode(), b"\xff\xfe")
    with pytest.raises(ValueError, match=r"translation #1 is not valid UTF-8"):
        MoCatalog(broken).get("a")

    latin = Catalog(locale="de", charset="iso-8859-1")
    latin.add("a", "ü")
    out = io.BytesIO()
    babel_write_mo(out, latin)
    with pytest.raises(ValueError, match="unsupported charset 'iso-8859-1'"):
        MoCatalog(out.getvalue())


def test_bad_plural_forms_header() -> None:
    with pytest.raises(ValueError, match="bad plural expression"):
        MoCatalog(_mo([], HEADER.replace("(n != 1)", "(n != 1")))
    with pytest.raises(ValueError, match="no plural= expression"):
        MoCatalog(_mo([], HEADER.replace(" plural=(n != 1)", "")))


def test_full_corrupt_hash_table_does_not_loop() -> None:
    data = _mo(SAMPLE, hash_table=True)
    count, _, _, hash_size, hash_off = struct.unpack_from("<5I", data, 8)
    table = struct.pack(f"<{hash_size}I", *([1] * hash_size))  # every slot: the header
    broken = data[:hash_off] + table + data[hash_off + 4 * hash_size :]
    catalog = MoCatalog(broken)

    assert catalog.get("not there") is None
    assert count == len(SAMPLE) + 1


@pytest.mark.parametrize("hash_table", [True, False])
def test_every_truncation_is_a_value_error(hash_table: bool) -> None:
    data = _mo(SAMPLE[:4], hash_table=hash_table)
    for cut in range(len(data)):
        with pytest.raises(ValueError):
            MoCatalog(data[:cut]).validate()


@pytest.mark.parametrize("hash_table", [True, False])
def test_random_corruption_raises_only_value_error(hash_table: bool) -> None:
    data = _mo(SAMPLE, hash_table=hash_table)
    hash_size, hash_off = struct.unpack_from("<2I", data, 20)
    tables_end = hash_off + 4 * hash_size if hash_size else 28 + 16 * (len(SAMPLE) + 1)
    rng = random.Random(20261121)
    for attempt in range(3000):
        mutated = bytearray(data)
        region = tables_end if attempt % 3 else len(data)  # mostly the header and tables
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(region)] = rng.randrange(256)
        try:
            catalog = MoCatalog(bytes(mutated))
            catalog.validate()
            list(catalog)
            for message in SAMPLE:
                catalog.get(message.msgid, message.context)
                catalog.get_plural(message.msgid, 3, message.context)
        except ValueError:
            pass


# --- scale ---------------------------------------------------------------------------


def test_fifty_thousand_messages_round_trip() -> None:
    messages = [
        MoMessage(
            f"Paragraph {i} about blood pressure and dosing.",
            f"Párrafo {i} sobre la presión arterial 血压 💊.",
            context=f"article-{i % 700}#section-{i % 13}" if i % 4 else None,
        )
        for i in range(50_000)
    ]
    for hash_table in (True, False):
        catalog = MoCatalog(_mo(messages, hash_table=hash_table))
        assert len(catalog) == 50_000
        for message in messages:
            assert catalog.get(message.msgid, message.context) == message.msgstr
        assert catalog.get("Paragraph 50000 about blood pressure and dosing.") is None
    assert sum(1 for _ in catalog) == 50_000


def _validate_entry_by_entry(catalog: MoCatalog) -> None:
    """The reference :meth:`MoCatalog.validate` is held to: each entry read, decoded and
    looked up on its own, through the catalog's own look-up (the service's path)."""
    for index in range(catalog._count):
        if index != catalog._header_index:
            catalog._message(index)
        key = catalog._key(index)
        found = catalog._find(key)
        if found is None or catalog._key(found) != key:
            raise ValueError(f"#{index} cannot be looked up")


def _verdicts(data: bytes) -> tuple[bool, bool] | None:
    """(the entry-by-entry reference's verdict, ``validate``'s) on ``data``; None when the
    catalog is refused at construction."""
    try:
        catalog = MoCatalog(data)
    except ValueError:
        return None
    try:
        _validate_entry_by_entry(catalog)
        expected = True
    except ValueError:
        expected = False
    try:
        catalog.validate()
        verdict = True
    except ValueError:
        verdict = False
    return expected, verdict


@pytest.mark.parametrize("hash_table", [True, False])
def test_validate_agrees_with_looking_up_each_entry(hash_table: bool) -> None:
    """Reading the tables a window at a time and the hash table once gives the verdict of
    reading and looking up every entry on its own, on 3,000 corruptions of each kind."""
    data = _mo(SAMPLE, hash_table=hash_table)
    rng = random.Random(20261201)
    refused = 0
    for _ in range(3000):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            mutated[rng.randrange(len(data))] = rng.randrange(256)
        verdicts = _verdicts(bytes(mutated))
        if verdicts is None:
            continue
        expected, verdict = verdicts
        assert verdict == expected, bytes(mutated)
        refused += not verdict
    assert refused > 100  # the corruptions reached what validate checks


@pytest.mark.parametrize("run", [3, 1 << 14])
def test_contiguous_strings_are_proven_a_run_at_a_time(
    run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Strings laid one after the other (msgfmt's and medloc's files) are proven UTF-8 a run
    at a time, keys included (plural originals hold a NUL); another layout, or a run that is
    not UTF-8, is left to the string-by-string check, and the verdict stays the reference's."""
    monkeypatch.setattr(_motable, "_RUN", run)
    data = _mo(SAMPLE)
    catalog = MoCatalog(data)
    keys = catalog._contiguous(catalog._orig_off, keys=True)
    assert keys == [catalog._key(i) for i in range(catalog._count)]
    assert catalog._contiguous(catalog._trans_off, keys=False) == []
    _count, originals, translations = struct.unpack_from("<3I", data, 8)
    length, offset = struct.unpack_from("<2I", data, translations + 8)
    gap = bytearray(data)
    gap[offset + length] = 0xC3  # after a translation: no string is changed
    sound = MoCatalog(bytes(gap))
    assert sound._contiguous(sound._trans_off, keys=False) is None
    sound.validate()
    rng = random.Random(20261202)
    for _ in range(1000):
        mutated = bytearray(data)
        mutated[rng.randrange(originals, len(data))] = rng.randrange(256)
        verdicts = _verdicts(bytes(mutated))
        assert verdicts is None or verdicts[0] == verdicts[1], bytes(mutated)


def test_a_catalog_assumed_in_key_order_finds_what_a_checked_one_finds() -> None:
    """``assume_key_order`` (an earlier check of the same bytes found them in order) reads a
    key in 64 instead of every key; look-ups find the same messages."""
    messages = [MoMessage(f"Message {i:05}", f"Mensaje {i}") for i in range(1000)]
    data = _mo([*SAMPLE, *messages])
    checked = MoCatalog(data)
    assert checked.in_key_order is None
    checked.validate()
    assert checked.in_key_order is True
    assumed = MoCatalog(data)
    assumed.assume_key_order()
    assert assumed.in_key_order is True
    for message in [*SAMPLE, *messages]:
        found = assumed.get(message.msgid, message.context)
        assert found == checked.get(message.msgid, message.context) and found is not None
    assert assumed.get("Message 99999") is None
