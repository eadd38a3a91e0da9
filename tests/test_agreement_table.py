"""Reading agreement tables: the long CSV format, its conventions and every problem code."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.agreement import (
    NO_CATEGORY,
    TABLE_PROBLEMS,
    AgreementTableError,
    TableProblem,
    parse_agreement_table,
    read_agreement_table,
)
from egovcode.errors import DataError, EgovcodeError

DATA = Path(__file__).parent / "data" / "agreement"


def write(tmp_path: Path, content: str | bytes, name: str = "table.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def problems(data: bytes, mode: str = "multi") -> list[tuple[str, int, int]]:
    """(code, line, column) of every problem in ``data``."""
    with pytest.raises(AgreementTableError) as caught:
        parse_agreement_table(data, mode)  # type: ignore[arg-type]
    return [(p.code, p.line, p.column) for p in caught.value.problems]


# -- reading ------------------------------------------------------------------------------------


def test_multi_mode_reads_codes_empty_codes_and_missing_units(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "unit,coder,code\nu1,ann,ACC\nu1,ann,TRUST\nu1,ben,ACC\nu2,ann,\nu2,ben,PRIV\nu3,ben,\n",
    )
    table = read_agreement_table(path, "multi")
    assert table.source == str(path)
    assert table.mode == "multi"
    assert table.units == ("u1", "u2", "u3")
    assert table.coders == ("ann", "ben")
    assert table.codes == ("ACC", "PRIV", "TRUST")
    assert table.ratings is None
    assert table.codings == {
        "u1": {"ann": frozenset({"ACC", "TRUST"}), "ben": frozenset({"ACC"})},
        "u2": {"ann": frozenset(), "ben": frozenset({"PRIV"})},
        "u3": {"ben": frozenset()},  # ann did not rate u3: missing, not "no code"
    }


def test_single_mode_reads_one_category_and_empty_is_none_category(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,coder,code\n1,a,x\n1,b,\n2,a,y\n2,b,y\n3,a,x\n")
    table = read_agreement_table(path, "single")
    assert table.ratings == {
        "1": {"a": "x", "b": NO_CATEGORY},
        "2": {"a": "y", "b": "y"},
        "3": {"a": "x"},
    }
    assert NO_CATEGORY == "(none)"
    assert table.codes == ("(none)", "x", "y")
    assert table.codings["1"] == {"a": frozenset({"x"}), "b": frozenset()}
    assert table.agreement().mode == "single"
    assert [d.unit for d in table.disagreements()] == ["1"]


def test_bom_crlf_spaces_header_case_and_order_and_blank_lines_are_accepted(
    tmp_path: Path,
) -> None:
    content = codecs.BOM_UTF8 + (
        b'Code , UNIT, coder\r\n\r\n ACC , u1 , ann \r\n,,\r\n"TR,UST",u1,ben\r\n'
    )
    table = read_agreement_table(write(tmp_path, content), "multi")
    assert table.codings == {"u1": {"ann": frozenset({"ACC"}), "ben": frozenset({"TR,UST"})}}


def test_units_and_coders_are_in_natural_order(tmp_path: Path) -> None:
    path = write(tmp_path, "unit,coder,code\nu10,c2,x\nu2,c10,x\nu1,c2,x\n")
    table = read_agreement_table(path, "multi")
    assert table.units == ("u1", "u2", "u10")
    assert table.coders == ("c2", "c10")
    assert list(table.codings) == ["u1", "u2", "u10"]


def test_the_example_tables_read_cleanly() -> None:
    for path in sorted(DATA.glob("*.csv")):
        mode = "multi" if path.name.startswith("multi") else "single"
        assert read_agreement_table(path, mode).units  # type: ignore[arg-type]


def test_multi_mode_result_from_a_table() -> None:
    result = read_agreement_table(DATA / "multi_hand.csv", "multi").agreement()
    assert result.mode == "multi"
    assert result.codes == ("ACC", "PRIV", "TRUST")


# -- problems -----------------------------------------------------------------------------------

HEADER = b"unit,coder,code\n"


@pytest.mark.parametrize(
    ("data", "mode", "expected"),
    [
        pytest.param(b"", "multi", [("EGC501", 1, 1)], id="empty-file"),
        pytest.param(b"\n\n", "multi", [("EGC501", 1, 1)], id="blank-file"),
        pytest.param(codecs.BOM_UTF8, "multi", [("EGC501", 1, 1)], id="bom-only"),
        pytest.param(HEADER, "multi", [("EGC501", 2, 1)], id="header-only"),
        pytest.param(HEADER + b"u1,a,x\nu2,b,caf\xe9\n", "multi", [("EGC502", 3, 9)], id="latin1"),
        pytest.param(
            b"\xef\xbb\xbfunit,co\xffder,code\n",
            "multi",
            [("EGC502", 1, 8)],
            id="bad-byte-after-bom",
        ),
        pytest.param(b"unit,coder\nu1,a\n", "multi", [("EGC503", 1, 3)], id="header-missing-code"),
        pytest.param(
            b"unit,rater,code\nu1,a,x\n", "multi", [("EGC503", 1, 2)], id="header-misnamed"
        ),
        pytest.param(b"u1,a,x\nu2,a,y\n", "multi", [("EGC503", 1, 1)], id="no-header"),
        pytest.param(b"unit,coder,code,note\n", "multi", [("EGC503", 1, 4)], id="header-extra"),
        pytest.param(b"unit,unit,code\n", "multi", [("EGC503", 1, 2)], id="header-duplicate"),
        pytest.param(
            HEADER + b"u1,a\nu2,a,x,extra\nu3,a,x\n",
            "multi",
            [("EGC504", 2, 3), ("EGC504", 3, 4)],
            id="column-count",
        ),
        pytest.param(HEADER + b",a,x\n", "multi", [("EGC505", 2, 1)], id="empty-unit"),
        pytest.param(HEADER + b"u1, ,x\n", "multi", [("EGC506", 2, 2)], id="empty-coder"),
        pytest.param(
            HEADER + b",,x\n", "multi", [("EGC505", 2, 1), ("EGC506", 2, 2)], id="empty-both"
        ),
        pytest.param(
            HEADER + b"u1,a,x\nu1,b,x\nu1,a,x\nu1,a,\nu1,a,\n",
            "multi",
            [("EGC507", 4, 1), ("EGC507", 6, 1)],
            id="duplicate-rows",
        ),
        pytest.param(
            HEADER + b"u1,a,x\nu1,a,y\nu1,b,x\nu2,a,\nu2,a,z\n",
            "single",
            [("EGC508", 3, 3), ("EGC508", 6, 3)],
            id="single-two-categories",
        ),
        pytest.param(
            b"code,unit,coder\nx,u1,a\ny,u1,a\n",
            "single",
            [("EGC508", 3, 1)],
            id="single-moved-code",
        ),
        pytest.param(HEADER + b'u1,a,"x\nu2,b,y\n', "multi", [("EGC509", 2, 1)], id="open-quote"),
        pytest.param(HEADER + b'u1,a,"x"y\n', "multi", [("EGC509", 2, 1)], id="stray-quote"),
        pytest.param(HEADER + b"u1,a,x\nu2,\x00b,y\n", "multi", [("EGC509", 3, 4)], id="nul-byte"),
    ],
)
def test_problems(data: bytes, mode: str, expected: list[tuple[str, int, int]]) -> None:
    assert problems(data, mode) == expected


def test_several_codes_for_a_unit_are_fine_in_multi_mode() -> None:
    table = parse_agreement_table(HEADER + b"u1,a,x\nu1,a,y\nu1,a,\n", "multi")
    assert table.codings == {"u1": {"a": frozenset({"x", "y"})}}


def test_every_problem_is_collected_in_line_order() -> None:
    data = HEADER + b"u1,a\n,b,x\nu1,a,x\nu1,a,x\nu2,,y\n"
    assert problems(data) == [
        ("EGC504", 2, 3),
        ("EGC505", 3, 1),
        ("EGC507", 5, 1),
        ("EGC506", 6, 2),
    ]


def test_line_numbers_count_physical_lines_of_quoted_fields() -> None:
    data = HEADER + b'u1,a,"multi\nline code"\nu2,a\n'
    assert problems(data) == [("EGC504", 4, 3)]


def test_a_problem_carries_message_hint_and_title() -> None:
    with pytest.raises(AgreementTableError) as caught:
        parse_agreement_table(HEADER + b"u1,a,x\nu1,a,x\n", "multi", source="t.csv")
    error = caught.value
    assert isinstance(error, DataError)
    (problem,) = error.problems
    assert problem == TableProblem(
        code="EGC507",
        message="the row repeats line 2",
        line=3,
        column=1,
        hint=TABLE_PROBLEMS["EGC507"][1],
    )
    assert problem.title == "Row repeats an earlier row"
    assert problem.to_dict()["code"] == "EGC507"
    assert str(error) == "t.csv:3:1: the row repeats line 2 (EGC507)"


def test_the_error_message_counts_further_problems() -> None:
    with pytest.raises(AgreementTableError, match=r"; and 1 more problem\(s\)$"):
        parse_agreement_table(HEADER + b",a,x\nu1,,x\n", "multi")


def test_the_problem_registry_is_complete() -> None:
    assert sorted(TABLE_PROBLEMS) == [f"EGC50{i}" for i in range(1, 10)]
    for title, hint in TABLE_PROBLEMS.values():
        assert title and hint and not title.endswith(".")


def test_an_unreadable_file_is_one_clean_error(tmp_path: Path) -> None:
    with pytest.raises(EgovcodeError, match="cannot read"):
        read_agreement_table(tmp_path / "missing.csv", "multi")
    with pytest.raises(EgovcodeError, match="cannot read"):
        read_agreement_table(tmp_path, "multi")


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EGOVCODE_MAX_BYTES", "10")
    with pytest.raises(EgovcodeError, match="larger than the limit"):
        read_agreement_table(write(tmp_path, "unit,coder,code\nu1,a,x\n"), "multi")


def test_an_unknown_mode_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="mode"):
        parse_agreement_table(HEADER, "both")  # type: ignore[arg-type]


# -- round trip ---------------------------------------------------------------------------------

ids = (
    st.text(st.characters(codec="utf-8", exclude_characters="\x00\r\n"), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(  # at most 10 x 10 coders: within the limit of 100 (EGC330)
        ids,
        st.dictionaries(ids, st.frozensets(ids, max_size=3), min_size=1, max_size=10),
        min_size=1,
        max_size=10,
    )
)
def test_writing_codings_as_a_table_and_reading_them_back(
    codings: dict[str, dict[str, frozenset[str]]],
) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "coder", "code"])
    for unit, row in codings.items():
        for coder, codes in row.items():
            for code in sorted(codes) or [""]:
                writer.writerow([unit, coder, code])
    table = parse_agreement_table(out.getvalue().encode(), "multi")
    assert table.codings == codings


def test_the_docs_list_every_problem_code_as_registered() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "agreement.md").read_text(encoding="utf-8")
    for code, (title, hint) in TABLE_PROBLEMS.items():
        assert f"| {code} | {title} | {hint} |" in docs
