"""Resource limits are refusals with a positioned diagnostic, never a memory or recursion error.

Every input is generated as YAML text on the fly, at the real default limits (one past each).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from egovcode.analyze.agreement.table import AgreementTableError, parse_agreement_table
from egovcode.load.bounds import code_levels
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import FAST, YamlProblem, parse
from tests.conftest import run_cli

LIMITS = Limits()
CONFIG = (
    "codebook: codebooks/cb.yaml\nlanguages: [en]\nlang: en\n"
    "lint: {ignore: [EGC407, EGC408, EGC410]}\n"
)
CASE = "case: {id: k, name: K, type: kota}\nsources:\n  - {id: s, kind: document, citation: D}\n"


def codebook(codes: int, depth: int = 1, cycle: bool = False) -> str:
    """``codes`` codes in chains of ``depth`` (each the parent of the next); ``cycle`` makes the
    first code the child of the last."""
    lines = ["id: cb", "version: '1'", "title: {en: CB}", "languages: [en]", "codes:"]
    for i in range(codes):
        parent = f", parent: C{i - 1}" if i % depth else ""
        if cycle and i == 0:
            parent = f", parent: C{codes - 1}"
        lines.append(f"  - {{id: C{i}, label: {{en: L{i}}}, definition: {{en: D{i}}}{parent}}}")
    return "\n".join(lines) + "\n"


def excerpts(n: int, codes: int = 1, text: str = "T") -> str:
    rows = [f"  - {{id: e{i}, source: s, text: {text}, codes: [C{i % codes}]}}" for i in range(n)]
    return "excerpts:\n" + "\n".join(rows) + "\n"


def make_project(root: Path, book: str, case_tail: str = "excerpts: []\n", coders: int = 0) -> Path:
    (root / "codebooks").mkdir(parents=True)
    (root / "cases").mkdir()
    (root / "egovcode.yaml").write_text(CONFIG, "utf-8")
    (root / "codebooks" / "cb.yaml").write_text(book, "utf-8")
    (root / "cases" / "k.yaml").write_text(CASE + case_tail, "utf-8")
    for c in range(coders):
        folder = root / "codings" / f"r{c:03d}"
        folder.mkdir(parents=True)
        (folder / "k.yaml").write_text(f"coder: r{c:03d}\ncase: k\ncodings: {{}}\n", "utf-8")
    return root


def diagnostics(root: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    done = run_cli("validate", "--format", "json", "--project", str(root), *args)
    assert done.exit_code in (0, 1), done.stderr
    found = json.loads(done.stdout)["diagnostics"]
    return done.exit_code, [d for d in found if d["severity"] == "error"]


def test_the_defaults_do_not_bite_a_national_study() -> None:
    """100,000 excerpts in about 100 files, a codebook of a few hundred codes a few levels deep,
    a handful of coders: each limit is far above."""
    assert LIMITS.max_items >= 200_000
    assert LIMITS.max_value_chars >= 1_000_000
    assert LIMITS.max_codes >= 20_000
    assert LIMITS.max_code_depth >= 32
    assert LIMITS.max_coders >= 100


# -- one file: items in a list or mapping, length of a value -----------------------------------


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [" + "1, " * 5 + "1]\n", (1, 20)),  # a flow list: the sixth item
        ("a:\n" + "  - x\n" * 6, (7, 5)),  # a block list
        ("a: {" + ", ".join(f"k{i}: 1" for i in range(6)) + "}\n", (1, 40)),  # the sixth key
        ("x: &a 1\na: [" + "*a, " * 5 + "*a]\n", (2, 25)),  # aliases: the node path
    ],
)
def test_a_list_or_mapping_over_the_limit_is_egc017(
    text: str, where: tuple[int, int], fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("egovcode.load.yamlfile.FAST", fast)
    small = Limits(max_items=5, max_value_chars=8)
    with pytest.raises(YamlProblem) as caught:
        parse(text, small)
    assert (caught.value.code, (caught.value.line, caught.value.column)) == ("EGC017", where)
    assert "more than 5" in caught.value.message


@pytest.mark.parametrize("fast", [True, False])
def test_a_value_over_the_limit_is_egc018_at_the_value(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("egovcode.load.yamlfile.FAST", fast)
    small = Limits(max_items=5, max_value_chars=8)
    anchor = "" if fast else "z: &a 1\n"
    assert parse(f"{anchor}a: b\nt: '12345678'\n", small)["t"] == "12345678"
    with pytest.raises(YamlProblem) as caught:
        parse(f"{anchor}a: b\nt: '123456789'\n", small)
    line = 3 if anchor else 2
    assert (caught.value.code, caught.value.line, caught.value.column) == ("EGC018", line, 4)
    assert FAST  # the module default is untouched by the test


def test_aliases_cannot_copy_more_items_than_the_limit() -> None:
    """A list aliased many times is copied each time: the copies count against the limit."""
    small = Limits(max_items=10)
    with pytest.raises(YamlProblem) as caught:
        parse("a: &x [1, 2, 3, 4]\nb: [*x, *x, *x]\n", small)
    assert caught.value.code == "EGC007"


def test_a_case_file_one_excerpt_over_the_limit_is_refused(tmp_path: Path) -> None:
    """200,001 items in `excerpts:` at the real limit: EGC017 at the first item too many, in
    a few seconds and without building the excerpts."""
    n = LIMITS.max_items
    tail = "excerpts: [" + "0, " * n + "0]\n"
    root = make_project(tmp_path / "p", codebook(2), tail)
    started = time.monotonic()
    code, errors = diagnostics(root)
    assert code == 1
    assert [(e["code"], e["file"], e["line"], e["column"]) for e in errors] == [
        ("EGC017", "cases/k.yaml", 4, 12 + 3 * n)
    ]
    assert time.monotonic() - started < 30
    assert run_cli("tally", "--project", str(root)).exit_code == 1


def test_a_quote_over_a_million_characters_is_refused_where_it_stands(tmp_path: Path) -> None:
    quote = "kata " * (LIMITS.max_value_chars // 5 + 1)  # just over the limit
    root = make_project(tmp_path / "p", codebook(2), excerpts(2, 2))
    case = root / "cases" / "k.yaml"
    case.write_text(case.read_text("utf-8").replace("text: T, codes: [C1]", f"text: '{quote}'"))
    code, errors = diagnostics(root)
    assert code == 1
    assert [(e["code"], e["line"], e["column"]) for e in errors] == [("EGC018", 6, 31)]
    assert f"{len(quote):,} characters" in str(errors[0]["message"])


# -- the codebook: number of codes, depth of the hierarchy -------------------------------------


def test_a_codebook_over_the_code_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a limit of 500 (the default, 50,000, takes seconds to load): EGC130 at code 501."""
    monkeypatch.setattr(Limits, "from_env", classmethod(lambda cls: cls(max_codes=500)))
    root = make_project(tmp_path / "p", codebook(501))
    code, errors = diagnostics(root)
    assert code == 1
    assert [(e["code"], e["file"], e["line"]) for e in errors] == [
        ("EGC130", "codebooks/cb.yaml", 6 + 500)
    ]
    assert "501 codes; the limit is 500" in str(errors[0]["message"])
    assert run_cli("codebook", "show", "--project", str(root)).exit_code == 1


