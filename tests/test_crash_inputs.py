"""Hostile but realistic inputs to the writing commands: each ends with exit 0, 1 or 2, never a
crash, and what they write reads back as what was typed."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from egovcode.edit.quote import find_quote
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import parse
from tests.conftest import run_cli

SPEAKERS = "P=interviewer,I=informant"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    (tmp_path / "t.txt").write_text("P: Halo.\nI: Semua layanan sudah online.\n", "utf-8")
    return root


def imported(root: Path, *extra: str) -> None:
    """Import ``t.txt`` as source ``t`` of the example case; its excerpt is ``t-001``."""
    transcript = str(root.parent / "t.txt")
    args = ("--case", "example", "--speakers", SPEAKERS, "--project", str(root))
    done = run_cli("import", "transcript", transcript, *args, *extra)
    assert done.exit_code == 0, done.stderr


def case_data(root: Path) -> dict[str, object]:
    data: dict[str, object] = parse((root / "cases" / "example.yaml").read_text("utf-8"), Limits())
    return data


@pytest.mark.parametrize("value", ["2024-02-30", "2023-13-01", "1999-12-31 23:59:60", "!!int x"])
def test_values_yaml_cannot_build_are_written_quoted(project: Path, value: str) -> None:
    """A value YAML could not construct written plain (an impossible date, a tag) is quoted."""
    imported(project)
    memo = run_cli("code", "t-001", "--memo", value, "--project", str(project))
    assert memo.exit_code == 0, memo.stderr
    transcript = str(project.parent / "t.txt")
    args = ("--case", "example", "--speakers", SPEAKERS, "--project", str(project))
    dated = run_cli("import", "transcript", transcript, *args, "--source", "d", "--date", value)
    # none of these is a date: --date refuses it as a usage error, and nothing is stored
    assert dated.exit_code == 2 and "Invalid value for '--date'" in dated.stderr, dated.stderr
    data = case_data(project)
    assert isinstance(data["sources"], list) and isinstance(data["excerpts"], list)
    assert [e["memo"] for e in data["excerpts"] if e["id"] == "t-001"] == [value]
    assert [s for s in data["sources"] if s["id"] == "d"] == []


@pytest.mark.parametrize("memo", ["pasted\x0bfrom Word", "bell\x07", "nul\x00", "esc\x1b[31m"])
@pytest.mark.parametrize("coder", [None, "alice"])
def test_an_edit_never_writes_a_control_character(
    project: Path, memo: str, coder: str | None
) -> None:
    """`code --memo` refuses what `validate` would refuse, and leaves the files as they were."""
    imported(project)
    before = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    args = ("--coder", coder) if coder else ()
    done = run_cli("code", "t-001", "--memo", memo, *args, "--project", str(project))
    assert done.exit_code == 1, done.stderr
    assert "control character" in done.stderr
    assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == before
    assert run_cli("validate", "--project", str(project)).exit_code == 0
    add = run_cli(
        "excerpt", "add", "--case", "example", "--source", "t", "--quote", "Halo",
        "--memo", memo, "--project", str(project),
    )  # fmt: skip
    assert add.exit_code in (1, 2)
    assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == before


@pytest.mark.parametrize(
    "args",
    [
        ("export", "qdpx", "-o", "cases/study.qdpx"),
        ("export", "qdc", "-o", "codebooks/book.qdc"),
        ("schema", "case", "-o", "codings/case.json"),
    ],
)
def test_outputs_never_land_in_the_data_folders_without_force(
    project: Path, args: tuple[str, ...]
) -> None:
    """Like render and export csv, these outputs are refused inside cases/, codebooks/, codings/."""
    (project / "codings").mkdir(exist_ok=True)
    done = run_cli(*args, cwd=project)
    assert done.exit_code in (1, 2), done.stderr
    assert "holds your data" in done.stderr
    assert not (project / args[-1]).exists()
    forced = run_cli(*args, "--force", cwd=project)
    assert forced.exit_code == 0, forced.stderr
    assert (project / args[-1]).exists()


def test_an_excerpt_id_in_two_cases_is_not_edited_at_random(project: Path) -> None:
    """`code` on an id two cases share refuses, naming both, and writes nothing."""
    other = (project / "cases" / "example.yaml").read_text("utf-8")
    other = other.replace("id: example", "id: second", 1).replace("int-01", "int-02")
    (project / "cases" / "second.yaml").write_text(other, "utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    for args in (("APP.PORTAL",), ("APP.PORTAL", "--coder", "alice")):
        done = run_cli("code", "ex-001", *args, "--project", str(project))
        assert done.exit_code == 1, done.stderr
        assert "example" in done.stderr and "second" in done.stderr
        assert "EGC201" in done.stderr
        assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == before


@pytest.mark.parametrize("text_form", ["NFC", "NFD"])
@pytest.mark.parametrize("quote_form", ["NFC", "NFD"])
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("I: Kafé desa sudah online.\n", "Kafé desa"),  # exact
        ("I: Kafé desa sudah online.\n", "Kafé \n  desa"),  # other whitespace
        ('I: "Kafé" desa sudah online.\n', "“Kafé” desa"),  # curly quote marks
    ],
)
def test_a_quote_in_another_unicode_form_is_found(
    text_form: str, quote_form: str, text: str, quote: str
) -> None:
    """Text copied from a macOS app comes decomposed (NFD), frozen texts are composed (NFC): a
    quote is found whichever form either is in, and the span is the text's own passage."""
    text = unicodedata.normalize(text_form, text)
    matches = find_quote(text, unicodedata.normalize(quote_form, quote))
    assert len(matches) == 1
    found = text[matches[0].start : matches[0].end]
    assert unicodedata.normalize("NFC", found).replace('"', "") == "Kafé desa"


