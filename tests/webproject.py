"""A small project written into a temporary folder, with hand-written catalogs, for the web
tests: every fallback case is decided here, not by the state of the real translations."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from medloc.comments import Notes

ARTICLE = """\
+++
slug = "demo"
title = "Nerve treatment"
summary = "What the nerve treatment is."
language = "en"
last_reviewed = 2026-11-21
+++

## What it is {#what}

First paragraph.

Second paragraph.

## Risks {#risks role=risks}

- Numbness can happen in 2 of 10 people.
- Pain may come back.
"""

SECOND = """\
+++
slug = "other"
title = "Another article"
summary = "A second article."
language = "en"
last_reviewed = 2025-01-05
+++

## Overview {#overview}

Plain words.

| Week | Activity |
|:-----|---------:|
| 1 | Rest |

## Risks {#risks role=risks}

Bruising is common.
"""

DISCLAIMER = """\
+++
slug = "disclaimer"
language = "en"
+++

## Medical disclaimer {#disclaimer role=disclaimer}

This is general information only.
"""

HOSTILE_ARTICLE = """\
+++
slug = "hostile"
title = "Hostile"
summary = "Summary."
language = "en"
last_reviewed = 2026-01-01
+++

## Section {#section}

Alpha.

Beta.

Gamma.

Delta.

Epsilon.

Zeta.

Eta.

## Risks {#risks role=risks}