@pytest.mark.parametrize("cycle", [False, True])
def test_a_hierarchy_one_level_too_deep_is_refused_before_any_walk(
    tmp_path: Path, cycle: bool
) -> None:
    depth = LIMITS.max_code_depth + 1
    root = make_project(tmp_path / "p", codebook(depth, depth, cycle=cycle), excerpts(3))
    code, errors = diagnostics(root)
    assert code == 1
    assert len(errors) == 1 and errors[0]["code"] == "EGC131"
    if cycle:
        assert f"is on a cycle of {depth} parents" in str(errors[0]["message"])
    else:
        assert errors[0]["line"] == 6 + depth - 1  # the code at level 33
        assert f"at level {depth} of the hierarchy" in str(errors[0]["message"])
    for command in (["codebook", "show"], ["tally", "--level", "all"], ["render"]):
        assert run_cli(*command, "--project", str(root)).exit_code == 1


def test_a_chain_of_parents_costs_one_pass() -> None:
    n = 200_000
    chain: dict[str, str | None] = {f"C{i}": f"C{i - 1}" if i else None for i in range(n)}
    started = time.monotonic()
    levels, cyclic = code_levels(chain)
    assert levels[f"C{n - 1}"] == n and not cyclic
    chain["C0"] = f"C{n - 1}"  # the same chain closed into a cycle
    levels, cyclic = code_levels(chain)
    assert len(cyclic) == n and set(levels.values()) == {n}
    assert time.monotonic() - started < 10


