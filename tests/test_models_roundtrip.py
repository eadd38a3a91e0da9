"""Hypothesis round trips: a model dumped to YAML and read back is the same model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.load.dump import dump_yaml
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import parse
from egovcode.model import CaseFile, CaseInfo, Code, Codebook, Excerpt, Index, Source

ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,11}", fullmatch=True)
# Text that YAML 1.1 likes to coerce, mixed with arbitrary unicode.
tricky = st.sampled_from(
    [
        "no",
        "yes",
        "on",
        "2023-10-01",
        "1.10",
        "0x1F",
        "~",
        "null",
        "1:20",
        "- a",
        "a: b",
        "#x",
        "'q'",
        '"',
        "",
        " lead",
        "trail ",
    ]
)
text = st.one_of(tricky, st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40))
lang = st.sampled_from(["en", "id", "jv"])
local = st.dictionaries(lang, text, min_size=1, max_size=3)

codes = st.builds(
    Code,
    id=ident,
    parent=st.none() | ident,
    kind=st.none() | st.sampled_from(["component", "outcome"]),
    label=local,
    definition=st.dictionaries(lang, text, max_size=2),
    keywords=st.dictionaries(lang, st.lists(text, max_size=3), max_size=2),
    deprecated=st.booleans(),
    memo=st.none() | text,
)
codebooks = st.builds(
    Codebook,
    id=ident,
    version=text,
    title=local,
    codes=st.lists(codes, max_size=4),
    citation=st.none() | text,
)
excerpts = st.builds(
    Excerpt,
    id=ident,
    source=ident,
    locator=st.none() | text,
    lang=st.none() | lang,
    span=st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    text=text,
    translations=st.dictionaries(lang, text, max_size=2),
    codes=st.lists(ident, max_size=3),
    valence=st.none() | st.sampled_from(["supporting", "inhibiting", "neutral"]),
    coder=st.none() | ident,
    memo=st.none() | text,
)
indices = st.builds(
    Index,
    name=text.filter(bool),
    year=st.integers(1900, 2200),
    value=st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False),
    grade=st.none() | text,
    predicate=st.none() | text,
    source=text.filter(bool),
)
sources = st.builds(
    Source,
    id=ident,
    kind=st.sampled_from(["interview", "document", "online", "observation"]),
    citation=text.filter(bool),
    informant_role=st.none() | text,
    date=st.none() | st.sampled_from(["2024", "2024-10", "2024-10-23"]),
    file=st.none() | st.just("texts/a/b.txt"),
    original=st.none() | st.just("texts/a/b.docx"),
    attributes=st.dictionaries(ident, st.one_of(text, st.integers(), st.booleans()), max_size=3),
)
cases = st.builds(
    CaseFile,
    case=st.builds(
        CaseInfo,
        id=ident,
        name=text.filter(bool),
        type=st.sampled_from(["kota", "kabupaten"]),
        province=st.none() | text,
        attributes=st.dictionaries(
            ident, st.one_of(text, st.integers(), st.booleans()), max_size=3
        ),
    ),
    indices=st.lists(indices, max_size=3),
    sources=st.lists(sources, max_size=3),
    excerpts=st.lists(excerpts, max_size=4),
)


@settings(max_examples=150, deadline=None)
@given(cases)
def test_case_file_roundtrip(case: CaseFile) -> None:
    assert CaseFile.model_validate(parse(dump_yaml(case), Limits())) == case


@settings(max_examples=150, deadline=None)
@given(codebooks)
def test_codebook_roundtrip(codebook: Codebook) -> None:
    assert Codebook.model_validate(parse(dump_yaml(codebook), Limits())) == codebook
