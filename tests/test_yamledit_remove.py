"""Removing a key or a list item by a targeted text edit: the rest of the file stays as it was."""

from __future__ import annotations

import pytest

from egovcode.load.yamledit import FieldEdit, RemoveItem, RemoveKey, YamlEditError, edit_fields

CASE = """\
# top comment
case: {id: a, name: A, type: desa}
excerpts:
  - id: a-001  # first
    source: s
    text: one
    codes: [A]
    valence: supporting
    memo: >-
      a long memo
      over two lines

  # about the second
  - id: a-002
    source: s
    text: two
    codes: []

  - id: a-003
    source: s
    text: three
# tail comment
"""


def test_removing_an_item_in_the_middle_takes_its_comment_and_one_blank_line() -> None:
    out = edit_fields(CASE, [RemoveItem(("excerpts",), 1)])
    assert out == CASE.replace(
        "  # about the second\n  - id: a-002\n    source: s\n    text: two\n    codes: []\n\n", ""
    )


def test_removing_the_first_and_the_last_item() -> None:
    first = edit_fields(CASE, [RemoveItem(("excerpts",), 0)])
    assert first.startswith(
        "# top comment\ncase: {id: a, name: A, type: desa}\nexcerpts:\n"
        "  # about the second\n  - id: a-002\n"
    )
    assert "a long memo" not in first and first.endswith("    text: three\n# tail comment\n")
    last = edit_fields(CASE, [RemoveItem(("excerpts",), 2)])
    assert last == CASE.replace("  - id: a-003\n    source: s\n    text: three\n", "")


def test_removing_the_only_item_leaves_an_empty_flow_list() -> None:
    text = "case: {id: a}\nexcerpts:\n  - id: x\n    text: t\nsources: []\n"
    assert edit_fields(text, [RemoveItem(("excerpts",), 0)]) == (
        "case: {id: a}\nexcerpts: []\nsources: []\n"
    )


def test_removing_keys_from_block_and_flow_mappings() -> None:
    out = edit_fields(
        CASE, [RemoveKey(("excerpts", 0), "valence"), RemoveKey(("excerpts", 0), "memo")]
    )
    assert out == CASE.replace(
        "    valence: supporting\n    memo: >-\n      a long memo\n      over two lines\n", ""
    )
    coder = (
        "codings:\n  a-001: {codes: [A], valence: neutral, memo: x}\n"
        "  a-002: {codes: [A], valence: x}\n"
    )
    out = edit_fields(
        coder,
        [RemoveKey(("codings", "a-001"), "valence"), RemoveKey(("codings", "a-002"), "valence")],
    )
    assert out == "codings:\n  a-001: {codes: [A], memo: x}\n  a-002: {codes: [A]}\n"
    assert edit_fields(coder, [RemoveKey(("codings", "a-001"), "nothing")]) == coder


def test_a_flow_mapping_value_is_replaced_whole() -> None:
    coder = "codings:\n  a-001: {codes: [A], valence: neutral}  # kept\n"
    out = edit_fields(coder, [FieldEdit(("codings",), "a-001", {"codes": ["B", "C"]})])
    assert out == "codings:\n  a-001: {codes: [B, C]}  # kept\n"


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        ("a: [1, 2]\n", RemoveItem(("a",), 0)),  # a flow list
        ("a:\n  - x\n", RemoveItem(("a",), 3)),  # no such item
        ("a: {b: 1}\n", RemoveKey(("a",), "b")),  # the only key
        ("a:\n  - id: x\n    b: 1\n", RemoveKey(("a", 0), "id")),  # the dash's own key
    ],
)
def test_removals_that_cannot_be_made_safely_are_refused(text: str, edit: object) -> None:
    with pytest.raises(YamlEditError):
        edit_fields(text, [edit])  # type: ignore[list-item]