def test_every_command_walks_a_hierarchy_at_the_limit(tmp_path: Path) -> None:
    depth = LIMITS.max_code_depth
    root = make_project(tmp_path / "p", codebook(2 * depth, depth), excerpts(2 * depth, 2 * depth))
    assert diagnostics(root)[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    for command in (
        ["codebook", "show", "--definitions"],
        ["codebook", "show", "--format", "json"],
        ["tally", "--level", "all"],
        ["cooccur", "--level", "all"],
        ["render", "--format", "html", "-o", str(out / "r.html")],
        ["export", "qdc", "-o", str(out / "c.qdc")],
        ["export", "qdpx", "-o", str(out / "p.qdpx")],
    ):
        done = run_cli(*command, "--project", str(root))
        assert done.exit_code == 0, (command, done.stderr)
    back = run_cli("import", "qdc", str(out / "c.qdc"), "--into", str(tmp_path / "back"))
    assert back.exit_code == 0, back.stderr
    assert diagnostics(tmp_path / "back")[1] == []


def test_a_refi_codebook_deeper_than_the_limit_is_refused_not_recursed(tmp_path: Path) -> None:
    """5,000 nested <Code> elements: EGC131 at level 33, no RecursionError."""
    n = 5000
    opening = "".join(
        f'<Code guid="00000000-0000-0000-0000-{i:012d}" name="c{i}" isCodable="true">'
        for i in range(n)
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        + opening
        + "</Code>" * n
        + "</Codes></CodeBook>"
    )
    path = tmp_path / "deep.qdc"
    path.write_text(xml, "utf-8")
    done = run_cli("import", "qdc", str(path), "--into", str(tmp_path / "new"))
    assert done.exit_code == 1
    assert "EGC131" in done.stderr and "'c32' is at level 33" in done.stderr
    assert not (tmp_path / "new").exists()


# -- coders ----------------------------------------------------------------------------------


def test_one_coder_over_the_limit_is_refused(tmp_path: Path) -> None:
    n = LIMITS.max_coders + 1
    root = make_project(tmp_path / "p", codebook(2), excerpts(2, 2), coders=n)
    code, errors = diagnostics(root)
    assert code == 1
    assert [(e["code"], e["file"], e["line"]) for e in errors] == [
        ("EGC330", f"codings/r{n - 1:03d}/k.yaml", 1)
    ]
    assert f"{n} coders" in str(errors[0]["message"])
    assert run_cli("agree", "--project", str(root)).exit_code == 1
    assert run_cli("merge", "--dry-run", "--project", str(root)).exit_code == 1


def test_an_agreement_table_of_too_many_coders_is_refused() -> None:
    n = LIMITS.max_coders + 1
    rows = "".join(f"u1,r{c},A\n" for c in range(n))
    with pytest.raises(AgreementTableError) as caught:
        parse_agreement_table(f"unit,coder,code\n{rows}".encode(), "multi")
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("EGC330", n + 1, 2)
    assert problem.hint and "every pair of coders" in problem.hint


# -- co-occurrence without a dense matrix --------------------------------------------------------


def test_cooccurrence_of_twenty_thousand_codes_is_sparse(tmp_path: Path) -> None:
    """20,000 codes, 60 excerpts with a pair each: the JSON holds the pairs and a matrix of
    the codes that occur, not 400 million cells."""
    from egovcode.analyze.cooccur import cooccur
    from egovcode.check.validate import validate_project

    n = 20_000
    rows = [
        f"  - {{id: e{i}, source: s, text: T, codes: [C{i * 300}, C{i * 300 + 1}]}}"
        for i in range(60)
    ]
    root = make_project(tmp_path / "p", codebook(n), "excerpts:\n" + "\n".join(rows) + "\n")
    project, report = validate_project(root)
    assert report.errors == 0
    started = time.monotonic()
    result = cooccur(project, level="all")
    data = result.to_dict()
    assert time.monotonic() - started < 10
    assert len(result.shared) == 60
    assert len(data["matrix_codes"]) == 120 and len(data["matrix"]) == 120
    assert data["pairs"][0]["count"] == 1 and len(data["pairs"]) == 60
    assert len(json.dumps(data)) < 3_000_000
    assert result.frequency("C0") == 1 and result.count(0, 1) == 1 and result.count(0, 2) == 0
