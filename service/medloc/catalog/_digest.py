"""The content digest of a template: proof, without extracting again, that a ``.pot`` is
what extraction gives for the content as it is now.

Extraction records a digest of what it read (:func:`content_digest`: the bytes of every
file that feeds the template, with the extraction rules' version) in the header field
:data:`DIGEST_FIELD` of the template it returns. When the template is written, that value
is replaced by the *seal* (:func:`seal`): the SHA-256 of the whole text as rendered with the
content digest in the field. So the seal covers the content and every byte of the file:

* ``medloc check`` recomputes the content digest (hashing, no Markdown parse) and
  :func:`sealed` says whether the file is exactly what was written for that content: a
  changed article, a changed rule, a hand-edited or truncated template or a tampered field
  all fail it, and the gate then extracts and compares as it did before;
* a template without the field (written before it existed, or by ``pybabel extract``) is
  never sealed: the gate extracts.

The field lives in the template only: ``init`` and ``update`` write each catalog's own
header (polib and Babel keep unknown header fields, msgmerge keeps the ``.po``'s header).
Everything here is pure (bytes and strings in, strings out).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from typing import BinaryIO

__all__ = ["DIGEST_FIELD", "content_digest", "seal", "sealed", "write_sealed"]

DIGEST_FIELD = "X-Medloc-Content-Digest"

_VALUE = re.compile(rb'^"X-Medloc-Content-Digest: ([0-9a-f]{64})\\n"$', re.MULTILINE)
_HEADER_END = b"\n\n"


def content_digest(rules: str, files: Iterable[tuple[str, bytes]]) -> str:
    """The SHA-256 (hex) of the extraction ``rules`` (a version string) and of each file
    (its path as the template names it, then its bytes), in the order given."""
    digest = hashlib.sha256()
    digest.update(f"medloc content digest\0{rules}\0".encode())
    for name, data in files:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _field(text: bytes) -> re.Match[bytes] | None:
    """The digest field of the header of ``text`` (the first entry: up to the first blank
    line), or None."""
    end = text.find(_HEADER_END)
    return _VALUE.search(text, 0, len(text) if end < 0 else end)


def seal(text: str) -> str:
    """``text`` (a template rendered with its content digest in :data:`DIGEST_FIELD`) with
    that value replaced by the SHA-256 of ``text``; ``text`` as it is without the field."""
    data = text.encode("utf-8")
    found = _field(data)
    if found is None:
        return text
    value = hashlib.sha256(data).hexdigest().encode()
    return (data[: found.start(1)] + value + data[found.end(1) :]).decode("utf-8")


def write_sealed(out: BinaryIO, pieces: Iterable[str]) -> None:
    """Write ``seal("".join(pieces))`` to ``out`` (UTF-8; a seekable binary file, at its
    start) a few hundred pieces at a time, never holding the whole text: the seal, known
    once everything is written, then goes in place of the content digest's value (both are
    64 hexadecimal digits)."""
    digest = hashlib.sha256()
    head: bytes | None = b""  # the bytes up to the first blank line, until it is found
    span: tuple[int, int] | None = None
    batch: list[str] = []
    for piece in itertools.chain(pieces, [None]):
        if piece is not None:
            batch.append(piece)
            if len(batch) < 512:
                continue
        data = "".join(batch).encode("utf-8")
        batch.clear()
        digest.update(data)
        out.write(data)
        if head is not None:
            head += data
            if _HEADER_END in head or piece is None:  # what _field looks at is complete
                found = _field(head)
                span = None if found is None else found.span(1)
                head = None
    if span is not None:
        end = out.tell()
        out.seek(span[0])
        out.write(digest.hexdigest().encode())
        out.seek(end)


def sealed(data: bytes, digest: str) -> bool:
    """Whether ``data`` (a template file) is exactly what :func:`seal` gave for a template
    extracted from content whose :func:`content_digest` is ``digest``."""
    found = _field(data)
    if found is None:
        return False
    view = memoryview(data)
    rendered = hashlib.sha256(view[: found.start(1)])
    rendered.update(digest.encode())
    rendered.update(view[found.end(1) :])
    return rendered.hexdigest().encode() == found.group(1)
