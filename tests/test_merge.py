"""`egovcode merge`: the rules, no coder's code lost, hand edits, dry runs, comments kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.merge import parse_rule, plan_merge
from egovcode.check.validate import validate_project
from egovcode.interchange.merge_write import merge
from egovcode.load.merge_record import read_records
from egovcode.load.project import LoadedCase, LoadedCoding, Project
from egovcode.load.yamlfile import SourceFile
from egovcode.model import CaseFile, ProjectConfig
from egovcode.model.coding import CodingFile
from tests.conftest import run_cli, write_tree

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

CASE = """\
# Case alpha: a comment that must survive.
case:
  id: alpha
  name: Pemerintah Kota Alpha
  type: kota
sources:
  - id: doc-1
    kind: document
    citation: A report.
excerpts:
  - id: a-001   # the portal
    source: doc-1
    text: Kota Alpha membangun portal terpadu.
    codes: []            # not coded yet
  - id: a-002
    source: doc-1
    text: >-
      Regulasi daerah
      tentang SPBE.

  - id: a-003
    source: doc-1
    text: Portal dan regulasi.
    codes:
      - REG
    memo: hand coded
  - id: a-004
    source: doc-1
    text: Tidak dinilai oleh siapa pun.
    codes: [APP]
"""

CODERS = {
    "codings/ana/alpha.yaml": """\
        coder: ana
        case: alpha
        codings:
          a-001: {codes: [APP.PORTAL, REG], valence: supporting}
          a-002: {codes: [REG], valence: neutral}
          a-003: {codes: [REG, APP]}
    """,
    "codings/budi/alpha.yaml": """\
        coder: budi
        case: alpha
        codings:
          a-001: {codes: [APP.PORTAL], valence: supporting}
          a-002: {codes: [REG, APP], valence: neutral}
          a-003: {codes: [APP, REG]}
    """,
    "codings/citra/alpha.yaml": """\
        coder: citra
        case: alpha
        codings:
          a-001: {codes: [APP.PORTAL]}   # no valence
          a-003: {codes: [REG]}          # a-002 not rated
    """,
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "alpha.yaml").write_text(CASE, encoding="utf-8")
    return write_tree(target, CODERS)


def excerpts(root: Path) -> dict[str, tuple[list[str], str | None]]:
    data = yaml.safe_load((root / "cases" / "alpha.yaml").read_text(encoding="utf-8"))
    return {e["id"]: (e.get("codes", []), e.get("valence")) for e in data["excerpts"]}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def plan(root: Path, rule: str, force: bool = False):  # type: ignore[no-untyped-def]
    project, report = validate_project(root)
    assert report.errors == 0
    return merge(project, rule, force=force, dry_run=True).plan


def test_unanimous(root: Path) -> None:
    p = plan(root, "unanimous")
    got = {e.excerpt: (e.consensus, e.unresolved, e.valence, e.action) for e in p.excerpts}
    assert got == {
        "a-001": (("APP.PORTAL",), ("REG",), None, "update"),
        "a-002": (("REG",), ("APP",), "neutral", "update"),
        "a-003": (("REG",), ("APP",), None, "unchanged"),
    }
    assert p.excerpts[0].valence_unresolved  # supporting, supporting and none
    assert not p.clean


def test_majority(root: Path) -> None:
    p = plan(root, "majority")
    got = {e.excerpt: (e.consensus, e.unresolved, e.valence, e.action) for e in p.excerpts}
    assert got == {
        "a-001": (("APP.PORTAL",), (), "supporting", "update"),  # REG 1 of 3: out
        "a-002": (("REG",), ("APP",), "neutral", "update"),  # APP 1 of 2: a tie
        "a-003": (("APP", "REG"), (), None, "conflict"),  # hand-coded [REG]
    }
    assert p.excerpts[2].reason == "the codes in the case file were not written by a merge"
    assert p.excerpts[2].proposed_codes == ("REG", "APP")  # kept order, then codebook order
    assert p.excerpts[2].codes == ("REG",)  # a conflict keeps the case file's codes


def test_prefer(root: Path) -> None:
    p = plan(root, "prefer:citra")
    got = {e.excerpt: (e.consensus, e.unresolved, e.valence) for e in p.excerpts}
    assert got == {
        "a-001": (("APP.PORTAL",), (), "supporting"),  # citra gave no valence: majority
        "a-002": (("REG",), ("APP",), "neutral"),  # citra did not rate it: majority
        "a-003": (("REG",), (), None),
    }


def test_rules_are_checked() -> None:
    with pytest.raises(Exception, match="use unanimous, majority or prefer:CODER"):
        parse_rule("most", ["ana"])
    with pytest.raises(Exception, match="'zed' has no coder files"):
        parse_rule("prefer:zed", ["ana"])


def test_merge_writes_codes_keeps_comments_and_validates(root: Path) -> None:
    coder_files = {k: v for k, v in snapshot(root).items() if k.startswith("codings/")}
    result = run_cli("merge", "--rule", "majority", "--force", "--format", "json", cwd=root)
    assert result.exit_code == 1  # the tie on a-002 is left for discussion
    assert json.loads(result.stdout)["summary"]["forced"] == 1
    assert result.stderr.splitlines()[:2] == [
        "egovcode: wrote cases/alpha.yaml",
        "egovcode: wrote codings/_merge/alpha.yaml",
    ]
    text = (root / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Case alpha: a comment that must survive.\n")
    assert "  - id: a-001   # the portal\n" in text
    assert "    codes: [APP.PORTAL]            # not coded yet\n    valence: supporting\n" in text
    assert "    codes:\n      - REG\n      - APP\n    memo: hand coded\n" in text  # block stays
    assert excerpts(root) == {
        "a-001": (["APP.PORTAL"], "supporting"),
        "a-002": (["REG"], "neutral"),
        "a-003": (["REG", "APP"], None),
        "a-004": (["APP"], None),  # rated by no coder: untouched
    }
    _, report = validate_project(root)
    assert report.errors == 0
    after = snapshot(root)
    assert {k: after[k] for k in coder_files} == coder_files  # coder files never change


@pytest.mark.parametrize("rule", ["unanimous", "majority", "prefer:ana", "prefer:citra"])
def test_no_coder_code_is_lost(root: Path, rule: str) -> None:
    run_cli("merge", "--rule", rule, "--force", cwd=root)
    record = read_records(root, ["alpha"])["alpha"]
    project, _ = validate_project(root)
    for loaded in project.codings:
        for excerpt_id, coding in loaded.data.codings.items():
            entry = record.excerpts[excerpt_id]
            vote = entry.coders[loaded.data.coder]
            assert vote.codes == coding.codes and vote.valence == coding.valence
            assert set(coding.codes) <= set(entry.consensus) | set(entry.disputed)
            assert set(entry.unresolved) <= set(entry.disputed)
    written = excerpts(root)
    for excerpt_id, entry in record.excerpts.items():
        assert entry.written is not None
        assert set(written[excerpt_id][0]) == set(entry.written.codes) == set(entry.consensus)


def test_hand_edits_are_kept_unless_forced(root: Path) -> None:
    assert run_cli("merge", "--rule", "prefer:ana", "--force", cwd=root).exit_code == 0
    assert excerpts(root)["a-001"] == (["APP.PORTAL", "REG"], "supporting")
    case = root / "cases" / "alpha.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("[APP.PORTAL, REG]", "[APP]"), encoding="utf-8"
    )
    before = snapshot(root)
    result = run_cli("merge", "--rule", "majority", "--format", "md", cwd=root)
    assert result.exit_code == 1
    assert (
        "| alpha | a-001 | APP (supporting) | APP.PORTAL (supporting) | conflict | "
        in result.stdout
    )
    assert "edited by hand since the last merge" in result.stdout
    assert "conflict(s) with hand edits left (--force to overwrite)" in result.stderr
    assert excerpts(root)["a-001"] == (["APP"], "supporting")  # the hand edit stays
    assert excerpts(root)["a-003"] == (["REG", "APP"], None)  # merge-owned: updated
    assert snapshot(root) != before
    # the record still remembers what the merge wrote, so the edit is still seen as one
    again = run_cli("merge", "--rule", "majority", "--format", "json", cwd=root)
    assert [
        e["excerpt"] for e in json.loads(again.stdout)["excerpts"] if e["action"] == "conflict"
    ] == ["a-001"]
    forced = run_cli("merge", "--rule", "majority", "--force", cwd=root)
    assert forced.exit_code == 1  # the a-002 tie is still open
    assert excerpts(root)["a-001"] == (["APP.PORTAL"], "supporting")


def test_merge_follows_the_coders_when_nobody_edited_by_hand(root: Path) -> None:
    run_cli("merge", "--rule", "majority", "--force", cwd=root)
    citra = root / "codings" / "citra" / "alpha.yaml"
    citra.write_text(
        citra.read_text(encoding="utf-8").replace(
            "a-001: {codes: [APP.PORTAL]}", "a-001: {codes: [APP.PORTAL, REG]}"
        ),
        encoding="utf-8",
    )
    result = run_cli("merge", "--rule", "majority", cwd=root)
    assert "conflict" not in result.stderr
    assert excerpts(root)["a-001"] == (["APP.PORTAL", "REG"], "supporting")
    # the same merge again changes nothing
    before = snapshot(root)
    run_cli("merge", "--rule", "majority", cwd=root)
    assert snapshot(root) == before


def test_dry_run_writes_nothing(root: Path) -> None:
    before = snapshot(root)
    result = run_cli("merge", "--rule", "majority", "--dry-run", "--format", "json", cwd=root)
    assert result.exit_code == 1
    assert snapshot(root) == before
    assert not (root / "codings" / "_merge").exists()
    project, _ = validate_project(root)
    assert json.loads(result.stdout) == merge(project, "majority", dry_run=True).plan.to_dict()
    assert result.stderr.endswith(
        "dry run, nothing written; 1 conflict(s) with hand edits left "
        "(--force to overwrite); 1 excerpt(s) with unresolved disputes.\n"
    )


HEAD = "coder: {}\ncase: alpha\ncodings:\n"


def test_clean_merge_exits_0_and_the_text_lists_disputes(tmp_path: Path) -> None:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    write_tree(
        target,
        {
            "codings/ana/alpha.yaml": HEAD.format("ana") + "  a-001: {codes: [APP.PORTAL, REG]}\n",
            "codings/budi/alpha.yaml": HEAD.format("budi") + "  a-001: {codes: [APP.PORTAL]}\n",
        },
    )
    result = run_cli("merge", "--rule", "prefer:budi", "--format", "md", cwd=target)
    assert result.exit_code == 0, result.stderr
    assert "| a-001 | APP.PORTAL, REG | APP.PORTAL | REG |  |" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--rule", "most"], 2, "egovcode: error: --rule 'most': use unanimous"),
        (["--rule", "prefer:zed"], 2, "egovcode: error: --rule prefer:zed: 'zed' has no coder"),
    ],
)
def test_usage_errors(root: Path, args: list[str], code: int, message: str) -> None:
    result = run_cli("merge", *args, cwd=root)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(message)


def test_no_coder_files_is_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    result = run_cli("merge", cwd=target)
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: the project has no coder files")


def test_a_broken_record_is_one_sentence(root: Path) -> None:
    write_tree(root, {"codings/_merge/alpha.yaml": "case: beta\n"})
    result = run_cli("merge", cwd=root)
    assert result.exit_code == 1
    assert "not a merge record of case 'alpha'" in result.stderr


# -- a property: whatever the votes, every applied code is kept somewhere ------------------

CODES = ["A", "B", "C"]
votes = st.dictionaries(
    st.sampled_from(["ana", "budi", "citra", "dedi"]),
    st.tuples(
        st.lists(st.sampled_from(CODES), unique=True),
        st.sampled_from([None, "supporting", "neutral"]),
    ),
    min_size=1,
)


def _project(given: dict[str, tuple[list[str], str | None]]) -> Project:
    case = CaseFile.model_validate(
        {
            "case": {"id": "c", "name": "C", "type": "kota"},
            "sources": [{"id": "s", "kind": "document", "citation": "x"}],
            "excerpts": [{"id": "e1", "source": "s", "text": "t"}],
        }
    )
    source = SourceFile(Path("c.yaml"), "c.yaml", "")
    codings = [
        LoadedCoding(
            source,
            CodingFile.model_validate(
                {
                    "coder": coder,
                    "case": "c",
                    "codings": {"e1": {"codes": codes, "valence": valence}},
                }
            ),
            coder,
        )
        for coder, (codes, valence) in given.items()
    ]
    return Project(
        root=Path(), config=ProjectConfig(), cases=[LoadedCase(source, case)], codings=codings
    )


@settings(max_examples=200, deadline=None)
@given(votes, st.sampled_from(["unanimous", "majority", "prefer:ana"]))
def test_every_applied_code_is_in_consensus_or_disputed(given_votes, rule_text) -> None:  # type: ignore[no-untyped-def]
    project = _project(given_votes)
    coders = sorted(given_votes)
    rule = parse_rule(rule_text, [*coders, "ana"])
    (entry,) = plan_merge(project, rule, {}).excerpts
    applied = {c for codes, _ in given_votes.values() for c in codes}
    assert applied <= set(entry.consensus) | set(entry.disputed)
    assert set(entry.unresolved) <= set(entry.disputed)
    everyone = set.intersection(*(set(codes) for codes, _ in given_votes.values()))
    if rule_text != "prefer:ana" or "ana" not in given_votes:
        assert everyone <= set(entry.consensus)
    if rule_text == "unanimous":
        assert set(entry.consensus) == everyone


def test_crlf_and_bom_are_kept(root: Path) -> None:
    case = root / "cases" / "alpha.yaml"
    case.write_bytes(b"\xef\xbb\xbf" + CASE.replace("\n", "\r\n").encode("utf-8"))
    run_cli("merge", "--rule", "majority", "--force", cwd=root)
    raw = case.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert (
        b"    codes: [APP.PORTAL]            # not coded yet\r\n    valence: supporting\r\n" in raw
    )
    assert excerpts(root)["a-002"] == (["REG"], "neutral")
