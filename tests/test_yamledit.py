"""Targeted edits of YAML text: the value changes, comments and layout stay."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.load.yamledit import (
    AddEntries,
    AppendItems,
    Entry,
    FieldEdit,
    YamlEditError,
    comment_lines,
    edit_fields,
)

BEFORE = ("valence", "coder", "memo")


@pytest.mark.parametrize(
    ("text", "edit", "expected"),
    [
        (  # flow list, trailing comment kept
            "x:\n  codes: [A, B]   # why\n",
            FieldEdit(("x",), "codes", ["C"]),
            "x:\n  codes: [C]   # why\n",
        ),
        (  # block list stays a block list
            "x:\n  codes:\n    - A\n    - B\n  memo: m\n",
            FieldEdit(("x",), "codes", ["C", "D"]),
            "x:\n  codes:\n    - C\n    - D\n  memo: m\n",
        ),
        (  # emptied block list becomes []
            "x:\n  codes:\n  - A\n  memo: m\n",
            FieldEdit(("x",), "codes", []),
            "x:\n  codes: []\n  memo: m\n",
        ),
        (  # a value YAML would read as another type is quoted
            "x:\n  codes: []\n",
            FieldEdit(("x",), "codes", ["yes", "1.10", "APP"]),
            "x:\n  codes: ['yes', '1.10', APP]\n",
        ),
        (  # a missing key goes before the keys that follow it
            "- id: a\n  text: t\n  memo: m\n",
            FieldEdit((0,), "codes", ["A"], BEFORE),
            "- id: a\n  text: t\n  codes: [A]\n  memo: m\n",
        ),
        (  # ... or after the last key, before the blank lines after a folded text
            "- id: a\n  text: >-\n    t\n\n- id: b\n",
            FieldEdit((0,), "codes", ["A"], BEFORE),
            "- id: a\n  text: >-\n    t\n  codes: [A]\n\n- id: b\n",
        ),
        (  # flow mapping
            "- {id: a, codes: []}\n",
            FieldEdit((0,), "valence", "neutral"),
            "- {id: a, codes: [], valence: neutral}\n",
        ),
        (  # plain scalar replaced, comment kept
            "x:\n  valence: supporting  # first guess\n",
            FieldEdit(("x",), "valence", "neutral"),
            "x:\n  valence: neutral  # first guess\n",
        ),
    ],
    ids=[
        "flow",
        "block",
        "block-empty",
        "quoted",
        "insert-before",
        "insert-after",
        "flow-map",
        "scalar",
    ],
)
def test_edit(text: str, edit: FieldEdit, expected: str) -> None:
    assert edit_fields(text, [edit]) == expected


def test_two_edits_in_one_mapping_keep_their_order() -> None:
    text = "- id: a\n  text: t\n"
    edits = [FieldEdit((0,), "codes", ["A"], BEFORE), FieldEdit((0,), "valence", "neutral")]
    assert edit_fields(text, edits) == "- id: a\n  text: t\n  codes: [A]\n  valence: neutral\n"


def test_what_cannot_be_edited_safely_is_refused() -> None:
    with pytest.raises(YamlEditError, match="not a mapping"):
        edit_fields("x: [1, 2]\n", [FieldEdit(("x",), "codes", ["A"])])
    for tagged in ("!!map", "&anchor"):
        with pytest.raises(YamlEditError, match="in place"):
            edit_fields(f"x:\n  codes: {tagged}\n    a: 1\n", [FieldEdit(("x",), "codes", ["A"])])


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        (  # a bilingual memo (as `egovcode init` writes it) becomes one text; comments stay
            "# top\n- id: a\n  memo:        # one per language\n    en: Note.\n    id: Catatan.\n"
            "  # about coder\n  coder: ana\n",
            "x",
            "# top\n- id: a\n  memo: x        # one per language\n  # about coder\n  coder: ana\n",
        ),
        (  # ... or another mapping, in flow style; a comment on the last line goes with it
            "- id: a\n  memo:\n    en: Note.   # old\n\n  coder: ana\n",
            {"en": "New.", "id": "Baru."},
            "- id: a\n  memo: {en: New., id: Baru.}\n\n  coder: ana\n",
        ),
        (  # the mapping's last value a block scalar, the blank line after it kept
            "- id: a\n  memo:\n    en: |\n      Line one.\n      Line two.\n\n  coder: ana\n",
            "x",
            "- id: a\n  memo: x\n\n  coder: ana\n",
        ),
        (  # nested deeper, at the end of a file without a final line break
            "- id: a\n  memo:\n    en:\n      deep: [1, 2]",
            "x",
            "- id: a\n  memo: x",
        ),
        (  # a flow mapping over several lines
            "- id: a\n  memo: {en: Note.,\n         id: Catatan.}\n  coder: ana\n",
            "x",
            "- id: a\n  memo: x\n  coder: ana\n",
        ),
        (  # Windows line ends stay Windows line ends
            "- id: a\r\n  memo:  # c\r\n    en: Note.\r\n  coder: ana\r\n",
            "x",
            "- id: a\r\n  memo: x  # c\r\n  coder: ana\r\n",
        ),
    ],
    ids=["bilingual-memo", "to-mapping", "block-scalar-last", "deep-no-eol", "flow-lines", "crlf"],
)
def test_a_mapping_value_over_several_lines_is_replaced(
    text: str, value: str | dict[str, str], expected: str
) -> None:
    assert edit_fields(text, [FieldEdit((0,), "memo", value)]) == expected


def test_a_block_scalar_is_replaced_up_to_its_last_character() -> None:
    text = "x:\n  memo: >-\n    A\n    B\n\n  next: 1\n"
    out = edit_fields(text, [FieldEdit(("x",), "memo", "new")])
    assert out == "x:\n  memo: new\n\n  next: 1\n"


# -- adding entries with comments, appending list items -------------------------------------------


def test_entries_are_added_after_the_last_key_before_trailing_comments() -> None:
    text = "coder: a\ncodings:\n  x-1: null   # first\n  x-2: {codes: [A]}\n# the end\n"
    edit = AddEntries(("codings",), (Entry("x-3", None, "line one\nline # two"),))
    assert edit_fields(text, [edit]) == (
        "coder: a\ncodings:\n  x-1: null   # first\n  x-2: {codes: [A]}\n"
        "  # line one\n  # line # two\n  x-3: null\n# the end\n"
    )


def test_an_empty_flow_mapping_becomes_a_block_mapping() -> None:
    text = "coder: a\ncodings: {}\n"
    edit = AddEntries(("codings",), (Entry("x-1", None, "t"), Entry("x-2", {"codes": ["A"]})))
    assert edit_fields(text, [edit]) == (
        "coder: a\ncodings:\n  # t\n  x-1: null\n  x-2: {codes: [A]}\n"
    )


def test_an_existing_key_is_not_added_twice() -> None:
    with pytest.raises(YamlEditError, match="exists already"):
        edit_fields("m:\n  a: 1\n", [AddEntries(("m",), (Entry("a", 2),))])


def test_items_are_appended_to_a_block_list_keeping_its_layout() -> None:
    text = (
        "excerpts:\n  - id: a   # first\n    text: >-\n      folded\n      text\n\n"
        "  - id: b\n    text: t\n    # about b\n\n# trailing comment\n"
    )
    item = {"id": "c", "span": [3, 9], "text": "multi\nline 'q'", "codes": []}
    assert edit_fields(text, [AppendItems(("excerpts",), (item,))]) == (
        "excerpts:\n  - id: a   # first\n    text: >-\n      folded\n      text\n\n"
        "  - id: b\n    text: t\n    # about b\n"
        "  - id: c\n    span: [3, 9]\n    text: \"multi\\nline 'q'\"\n    codes: []\n"
        "\n# trailing comment\n"
    )


def test_an_empty_flow_list_becomes_a_block_list() -> None:
    assert edit_fields("case: x\nexcerpts: []\n", [AppendItems(("excerpts",), ({"id": "a"},))]) == (
        "case: x\nexcerpts:\n  - id: a\n"
    )


def test_a_kept_block_scalar_keeps_its_blank_lines() -> None:
    text = "l:\n- id: a\n  text: |+\n    hello\n\n# end\n"
    out = edit_fields(text, [AppendItems(("l",), ({"id": "b"},))])
    assert out == "l:\n- id: a\n  text: |+\n    hello\n\n# end\n- id: b\n"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_a_safe_comment(text: str) -> None:
    lines = comment_lines(text, width=40)
    doc = "".join(f"# {line}\n" for line in lines) + "k: v\n"
    assert yaml.safe_load(doc) == {"k": "v"}
    assert all(len(line) <= 40 or " " not in line for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_string_value_reads_back(value: str) -> None:
    out = edit_fields("m:\n  k: old\n", [FieldEdit(("m",), "k", value)])
    assert yaml.safe_load(out) == {"m": {"k": value}}


@pytest.mark.parametrize(
    "value",
    [
        "-",
        "?",
        "7?",
        "a: b",
        "x #y",
        "- a",
        "yes",
        "1.10",
        "Pak Budi, 10:30",
        # plain, these are values the YAML constructor cannot build (impossible dates, bad tags)
        "2024-02-30",
        "2023-13-01",
        "1999-12-31 23:59:60",
        "!!int x",
        "!!float tiga",
        "!!binary ???",
    ],
)
def test_values_with_indicators_read_back(value: str) -> None:
    out = edit_fields("m:\n  k: old\n", [FieldEdit(("m",), "k", value)])
    assert yaml.safe_load(out) == {"m": {"k": value}}
