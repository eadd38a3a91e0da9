"""`egovcode export qdpx` and `egovcode import qdpx|qde|qdc`: valid, deterministic, lossless
round trips of the bundled project and of a foreign project with cases, typed variables, two
users on one passage, CRLF and emoji text."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from egovcode.model.types import memo_text
from tests.conftest import REPO, run_cli
from tests.refi_support import NEEDS_REFI, qde_of, xsd_errors

U1 = "1B0B1791-BE46-4557-9957-7333544CFAF2"
U2 = "39633935-3331-3962-6632-373436373264"
SRC = "D097E6FD-7671-4D95-A8B6-7795FA4A72E1"
TEXT = (
    "Halo 👋 semua.\r\nKami menyatukan layanan dalam portal Pecut.\r\nItu keputusan Wali Kota 🎉."
)


def _pos(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def foreign_qde(text: str = TEXT, *, utf16: bool = False) -> str:
    """A REFI project as ATLAS.ti or NVivo write it: upper- and lower-case GUIDs, a case with
    typed variables, one passage coded by two users, a note, an uncoded selection."""
    sel1 = _pos(text, "Kami menyatukan layanan dalam portal Pecut.")
    sel2 = _pos(text, "Itu keputusan Wali Kota 🎉.")
    if utf16:  # positions in UTF-16 units, as a tool built on them would write
        sel1 = tuple(len(text[:p].encode("utf-16-le")) // 2 for p in sel1)  # type: ignore[assignment]
        sel2 = tuple(len(text[:p].encode("utf-16-le")) // 2 for p in sel2)  # type: ignore[assignment]
    template = (Path(__file__).parent / "data" / "refi" / "foreign.qde.txt").read_text("utf-8")
    return template.format(U1=U1, U2=U2, SRC=SRC, src=SRC.lower(), u2=U2.lower(), sel1=sel1,
                           sel2=sel2)  # fmt: skip


def foreign_qdpx(path: Path, *, utf16: bool = False, bom: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Studi Kediri.qde", foreign_qde(utf16=utf16))  # not named project.qde
        data = TEXT.encode("utf-8")
        z.writestr(f"sources/{SRC.lower()}.txt", (b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def excerpts(project: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for case in sorted((project / "cases").glob("*.yaml")):
        for item in load(case).get("excerpts", []):
            out[item["id"]] = item
    return out


def coder_files(project: Path) -> dict[str, Any]:
    out = {}
    for path in sorted((project / "codings").glob("*/*.yaml")):
        data = load(path)
        out[path.relative_to(project).as_posix()] = {
            k: (sorted(v["codes"]), v.get("valence")) for k, v in data["codings"].items() if v
        }
    return out


def synthetic_files(project: Path) -> set[str]:
    return {
        path.relative_to(project).as_posix()
        for path in (project / "codings").glob("*/*.yaml")
        if load(path).get("synthetic") is True
    }


# -- export ---------------------------------------------------------------------------------


@NEEDS_REFI
def test_bundled_qdpx_is_valid_and_identical(tmp_path: Path) -> None:
    first = run_cli("export", "qdpx", "-o", str(tmp_path / "a.qdpx"), cwd=REPO)
    assert first.exit_code == 0, first.stderr
    run_cli("export", "qdpx", "-o", str(tmp_path / "b.qdpx"), cwd=REPO)
    data = (tmp_path / "a.qdpx").read_bytes()
    assert data == (tmp_path / "b.qdpx").read_bytes()
    assert xsd_errors(qde_of(data), "Project.xsd") == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert names[0] == "project.qde"
        assert all(n.startswith("sources/") and n.endswith(".txt") for n in names[1:])
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "(37 codes, 5 sources, 41 selections, 341 codings, 3 users)" in first.stderr
    assert "Loss report (what REFI-QDA cannot hold):" in first.stderr
    assert "excerpt translations" in first.stderr


def test_qdpx_crlf_option_moves_positions(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run_cli("import", "qdpx", str(foreign_qdpx(tmp_path / "f.qdpx")), "--into",
                   str(project)).exit_code == 0  # fmt: skip
    out = tmp_path / "crlf.qdpx"
    assert run_cli("export", "qdpx", "-o", str(out), "--line-endings", "crlf",
                   "--project", str(project)).exit_code == 0  # fmt: skip
    with zipfile.ZipFile(out) as z:
        text = z.read(next(n for n in z.namelist() if n.startswith("sources/"))).decode()
    assert "\r\n" in text and text.count("\r") == text.count("\n")
    reimported = tmp_path / "again"
    assert run_cli("import", "qdpx", str(out), "--into", str(reimported)).exit_code == 0
    assert [e["text"] for e in excerpts(reimported).values()] == [
        e["text"] for e in excerpts(project).values()
    ]


# -- import of our own export --------------------------------------------------------------


def test_import_of_our_export_keeps_tally_and_coder_files(tmp_path: Path) -> None:
    assert run_cli("export", "qdpx", "-o", str(tmp_path / "own.qdpx"), cwd=REPO).exit_code == 0
    into = tmp_path / "again"
    result = run_cli("import", "qdpx", str(tmp_path / "own.qdpx"), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "Skipped: nothing." in result.stderr
    validated = run_cli("validate", "--format", "json", cwd=into)
    assert json.loads(validated.stdout)["valid"] is True, validated.stdout
    for args in (("tally", "--format", "json"), ("agree", "--format", "json")):
        ours = run_cli(*args, cwd=REPO)
        theirs = run_cli(*args, cwd=into)
        assert json.loads(theirs.stdout) == json.loads(ours.stdout), args
    assert coder_files(into) == coder_files(REPO)
    # the demonstration coders stay synthetic (a project Note lists their files)
    assert synthetic_files(into) == synthetic_files(REPO) != set()
    assert not (into / "memos.yaml").exists()
    before, after = excerpts(REPO), excerpts(into)
    assert before.keys() == after.keys()
    for key, item in before.items():
        for field in ("source", "locator", "text", "codes", "valence", "span"):
            assert after[key].get(field) == item.get(field), (key, field)
        # REFI-QDA holds one memo text: a bilingual memo comes back in the export's language
        # (the loss report counts the other languages).
        assert after[key].get("memo") == (memo_text(item.get("memo"), "en")[0] or None), key
    # a second export of the imported project reuses the GUIDs kept in refi/ids.yaml
    run_cli("export", "qdpx", "-o", str(tmp_path / "again.qdpx"), "--project", str(into))
    assert _guids(tmp_path / "again.qdpx") == _guids(tmp_path / "own.qdpx")


def _guids(path: Path) -> set[str]:
    import re

    return set(re.findall(r'guid="([0-9A-F-]{36})"', qde_of(path).decode()))


# -- a foreign project: cases, typed variables, two users, CRLF, emoji ----------------------


def test_foreign_project_round_trip(tmp_path: Path) -> None:
    source = foreign_qdpx(tmp_path / "foreign.qdpx")
    first = tmp_path / "first"
    result = run_cli("import", "qdpx", str(source), "--into", str(first))
    assert result.exit_code == 0, result.stderr
    assert "the project is named 'Studi Kediri.qde', not 'project.qde'" in result.stderr
    assert run_cli("validate", "--strict", cwd=first).exit_code == 0
    config = load(first / "egovcode.yaml")
    assert config["coders"]["ana-wijaya"] == {"name": "Ana Wijaya", "initials": "AW"}
    assert config["variables"]["cases-age"] == {"name": "Cases:Age", "type": "Integer"}
    assert config["variables"]["interview-date"]["type"] == "Date"
    case = load(first / "cases" / "pemerintah-kota-kediri.yaml")
    assert case["case"]["attributes"] == {"cases-age": 52, "recorded": True, "spbe-score": 3.65}
    source_entry = case["sources"][0]
    assert source_entry["attributes"] == {"interview-date": "2024-03-01"}
    text = (first / source_entry["file"]).read_text(encoding="utf-8")
    assert text == TEXT.replace("\r\n", "\n")
    original = (first / source_entry["original"]).read_bytes()
    assert original == b"\xef\xbb\xbf" + TEXT.encode("utf-8")  # byte for byte as imported
    items = list(excerpts(first).values())
    assert [e["text"] for e in items] == [
        "Kami menyatukan layanan dalam portal Pecut.",
        "Itu keputusan Wali Kota 🎉.",
    ]
    for item in items:
        assert text[item["span"][0] : item["span"][1]] == item["text"]
    assert items[0]["codes"] == ["aplikasi", "regulasi"] and "coder" not in items[0]
    assert items[0]["memo"] == "Pecut is the portal's name."
    assert items[1]["codes"] == [] and items[1]["memo"].startswith("A segment memo")
    assert coder_files(first) == {
        "codings/ana-wijaya/pemerintah-kota-kediri.yaml": {items[0]["id"]: (["aplikasi"], None)},
        "codings/budi-santoso/pemerintah-kota-kediri.yaml": {
            items[0]["id"]: (["aplikasi", "regulasi"], None)
        },
    }
    codebook = load(first / "codebooks" / "studi-kediri.yaml")
    by_id = {c["id"]: c for c in codebook["codes"]}
    assert by_id["komponen"]["codable"] is False
    assert by_id["regulasi"]["color"] == "#f00"
    assert by_id["regulasi"]["definition"] == {"en": 'Rules & "regulations" <local>.'}
    assert by_id["programming.programming"]["parent"] == "programming"  # same name, two levels

    # an interview transcript joins the case: its excerpts carry their speakers
    transcript = REPO / "tests" / "data" / "transcripts" / "wawancara-kabid.txt"
    added = run_cli("import", "transcript", str(transcript), "--case", "pemerintah-kota-kediri",
                    "--speakers", "P=interviewer,I=informant", "--include-interviewer",
                    "--replace", "Budi Santoso=Informan 1", "--replace", "Budi=Informan 1",
                    "--project", str(first))  # fmt: skip
    assert added.exit_code == 0, added.stderr
    items = list(excerpts(first).values())
    assert [e.get("speaker") for e in items] == [None, None, "P", "I", "P", "I", "P", "I"]

    exported = tmp_path / "out.qdpx"
    out = run_cli("export", "qdpx", "-o", str(exported), "--project", str(first))
    assert out.exit_code == 0, out.stderr
    assert "beyond U+FFFF (emoji)" in out.stderr
    qde = qde_of(exported)
    assert b'typeOfVariable="Date"' in qde and b"<DateValue>2024-03-01</DateValue>" in qde
    assert f'guid="{SRC}"'.encode() in qde  # the foreign GUIDs come back from refi/ids.yaml
    assert b'name="Speakers" isCodable="false"' in qde and b'name="P (interviewer)"' in qde
    if (REPO.parent / "shared" / "refi" / "Project.xsd").is_file():
        assert xsd_errors(qde, "Project.xsd") == []

    second = tmp_path / "second"
    assert run_cli("import", "qdpx", str(exported), "--into", str(second)).exit_code == 0
    assert run_cli("validate", "--strict", cwd=second).exit_code == 0
    again = list(excerpts(second).values())
    for a, b in zip(items, again, strict=True):
        for field in ("text", "span", "codes", "memo", "coder", "speaker", "locator"):
            assert a.get(field) == b.get(field), field
    assert coder_files(second) == coder_files(first)
    sources = load(second / "cases" / "pemerintah-kota-kediri.yaml")["sources"]
    assert sources[1]["attributes"]["speakers"] == "I=informant, P=interviewer"
    variables = load(second / "egovcode.yaml")["variables"]
    header = {"informant", "interviewer", "location", "mode", "speakers"}  # the transcript's
    assert variables == {**config["variables"], **{key: {} for key in header}}


def test_control_characters_never_make_the_imported_project_invalid(tmp_path: Path) -> None:
    """A form feed in a text (PDF extraction), CRLF in a note and a C1 control in a code name,
    as other tools write them: the project validates, and no position moves."""
    text = TEXT.replace("\r\nItu", "\r\n\x0cItu")
    qde = foreign_qde(text).replace('name="Aplikasi"', 'name="Apli&#x9B;kasi"')
    qde = qde.replace("Pecut is the portal's name.", "Pecut is&#13;&#10;the portal's name.")
    path = tmp_path / "ctl.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"sources/{SRC.lower()}.txt", text.encode("utf-8"))
    into = tmp_path / "p"
    result = run_cli("import", "qdpx", str(path), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "1 control characters removed from names and notes" in result.stderr
    check = run_cli("validate", "--format", "parsable", cwd=into)
    assert [line for line in check.stdout.splitlines() if "[info]" not in line] == []
    case = load(into / "cases" / "pemerintah-kota-kediri.yaml")
    frozen = (into / case["sources"][0]["file"]).read_text("utf-8")
    assert frozen == text.replace("\r\n", "\n").replace("\x0c", " ")
    items = list(excerpts(into).values())
    assert [e["text"] for e in items] == [
        "Kami menyatukan layanan dalam portal Pecut.",
        "Itu keputusan Wali Kota 🎉.",
    ]
    assert items[0]["memo"] == "Pecut is\nthe portal's name."
    original = (into / case["sources"][0]["original"]).read_bytes()
    assert original == text.encode("utf-8")  # kept byte for byte
    labels = [c["label"]["en"] for c in load(next((into / "codebooks").glob("*.yaml")))["codes"]]
    assert "Aplikasi" in labels


def test_positions_in_utf16_units_are_detected_and_said(tmp_path: Path) -> None:
    source = foreign_qdpx(tmp_path / "f.qdpx", utf16=True, bom=False)
    result = run_cli("import", "qdpx", str(source), "--into", str(tmp_path / "p"))
    assert result.exit_code == 0, result.stderr
    assert "fits only when counted in UTF-16 units; read so" in result.stderr
    assert "(EGC809)" in result.stderr
    texts = [e["text"] for e in excerpts(tmp_path / "p").values()]
    assert texts == ["Kami menyatukan layanan dalam portal Pecut.", "Itu keputusan Wali Kota 🎉."]


def test_a_selection_that_fits_no_counting_is_skipped_not_shifted(tmp_path: Path) -> None:
    qde = foreign_qde().replace('endPosition="', 'endPosition="9', 1)
    path = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"sources/{SRC.lower()}.txt", TEXT)
    result = run_cli("import", "qdpx", str(path), "--into", str(tmp_path / "p"))
    assert result.exit_code == 0
    assert "fits the text under no counting" in result.stderr and "(EGC810)" in result.stderr
    assert "1  PlainTextSelection whose positions fit no counting" in result.stderr
    assert len(excerpts(tmp_path / "p")) == 1


# -- every real sample ---------------------------------------------------------------------


@NEEDS_REFI
@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("atlasti-win-23.2.3_blank-atlas-project.qde", []),
        ("atlasti-win-23.2.3_target-atlas-project.qde", []),
        ("atlasti-win-23.4.0_codebook.qdc", []),
        ("nvivo-mac-15.0.0_project.qde", []),
        ("nvivo-mac-15.0.0_project.qdpx", []),
        ("qc-1.3.2_demo.qdpx", []),
        ("refi-spec-1.5_annexA1_codebook.qdc", []),
        (
            "refi-spec-1.5_annexA2_atlasti-8.4-mac_project.qde",
            ["AudioSource", "VideoSource", "PictureSource", "Graphs", "PDFSelection"],
        ),
        (
            "refi-spec-1.5_annexA3_transana-3.22b2_project.qde",
            ["VideoSource", "PictureSource", "whole-source Coding"],
        ),
        ("taguette_codebook_from_tests.qdc", []),
    ],
)
def test_every_sample_imports_and_validates(tmp_path: Path, name: str, skipped: list[str]) -> None:
    from tests.refi_support import SAMPLES

    path = SAMPLES / name
    into = tmp_path / "p"
    kind = path.suffix[1:]
    result = run_cli("import", kind, str(path), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "Skipped" in result.stderr
    for word in skipped:
        assert word in result.stderr.split("Skipped", 1)[1], word
    validated = run_cli("validate", "--format", "json", cwd=into)
    assert json.loads(validated.stdout)["valid"] is True, validated.stdout


@NEEDS_REFI
def test_qc_demo_texts_and_offsets(tmp_path: Path) -> None:
    from tests.refi_support import SAMPLES

    into = tmp_path / "qc"
    assert run_cli("import", "qdpx", str(SAMPLES / "qc-1.3.2_demo.qdpx"), "--into",
                   str(into)).exit_code == 0  # fmt: skip
    with zipfile.ZipFile(SAMPLES / "qc-1.3.2_demo.qdpx") as z:
        original = z.read("sources/board_2017.txt")
    case = load(next((into / "cases").glob("*.yaml")))
    board = next(s for s in case["sources"] if s["citation"] == "board_2017.txt")
    assert (into / board["file"]).read_bytes() == original  # byte-exact
    items = [e for e in case["excerpts"] if e["source"] == board["id"]]
    assert len(case["excerpts"]) == 158 and items[0]["locator"] == "line:6"
    assert items[0]["span"] == [320, 400]
    assert items[0]["text"].startswith("This district goal is engage every student")


# -- merging, clashes, .qde beside its sources ----------------------------------------------


def test_qdc_merge_that_would_fail_validate_is_refused_with_its_diagnostics(
    tmp_path: Path,
) -> None:
    project = tmp_path / "study"
    assert run_cli("init", str(project)).exit_code == 0
    own = tmp_path / "extra.qdc"
    own.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        '<Codes><Code guid="{aaaaaaaa-0000-4000-8000-000000000001}" name="Trust" isCodable="true">'
        "<Description>Citizens' trust.</Description></Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    codebook = project / "codebooks" / "indrajit.yaml"
    before = codebook.read_bytes()
    files = sorted(p.relative_to(project) for p in project.rglob("*"))
    refused = run_cli("import", "qdc", str(own), "--into", str(project))
    assert refused.exit_code == 1
    assert (
        "codebooks/indrajit.yaml: [error] code 'trust' has no definition in 'id' (EGC406)"
        in refused.stderr
    )
    assert "nothing was written" in refused.stderr
    assert "`lint: {ignore: [EGC406]}`" in refused.stderr
    assert codebook.read_bytes() == before
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == files
    assert "[error]" not in run_cli("validate", "--format", "parsable", cwd=project).stdout

    # the project accepts codes without definitions: the merge goes through and validates
    config = project / "egovcode.yaml"
    config.write_text(config.read_text("utf-8") + "lint: {ignore: [EGC406]}\n", "utf-8")
    result = run_cli("import", "qdc", str(own), "--into", str(project))
    assert result.exit_code == 0, result.stderr
    assert "write their definitions in id" in result.stderr
    after = codebook.read_text(encoding="utf-8")
    assert after.startswith(before.decode("utf-8").rstrip("\n")) and "id: trust" in after
    assert "# yaml-language-server" in after  # comments kept
    check = run_cli("validate", "--format", "parsable", cwd=project)
    assert check.exit_code == 0 and "[error]" not in check.stdout, check.stdout


def test_qdc_merge_counts_only_the_errors_it_brings(tmp_path: Path) -> None:
    """A codebook that fails already is no reason to refuse codes that are fine."""
    from egovcode.interchange.refi.project_write import codebook_errors
    from egovcode.load.project import load_project

    project = tmp_path / "study"
    assert run_cli("init", str(project)).exit_code == 0
    loaded = load_project(project)
    path = project / "codebooks" / "indrajit.yaml"
    text = path.read_text("utf-8")
    assert codebook_errors(loaded, path, text) == []
    broken = text + "  - id: NEW\n    label: {en: New}\n"
    found = [(d.code, d.message, d.line) for d in codebook_errors(loaded, path, broken)]
    assert found == [
        ("EGC405", "code 'NEW' has no label in 'id'", None),
        ("EGC406", "code 'NEW' has no definition in 'en'", None),
        ("EGC406", "code 'NEW' has no definition in 'id'", None),
    ]
    path.write_text(broken, "utf-8")
    again = load_project(project)
    assert codebook_errors(again, path, broken) == []


def test_a_clashing_case_id_is_refused_and_nothing_written(tmp_path: Path) -> None:
    source = foreign_qdpx(tmp_path / "f.qdpx")
    project = tmp_path / "p"
    assert run_cli("import", "qdpx", str(source), "--into", str(project)).exit_code == 0
    snapshot = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    again = run_cli("import", "qdpx", str(source), "--into", str(project))
    assert again.exit_code == 1
    assert "already used in" in again.stderr and "(EGC812)" in again.stderr
    assert "case 'pemerintah-kota-kediri'" in again.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == snapshot


def test_qde_reads_texts_beside_it_and_never_outside(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (folder / "sources").mkdir(parents=True)
    qde = foreign_qde().replace(f"internal://{SRC.lower()}.txt", "interview.txt")
    (folder / "p.qde").write_text(qde, encoding="utf-8")
    (folder / "sources" / "interview.txt").write_text(TEXT, encoding="utf-8", newline="")
    result = run_cli("import", "qde", str(folder / "p.qde"), "--into", str(tmp_path / "a"))
    assert result.exit_code == 0, result.stderr
    assert len(excerpts(tmp_path / "a")) == 2
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    for ref in ("absolute:///etc/hostname", "relative://../secret.txt", "../secret.txt"):
        (folder / "p.qde").write_text(qde.replace('"interview.txt"', f'"{ref}"'))
        out = run_cli("import", "qde", str(folder / "p.qde"), "--into", str(tmp_path / "b"))
        assert out.exit_code == 0 and "(EGC811)" in out.stderr, ref
        assert not list((tmp_path / "b").glob("texts/**/*.txt"))
        shutil.rmtree(tmp_path / "b")


# -- hostile files through the command -------------------------------------------------------


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><Project name="&i;"/>'
)


@pytest.mark.parametrize(
    ("kind", "code"),
    [("xxe", "EGC801"), ("bomb", "EGC801"), ("slip", "EGC806"), ("html", "EGC807"),
     ("no-qde", "EGC808"), ("broken", "EGC802")],
)  # fmt: skip
def test_hostile_files_are_clear_errors_and_write_nothing(
    tmp_path: Path, kind: str, code: str
) -> None:
    path = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        if kind == "xxe":
            z.writestr(
                "project.qde",
                '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                '<Project name="&x;"/>',
            )
        elif kind == "bomb":
            z.writestr("project.qde", BOMB)
        elif kind == "slip":
            z.writestr("project.qde", "<Project name='x'/>")
            z.writestr("../../evil.txt", "x")
        elif kind == "html":
            z.writestr("project.qde", "<html><body>not a project</body></html>")
        elif kind == "no-qde":
            z.writestr("sources/a.txt", "x")
        else:
            z.writestr("project.qde", "<Project name='x'><Users></Project>")
    result = run_cli("import", "qdpx", str(path), "--into", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: ") and str(path) in result.stderr
    assert f"({code})" in result.stderr
    assert not (tmp_path / "p").exists()
    assert not (tmp_path.parent / "evil.txt").exists()


# -- --onto-excerpts -----------------------------------------------------------------------


def test_onto_excerpts_maps_a_foreign_coder_onto_our_excerpts(tmp_path: Path) -> None:
    from egovcode.interchange.refi import model as m
    from egovcode.interchange.refi.reader import read_document
    from egovcode.interchange.refi.safety import parse_xml
    from egovcode.interchange.refi.writer import project_xml

    project = tmp_path / "p"
    shutil.copytree(REPO / "cases", project / "cases")
    shutil.copytree(REPO / "codebooks", project / "codebooks")
    exported = tmp_path / "own.qdpx"
    assert run_cli("export", "qdpx", "-o", str(exported), "--project", str(project)).exit_code == 0
    # a co-coder in another tool: their own user, spans a little off ours, their own codes
    with zipfile.ZipFile(exported) as z:
        members = {n: z.read(n) for n in z.namelist()}
    doc = read_document(parse_xml(members["project.qde"], "own"), "own")
    dewi = "DE000000-0000-4000-8000-000000000001"
    doc.users = [m.User(dewi, "Dewi Lestari")]
    app = next(c.guid for c in doc.all_codes() if c.name.startswith("APP · "))
    portal = next(c for c in doc.all_codes() if c.name.startswith("APP.PORTAL · "))
    portal.guid = "FFFFFFFF-0000-4000-8000-000000000001"  # re-GUIDed: matched by its name
    source = doc.sources[0]
    first, second = source.selections[0], source.selections[1]
    source.selections = [
        m.Selection("5E000000-0000-4000-8000-00000000000A", first.start + 3, first.end - 2,
                    codings=[m.Coding("C0000000-0000-4000-8000-00000000000A", app, dewi),
                             m.Coding("C0000000-0000-4000-8000-00000000000B", portal.guid, dewi)]),
        m.Selection("5E000000-0000-4000-8000-00000000000B", second.end - 3, second.end + 4,
                    codings=[m.Coding("C0000000-0000-4000-8000-00000000000C", app, dewi)]),
    ]  # fmt: skip
    doc.sources = [source]
    members["project.qde"] = project_xml(doc)
    foreign = tmp_path / "dewi.qdpx"
    with zipfile.ZipFile(foreign, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    result = run_cli("import", "qdpx", str(foreign), "--into", str(project), "--onto-excerpts")
    assert result.exit_code == 0, result.stderr
    assert "covers less than half of" in result.stderr and "(EGC814)" in result.stderr
    excerpt_id = first.name.split(" · ")[0] if first.name else ""
    case_id = "jember" if excerpt_id.startswith("jbr") else "kediri"
    data = load(project / "codings" / "dewi-lestari" / f"{case_id}.yaml")
    assert data["codings"] == {excerpt_id: {"codes": ["APP", "APP.PORTAL"]}}
    agree = run_cli("agree", "--format", "json", cwd=project)
    assert agree.exit_code == 0 and "dewi-lestari" in agree.stdout


def _one_foreign_coding(tmp_path: Path, project: Path) -> tuple[Path, str, str]:
    """Our export of ``project`` as a co-coder's tool gives it back: the first selection,
    coded APP by user Dewi. Returns the file, the excerpt id and its case."""
    from egovcode.interchange.refi import model as m
    from egovcode.interchange.refi.reader import read_document
    from egovcode.interchange.refi.safety import parse_xml
    from egovcode.interchange.refi.writer import project_xml

    exported = tmp_path / "own.qdpx"
    assert run_cli("export", "qdpx", "-o", str(exported), "--project", str(project)).exit_code == 0
    with zipfile.ZipFile(exported) as z:
        members = {n: z.read(n) for n in z.namelist()}
    doc = read_document(parse_xml(members["project.qde"], "own"), "own")
    dewi = "DE000000-0000-4000-8000-000000000001"
    doc.users = [m.User(dewi, "Dewi Lestari")]
    app = next(c.guid for c in doc.all_codes() if c.name.startswith("APP · "))
    source = doc.sources[0]
    first = source.selections[0]
    first.codings = [m.Coding("C0000000-0000-4000-8000-00000000000A", app, dewi)]
    source.selections = [first]
    doc.sources = [source]
    members["project.qde"] = project_xml(doc)
    foreign = tmp_path / "dewi.qdpx"
    with zipfile.ZipFile(foreign, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    excerpt_id = first.name.split(" · ")[0] if first.name else ""
    return foreign, excerpt_id, "jember" if excerpt_id.startswith("jbr") else "kediri"


def test_onto_excerpts_force_keeps_the_coder_files_own_keys(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(REPO / "cases", project / "cases")
    shutil.copytree(REPO / "codebooks", project / "codebooks")
    foreign, excerpt_id, case_id = _one_foreign_coding(tmp_path, project)
    target = project / "codings" / "dewi-lestari" / f"{case_id}.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(
        f"coder: dewi-lestari\ncase: {case_id}\nsynthetic: true\ncodings: {{}}\n", "utf-8"
    )
    refused = run_cli("import", "qdpx", str(foreign), "--into", str(project), "--onto-excerpts")
    assert refused.exit_code == 1 and "never overwritten without --force" in refused.stderr
    args = ("import", "qdpx", str(foreign), "--into", str(project), "--onto-excerpts", "--force")
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    data = load(target)
    assert data == {
        "coder": "dewi-lestari",
        "case": case_id,
        "synthetic": True,
        "codings": {excerpt_id: {"codes": ["APP"]}},
    }
    assert list(data) == ["coder", "case", "synthetic", "codings"]
    assert "dewi-lestari" in run_cli("agree", "--format", "json", cwd=project).stdout


def test_nvivo_case_nodes_and_maxqda_document_variables(tmp_path: Path) -> None:
    case_guid = "CC000000-0000-4000-8000-000000000001"
    qde = foreign_qde()
    qde = qde.replace(
        "  </Codes></CodeBook>",
        f'    <Code guid="{case_guid.lower()}" name="Pemerintah Kota Kediri" isCodable="true"/>\n'
        "  </Codes></CodeBook>",
    )
    qde = qde.replace(
        '<NoteRef targetGUID="11000000',
        f'<Coding guid="C0000000-0000-4000-8000-0000000000FF" creatingUser="{U1}">'
        f'<CodeRef targetGUID="{case_guid}"/></Coding>\n        <NoteRef targetGUID="11000000',
    )
    qde = qde.replace(
        "  </Cases>",
        '    <Case guid="CC000000-0000-4000-8000-000000000002">'
        '<VariableValue><VariableRef targetGUID="AA000000-0000-4000-8000-000000000004"/>'
        f'<BooleanValue>false</BooleanValue></VariableValue><SourceRef targetGUID="{SRC}"/>'
        "</Case>\n  </Cases>",
    )
    path = tmp_path / "nvivo.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"sources/{SRC.lower()}.txt", TEXT)
    into = tmp_path / "p"
    result = run_cli("import", "qdpx", str(path), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "1  Code that stands for a Case (NVivo case node)" in result.stderr
    assert "1  Coding that stands for case membership (NVivo case node)" in result.stderr
    assert "a nameless Case was read as document variables" in result.stderr
    case = load(into / "cases" / "pemerintah-kota-kediri.yaml")
    assert case["sources"][0]["attributes"] == {"interview-date": "2024-03-01", "recorded": False}
    codebook = load(next((into / "codebooks").glob("*.yaml")))
    assert "Pemerintah Kota Kediri" not in [c["label"]["en"] for c in codebook["codes"]]
    assert run_cli("validate", "--strict", cwd=into).exit_code == 0


def test_case_fields_and_indices_come_back_even_without_a_year(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(REPO / "cases", project / "cases")
    shutil.copytree(REPO / "codebooks", project / "codebooks")
    kediri = project / "cases" / "kediri.yaml"
    text = kediri.read_text(encoding="utf-8")
    ikm = text.index("  - name: IKM")
    kediri.write_text(text[:ikm] + text[ikm:].replace("    year: 2023\n", "", 1), "utf-8")
    assert run_cli("validate", cwd=project).exit_code == 0
    out = tmp_path / "p.qdpx"
    assert run_cli("export", "qdpx", "-o", str(out), "--project", str(project)).exit_code == 0
    into = tmp_path / "again"
    assert run_cli("import", "qdpx", str(out), "--into", str(into)).exit_code == 0
    for name in ("kediri", "jember"):
        before, after = (
            load(project / "cases" / f"{name}.yaml"),
            load(into / "cases" / f"{name}.yaml"),
        )
        assert after["case"] == before["case"] and after["language"] == before["language"]
        assert after["indices"] == [
            {k: v for k, v in index.items() if k != "title"} for index in before["indices"]
        ]
        # 91 stays 91 (an int), though the index's one variable is Float for 92.67 elsewhere
        assert [type(i["value"]) for i in after["indices"]] == [
            type(i["value"]) for i in before["indices"]
        ]
        assert [s["id"] for s in after["sources"]] == [s["id"] for s in before["sources"]]


@NEEDS_REFI
def test_project_notes_go_to_memos_yaml_and_back(tmp_path: Path) -> None:
    note = "11000000-0000-4000-8000-000000000002"
    qde = foreign_qde().replace(
        "  </Notes>",
        f'    <Note guid="{note}" name="Research plan" creatingUser="{U1}">'
        "<PlainTextContent>Compare Kediri and Jember.\nSecond line.</PlainTextContent></Note>\n"
        "  </Notes>",
    )
    qde = qde.replace("</Project>", f'  <NoteRef targetGUID="{note}"/>\n</Project>')
    path = tmp_path / "notes.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"sources/{SRC.lower()}.txt", TEXT)
    first = tmp_path / "first"
    assert run_cli("import", "qdpx", str(path), "--into", str(first)).exit_code == 0
    memos = load(first / "memos.yaml")["memos"]
    assert memos == [
        {
            "id": "research-plan",
            "title": "Research plan",
            "author": "ana-wijaya",
            "text": "Compare Kediri and Jember.\nSecond line.",
            "about": ["project"],
        }
    ]
    out = tmp_path / "out.qdpx"
    assert run_cli("export", "qdpx", "-o", str(out), "--project", str(first)).exit_code == 0
    qde_out = qde_of(out)
    assert xsd_errors(qde_out, "Project.xsd") == []
    assert f'<NoteRef targetGUID="{note}"/>'.encode() in qde_out
    second = tmp_path / "second"
    assert run_cli("import", "qdpx", str(out), "--into", str(second)).exit_code == 0
    assert load(second / "memos.yaml")["memos"] == memos


@NEEDS_REFI
def test_atlas_groups_become_sets_yaml_and_travel_back(tmp_path: Path) -> None:
    from tests.refi_support import SAMPLES

    first = tmp_path / "a2"
    sample = SAMPLES / "refi-spec-1.5_annexA2_atlasti-8.4-mac_project.qde"
    result = run_cli("import", "qde", str(sample), "--into", str(first))
    assert result.exit_code == 0, result.stderr
    sets = load(first / "sets.yaml")["sets"]
    assert len(sets) == 16
    assert {"id": "gender-male", "name": "gender: male",
            "sources": ["atlas-ti-standard-project/simon-docx"]} in sets  # fmt: skip
    assert "6  Set member (source) that was not imported" in result.stderr  # audio, video, ...
    out = tmp_path / "a2.qdpx"
    assert run_cli("export", "qdpx", "-o", str(out), "--project", str(first)).exit_code == 0
    assert xsd_errors(qde_of(out), "Project.xsd") == []
    second = tmp_path / "again"
    assert run_cli("import", "qdpx", str(out), "--into", str(second)).exit_code == 0
    assert load(second / "sets.yaml") == load(first / "sets.yaml")
    case = next((first / "cases").glob("*.yaml"))
    assert load(second / "cases" / case.name) == load(case)
    assert json.loads(run_cli("validate", "--format", "json", cwd=second).stdout)["valid"]
