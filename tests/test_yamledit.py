"""Targeted edits of YAML text: the value changes, comments and layout stay."""

from __future__ import annotations

import pytest

from egovcode.load.yamledit import FieldEdit, YamlEditError, edit_fields

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
    with pytest.raises(YamlEditError, match="in place"):
        edit_fields("x:\n  codes: >-\n    A\n    B\n", [FieldEdit(("x",), "codes", ["A"])])
