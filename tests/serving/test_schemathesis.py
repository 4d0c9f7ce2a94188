"""Schemathesis over ``/openapi.json`` (issue #11): every operation the schema describes is
called with generated requests, valid and not, on the app in process (WSGI). No answer may
be a 5xx, every status code must be documented, and every answer must conform to its schema
(body, content type, headers). The budget is bounded and the generation derandomized, so
the run is the same every time."""

from __future__ import annotations

import atexit
import re
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from medloc.serving.web import Settings, create_app
from medloc.tags import canonical_tag
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from webproject import build

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


_FOLDER = tempfile.TemporaryDirectory(prefix="medloc-schemathesis-")
atexit.register(_FOLDER.cleanup)
# at import: schemathesis.pytest.from_fixture does not work with pytest 9 (it sets
# Function._nodeid), so the schema is loaded here, from the small test project
APP = create_app(Settings(root=build(Path(_FOLDER.name) / "p"), reload_interval=0))
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_does_what_its_schema_says(case: Case) -> None:
    case.call_and_validate(checks=CHECKS)


def _locale_pattern() -> str:
    (parameter,) = (
        p
        for p in schema.raw_schema["paths"]["/api/v1/articles"]["get"]["parameters"]
        if p["name"] == "locale"
    )
    return str(parameter["schema"]["pattern"])


SUBTAGS = ["en", "EN", "pt", "zh", "i", "x", "u", "a", "1", "abc", "min", "Hans", "br", "419",
           "1994", "12345", "rozaj", "ca", "buddhist", "gb", "oed", "ami", "sgn", "be", "fr",
           "toolongtag", "e\u0301", ""]  # fmt: skip


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(
    parts=st.lists(st.sampled_from(SUBTAGS), min_size=1, max_size=6),
    separators=st.lists(st.sampled_from(["-", "_", "--", " "]), min_size=6, max_size=6),
    newline=st.booleans(),
)
def test_the_locale_pattern_is_exactly_what_the_server_accepts(
    parts: list[str], separators: list[str], newline: bool
) -> None:
    tag = "".join(sep + part for sep, part in zip(["", *separators], parts, strict=False))
    tag += "\n" if newline else ""
    # fullmatch: ECMA-262's $ (JSON Schema) does not match before a final newline
    described = re.fullmatch(_locale_pattern(), tag) is not None
    assert described == (canonical_tag(tag) is not None), tag