Theta.
"""

NOTICE_PAGE = "Parts of this page are not yet translated and are shown in %(languages)s."
NOTICE_SECTION = (
    "This section is shown in %(language)s because its translation is incomplete or out of date."
)


@dataclass(frozen=True)
class Msg:
    msgid: str
    msgstr: str
    context: str | None = None
    fuzzy: bool = False
    comment: str = ""
    translator_comment: str = ""


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def po_text(
    language: str, messages: Iterable[Msg], plural: str = "nplurals=2; plural=(n != 1);"
) -> str:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: medloc\\n"',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        f'"Plural-Forms: {plural}\\n"',
        "",
    ]
    for m in messages:
        if m.translator_comment:
            lines.extend(f"# {line}" for line in m.translator_comment.splitlines())
        if m.comment:
            lines.extend(f"#. {line}" for line in m.comment.splitlines())
        if m.fuzzy:
            lines.append("#, fuzzy")
        if m.context is not None:
            lines.append(f"msgctxt {_quote(m.context)}")
        lines.append(f"msgid {_quote(m.msgid)}")
        lines.append(f"msgstr {_quote(m.msgstr)}")
        lines.append("")
    return "\n".join(lines)


(RISKS,) = Notes(role="risks").lines()
(DISC,) = Notes(role="disclaimer").lines()


def demo(
    locale: str,
    *,
    title: str | None,
    summary: str | None,
    first: str | None,
    second: str | None,
    heading_what: str | None,
    heading_risks: str | None,
    risk1: str | None,
    risk2: str | None,
    risk_fuzzy: bool = False,
) -> list[Msg]:
    """The messages of the demo article; None leaves one untranslated."""
    pairs = [
        ("demo:title", "Nerve treatment", title, False, ""),
        ("demo:summary", "What the nerve treatment is.", summary, False, ""),
        ("demo#what", "What it is", heading_what, False, ""),
        ("demo#what", "First paragraph.", first, False, ""),
        ("demo#what", "Second paragraph.", second, False, ""),
        ("demo#risks", "Risks", heading_risks, False, RISKS),
        ("demo#risks", "Numbness can happen in 2 of 10 people.", risk1, risk_fuzzy, RISKS),
        ("demo#risks", "Pain may come back.", risk2, False, RISKS),
    ]
    return [
        Msg(msgid, text or "", context, fuzzy, comment)
        for context, msgid, text, fuzzy, comment in pairs
    ]


def disclaimer(heading: str | None, text: str | None) -> list[Msg]:
    return [
        Msg("Medical disclaimer", heading or "", "disclaimer#disclaimer", comment=DISC),
        Msg("This is general information only.", text or "", "disclaimer#disclaimer", comment=DISC),
    ]


def ui(notice_page: str, notice_section: str, **more: str) -> list[Msg]:
    messages = [Msg(NOTICE_PAGE, notice_page), Msg(NOTICE_SECTION, notice_section)]
    messages.extend(Msg(k, v) for k, v in more.items())
    return messages


def write_catalog(root: Path, babel: str, domain: str, text: str) -> Path:
    path = root / "locales" / babel / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ES_ARTICLES = [
    *demo(
        "es",
        title="Tratamiento de nervios",
        summary="Qué es el tratamiento de nervios.",
        heading_what="Qué es",
        first="Primer párrafo.",
        second=None,  # falls back alone, marked lang=en
        heading_risks="Riesgos",
        risk1="El entumecimiento puede ocurrir en 2 de 10 personas.",
        risk2="El dolor puede volver.",
    ),
    Msg("Another article", "Otro artículo", "other:title"),
    Msg("A second article.", "Un segundo artículo.", "other:summary"),
    *disclaimer("Aviso médico", "Esto es solo información general."),
]
ES_UI = ui(
    "Partes de esta página aún no están traducidas y se muestran en %(languages)s.",
    "Esta sección se muestra en %(language)s porque su traducción está incompleta o "
    "desactualizada.",
    **{
        "Page not found": "Página no encontrada",
        "Last reviewed: %(date)s": "Última revisión: %(date)s",
        "Articles": "Artículos",
    },
)

AR_ARTICLES = [
    *demo(
        "ar",
        title="علاج الأعصاب",
        summary="ما هو علاج الأعصاب.",
        heading_what="ما هو",
        first="الفقرة الأولى.",
        second=None,
        heading_risks="المخاطر",
        risk1="قد يحدث خدر لدى 2 من كل 10 أشخاص.",
        risk2="قد يعود الألم.",
        risk_fuzzy=True,  # stale: the whole risks section comes from English
    ),
    *disclaimer("إخلاء المسؤولية الطبية", "هذه معلومات عامة فقط."),
]
AR_UI = ui(
    "بعض أجزاء هذه الصفحة غير مترجمة بعد وتظهر باللغة %(languages)s.",
    "يظهر هذا القسم باللغة %(language)s لأن ترجمته غير مكتملة أو قديمة.",
    **{"Page not found": "الصفحة غير موجودة", "Last reviewed: %(date)s": "آخر مراجعة: %(date)s"},
)
AR_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);"
)

DE_ARTICLES = [  # risks: one message missing
    *demo(
        "de",
        title="Nervenbehandlung",
        summary="Was die Nervenbehandlung ist.",
        heading_what="Was es ist",
        first="Erster Absatz.",
        second="Zweiter Absatz.",
        heading_risks="Risiken",
        risk1="Taubheit kann bei 2 von 10 Personen auftreten.",
        risk2=None,
    ),
    *disclaimer("Medizinischer Hinweis", "Dies sind nur allgemeine Informationen."),
]

FR_ARTICLES = [  # risks: a blocking QA failure (the numbers differ)
    *demo(
        "fr",
        title="Traitement des nerfs",
        summary="Ce qu'est le traitement des nerfs.",
        heading_what="Ce que c'est",
        first="Premier paragraphe.",
        second="Deuxième paragraphe.",
        heading_risks="Risques",
        risk1="Un engourdissement peut survenir chez 3 personnes sur 10.",
        risk2="La douleur peut revenir.",
    ),
    *disclaimer("Avertissement médical", "Ceci est une information générale seulement."),
]

PT_ARTICLES = [  # chain pt-BR -> es -> en; stale (fuzzy) risks come whole from Spanish
    *demo(
        "pt_BR",
        title="Tratamento dos nervos",
        summary="O que é o tratamento dos nervos.",
        heading_what="O que é",
        first="Primeiro parágrafo.",
        second=None,
        heading_risks="Riscos",
        risk1="A dormência pode ocorrer em 2 de 10 pessoas.",
        risk2="A dor pode voltar.",
        risk_fuzzy=True,
    ),
    *disclaimer("Aviso médico", "Isto é apenas informação geral."),
]


def build(root: Path, *, hostile: bool = False) -> Path:
    """Write the demo project under ``root`` and return it."""
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / "demo.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "other.md").write_text(SECOND, encoding="utf-8")
    (root / "content" / "disclaimer.md").write_text(DISCLAIMER, encoding="utf-8")
    write_catalog(root, "es", "articles", po_text("es", ES_ARTICLES))
    write_catalog(root, "es", "messages", po_text("es", ES_UI))
    write_catalog(root, "ar", "articles", po_text("ar", AR_ARTICLES, AR_PLURAL))
    write_catalog(root, "ar", "messages", po_text("ar", AR_UI, AR_PLURAL))
    write_catalog(root, "de", "articles", po_text("de", DE_ARTICLES))
    write_catalog(root, "fr", "articles", po_text("fr", FR_ARTICLES))
    write_catalog(root, "pt_BR", "articles", po_text("pt_BR", PT_ARTICLES))
    if hostile:
        (articles / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return root


# ---------------------------------------------------------------------- a tiny DOM

VOID = {"meta", "link", "br", "hr", "img", "input"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None
    children: list[Node | str]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag
            and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def containing(self, text: str) -> Node:
        """The innermost element whose own text contains ``text``."""
        found = [
            n for n in self.iter() if any(isinstance(c, str) and text in c for c in n.children)
        ]
        assert found, f"no element contains {text!r}"
        return found[-1]

    def lang(self) -> tuple[str | None, str | None]:
        """The effective (lang, dir) of this element, inherited as in HTML."""
        lang = direction = None
        node: Node | None = self
        while node is not None:
            if lang is None and "lang" in node.attrs:
                lang = node.attrs["lang"]
            if direction is None and "dir" in node.attrs:
                direction = node.attrs["dir"]
            node = node.parent
        return lang, direction


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None, [])
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current, [])
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def dom(html: str | bytes) -> Node:
    builder = _Builder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


# ------------------------------------------------------------------ a real server

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def medloc_command() -> list[str]:
    script = Path(sys.executable).with_name("medloc")
    if script.exists():
        return [str(script)]
    found = shutil.which("medloc")
    if found is None:
        raise AssertionError("the medloc command is not installed; run: pip install -e .")
    return [found]


def _wait_healthy(
    base: str, process: subprocess.Popen[bytes], timeout: float, log: IO[bytes]
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise AssertionError(f"medloc serve exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                return dict(json.load(response))
        except OSError:
            time.sleep(0.1)
    raise AssertionError("medloc serve did not answer /healthz in time")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop ``medloc serve`` as a supervisor does: SIGTERM (gunicorn's graceful shutdown),
    then SIGKILL if it has not exited after 15 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serving(root: Path, *args: str, timeout: float = 30) -> Iterator[str]:
    """``medloc serve --root ROOT`` on a free loopback port; yields its base URL. Its output
    goes to a temporary file, never a pipe that nobody reads (a full pipe would block the
    server after a few hundred logged requests)."""
    port = free_port()
    command = [*medloc_command(), "serve", "--host", HOST, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, "--root", str(root), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        base = f"http://{HOST}:{port}"
        try:
            health = _wait_healthy(base, process, timeout, log)
            assert health["status"] == "ok", health
            yield base
        finally:
            stop(process)