def _not_a_file(kind: str, path: Path) -> None:
    import os

    if kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(path.with_name("nowhere.yaml"))
    elif kind == "link loop":
        path.symlink_to(path.name)
    else:
        os.mkfifo(path)


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("folder", "it is a folder, not a file"),
        ("dangling link", "a symbolic link that leads nowhere"),
        ("link loop", "a symbolic link that leads nowhere (or to itself)"),
        ("pipe", "not a regular file (a pipe or a device)"),
    ],
)
def test_a_case_path_that_is_not_a_file_never_drops_out_silently(
    project: Path, kind: str, why: str
) -> None:
    """cases/kota.yaml as a folder, a broken link, a link to itself or a pipe: a warning naming
    it (never read, never waited on), and every command still runs."""
    _not_a_file(kind, project / "cases" / "kota.yaml")
    done = run_cli("validate", "--format", "parsable", "--project", str(project))
    assert done.exit_code == 0, done.stderr
    assert "cases/kota.yaml:1:1: [warning] cases/kota.yaml is not read: " in done.stdout
    assert why in done.stdout and "EGC322" in done.stdout
    assert run_cli("tally", "--project", str(project)).exit_code == 0


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 'x' * 10**10 }}", "would pass the limit"),
        ("{{ [0] * 10**10 }}", "would pass the limit"),
        ("{{ 2 ** 2000000 }}", "a power of more than 1,000,000 bits"),
        ("{{ 2 ** (2 ** 40) }}", "a power of more than 1,000,000 bits"),
        ("{{ '%3000000000d' % 1 }}", "a field wider than the limit"),
        ("{{ '%.3000000000f' % 1.5 }}", "a field wider than the limit"),
        ("{{ 'x'|center(3000000000) }}", "more memory than the limit"),
        ("{{ '{0:>3000000000}'.format(1) }}", "more memory than the limit"),
    ],
)
def test_a_template_that_builds_a_huge_value_stops_cleanly(
    project: Path, template: str, message: str
) -> None:
    """One operation on huge operands runs in C, where the time limit cannot stop it: it is
    refused before it runs, or stopped by the memory limit, with exit 1 and the line."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "bomb.md.j2").write_text(f"ok\n{template}\n", "utf-8")
    done = run_cli("render", "--template", "bomb.md.j2", "--project", str(project))
    assert done.exit_code == 1, done.stderr
    assert "bomb.md.j2, line 2" in done.stderr and message in done.stderr
    ordinary = "{{ 7 % 3 }} {{ 2 ** 64 }} {{ 'ab' * 3 }} {{ 3 * [1] }} {{ '%5.1f' % 2.25 }}"
    (project / "templates" / "fine.md.j2").write_text(ordinary + "\n", "utf-8")
    done = run_cli("render", "--template", "fine.md.j2", "--project", str(project))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == "1 18446744073709551616 ababab [1, 1, 1]   2.2\n"


@pytest.mark.parametrize("kind", ["link loop", "dangling link", "folder", "pipe"])
def test_a_source_text_that_is_not_a_file_is_a_diagnostic(project: Path, kind: str) -> None:
    """The frozen text replaced by a symlink to itself (a RuntimeError in Python 3.11's
    resolve), a broken link, a folder or a pipe: validate and the commands that read it end
    with a message, never wait on the pipe, and write nothing."""
    imported(project)
    text = project / "texts" / "example" / "t.txt"
    text.unlink()
    _not_a_file(kind, text)
    before = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    done = run_cli("validate", "--format", "parsable", "--project", str(project))
    assert done.exit_code == 1, done.stderr
    assert "cases/example.yaml:" in done.stdout and "EGC70" in done.stdout
    add = ("excerpt", "add", "--case", "example", "--source", "t", "--quote", "Semua")
    assert run_cli(*add, "--project", str(project)).exit_code in (1, 2)
    assert run_cli("excerpt", "respan", "t-001", "--project", str(project)).exit_code in (1, 2)
    assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == before


@pytest.mark.parametrize("value", ["2024-02-30", "!!int x", "1" * 5000, "23:59:60"])
def test_a_coder_entry_that_yaml_cannot_build_is_reported_with_the_rest(
    project: Path, value: str
) -> None:
    """A rating that is an impossible date, a bad tag or a 5,000-digit number (instead of a
    mapping): the value's error and the file's other problems, never an exception from
    salvaging the file's good entries."""
    folder = project / "codings" / "ana"
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(
        f"coder: ana\ncase: example\ncodings:\n  ex-001: {value}\n  zzz-999: {{codes: [APP]}}\n",
        "utf-8",
    )
    done = run_cli("validate", "--format", "parsable", "--project", str(project))
    assert done.exit_code == 1, done.stderr
    assert "codings/ana/example.yaml:4:11: [error]" in done.stdout
    assert "EGC603" in done.stdout  # the unknown excerpt on line 5 is still found
    assert run_cli("agree", "--project", str(project)).exit_code == 1
