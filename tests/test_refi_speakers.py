"""Speakers: `import transcript` sets `speaker` on excerpts, `validate` checks it against the
source's `speakers`, REFI-QDA carries it as a non-codable Speakers folder both ways, and
`--pseudonymise` never lets a speaker label through."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from egovcode.interchange.refi.guids import stable_guid
from tests.conftest import run_cli
from tests.refi_support import REFI, qde_of, xsd_errors

DATA = Path(__file__).parent / "data" / "transcripts"
FGD = "Moderator=interviewer,Peserta 1=informant,Peserta 2=informant,Peserta 3=informant"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project with an interview (labels P and I) and a focus group (four labels)."""
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    interview = run_cli("import", "transcript", str(DATA / "wawancara-kabid.txt"),
                        "--case", "kediri", "--case-name", "Kota Kediri",
                        "--speakers", "P=interviewer,I=informant",
                        "--replace", "Budi Santoso=Informan 1", "--replace", "Budi=Informan 1",
                        "--project", str(root))  # fmt: skip
    assert interview.exit_code == 0, interview.stderr
    group = run_cli("import", "transcript", str(DATA / "fgd-warga.vtt"), "--case", "kediri",
                    "--speakers", FGD, "--source", "fgd-01", "--kind", "interview",
                    "--informant-role", "Warga", "--project", str(root))  # fmt: skip
    assert group.exit_code == 0, group.stderr
    return root


def case(root: Path, name: str = "kediri") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((root / "cases" / f"{name}.yaml").read_text("utf-8"))
    return data


def problems(root: Path) -> list[str]:
    """The errors and warnings of `validate` (its info lines aside)."""
    result = run_cli("validate", "--format", "parsable", cwd=root)
    return [line for line in result.stdout.splitlines() if "[info]" not in line]


def speakers(root: Path) -> dict[str, str | None]:
    return {e["id"]: e.get("speaker") for e in case(root)["excerpts"]}


def codes_of_folder(qde: str, name: str) -> list[tuple[str, str]]:
    """(guid, name) of the codes inside the top-level folder ``name``."""
    folder = re.search(rf'<Code guid="[^"]+" name="{name}" isCodable="false">(.*?)\n      </Code>',
                       qde, re.S)  # fmt: skip
    assert folder is not None, name
    return re.findall(r'<Code guid="([^"]+)" name="([^"]+)" isCodable="true"/>', folder.group(1))


def assert_xsd_valid(qde: bytes) -> None:
    """Valid against the official Project.xsd, where ../shared/refi holds it."""
    if (REFI / "Project.xsd").is_file():
        assert xsd_errors(qde, "Project.xsd") == []


def export(root: Path, out: Path) -> tuple[bytes, str]:
    result = run_cli("export", "qdpx", "-o", str(out), "--project", str(root))
    assert result.exit_code == 0, result.stderr
    return out.read_bytes(), result.stderr


# -- the model and validate ----------------------------------------------------------------------


def test_import_transcript_sets_the_speaker_of_every_excerpt(project: Path) -> None:
    assert speakers(project) == {
        "wawancara-kabid-001": "I",
        "wawancara-kabid-002": "I",
        "wawancara-kabid-003": "I",
        "fgd-01-001": "Peserta 1",
        "fgd-01-002": "Peserta 2",
        "fgd-01-003": "Peserta 3",
    }
    assert problems(project) == []


def test_validate_warns_of_a_speaker_the_source_does_not_have(project: Path) -> None:
    path = project / "cases" / "kediri.yaml"
    text = path.read_text("utf-8")
    text = text.replace("speaker: Peserta 2", "speaker: Peserta 4", 1)
    text = text.replace("speaker: Peserta 3", "speaker: peserta 3", 1)
    path.write_text(text, "utf-8")
    result = run_cli("validate", "--format", "json", cwd=project)
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "EGC713"]
    assert {d["severity"] for d in found} == {"warning"}
    assert [d["message"] for d in found] == [
        "excerpt 'fgd-01-002': speaker 'Peserta 4' is not a speaker of source 'fgd-01'",
        "excerpt 'fgd-01-003': speaker 'peserta 3' is not a speaker of source 'fgd-01'",
    ]
    lines = text.splitlines()
    assert lines[found[0]["line"] - 1].strip() == "speaker: Peserta 4"
    assert found[0]["column"] == lines[found[0]["line"] - 1].index("Peserta 4") + 1
    assert found[0]["hint"].startswith("Did you mean `speaker: Peserta 3`?")
    assert found[1]["hint"].startswith("Did you mean `speaker: Peserta 3`?")
    assert "Moderator, Peserta 1, Peserta 2, Peserta 3" in found[1]["hint"]


def test_a_source_without_speakers_leaves_the_speaker_unchecked(project: Path) -> None:
    path = project / "cases" / "kediri.yaml"
    text = path.read_text("utf-8")
    start = text.index(", speakers: 'I=informant, P=interviewer'")
    path.write_text(text[:start] + text[start:].replace(", speakers: 'I=informant, P=interviewer'",
                                                       "", 1), "utf-8")  # fmt: skip
    assert problems(project) == []


def test_the_case_schema_has_speaker() -> None:
    result = run_cli("schema", "case")
    assert result.exit_code == 0
    excerpt = json.loads(result.stdout)["$defs"]["Excerpt"]["properties"]
    assert excerpt["speaker"]["anyOf"][0] == {"minLength": 1, "type": "string"}


# -- REFI-QDA: export ----------------------------------------------------------------------------


def test_export_writes_a_speakers_folder_valid_and_identical(project: Path, tmp_path: Path) -> None:
    data, stderr = export(project, tmp_path / "a.qdpx")
    again, _ = export(project, tmp_path / "b.qdpx")
    assert data == again
    qde = qde_of(data)
    assert_xsd_valid(qde)
    text = qde.decode()
    group = stable_guid("speaker", "group")
    assert f'<Code guid="{group}" name="Speakers" isCodable="false">' in text
    members = codes_of_folder(text, "Speakers")
    assert [name for _, name in members] == [
        "I (informant)", "Peserta 1 (informant)", "Peserta 2 (informant)", "Peserta 3 (informant)",
    ]  # fmt: skip
    assert members[0][0] == stable_guid("speaker", "I|informant")
    # each excerpt's selection carries one coding of its speaker's code
    for guid, _ in members:
        assert text.count(f'targetGUID="{guid}"') == (3 if _ == "I (informant)" else 1)
    loss = "      6  excerpt speakers (held only as codes of a non-codable Speakers folder)"
    assert loss in stderr


def test_no_speakers_no_folder(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    data, stderr = export(root, tmp_path / "a.qdpx")
    assert b'name="Speakers"' not in qde_of(data)
    assert "excerpt speakers" not in stderr
    assert_xsd_valid(qde_of(data))


# -- REFI-QDA: import ----------------------------------------------------------------------------


def test_speakers_round_trip_through_our_own_export(project: Path, tmp_path: Path) -> None:
    first, _ = export(project, tmp_path / "a.qdpx")
    into = tmp_path / "again"
    result = run_cli("import", "qdpx", str(tmp_path / "a.qdpx"), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "Skipped: nothing." in result.stderr
    assert speakers(into) == speakers(project)
    before = {s["id"]: s.get("attributes") for s in case(project)["sources"]}
    after = {s["id"]: s.get("attributes") for s in case(into)["sources"]}
    assert after == before
    # the speakers are no codes of the imported codebook
    codebook = next((into / "codebooks").glob("*.yaml")).read_text("utf-8")
    assert "Peserta" not in codebook and "Speakers" not in codebook
    assert problems(into) == []
    second, _ = export(into, tmp_path / "b.qdpx")
    assert qde_of(second) == qde_of(first)


def _rewrite(path: Path, out: Path, edit: Any) -> Path:
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["project.qde"] = edit(members["project.qde"].decode()).encode()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def test_our_folder_is_recognised_in_another_tools_file(project: Path, tmp_path: Path) -> None:
    """ATLAS.ti or NVivo keep GUIDs on re-export but not our variables: the speakers come back
    by the folder's GUID, and the source's `speakers` attribute is rebuilt from the codes."""
    export(project, tmp_path / "a.qdpx")

    def as_atlas(qde: str) -> str:
        qde = re.sub(r'origin="[^"]*"', 'origin="ATLAS.ti 23.2.3"', qde)
        return re.sub(r"<VariableValue>.*?</VariableValue>", "", qde, flags=re.S)

    foreign = _rewrite(tmp_path / "a.qdpx", tmp_path / "atlas.qdpx", as_atlas)
    into = tmp_path / "atlas"
    result = run_cli("import", "qdpx", str(foreign), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    found = [e.get("speaker") for c in (into / "cases").glob("*.yaml")
             for e in (yaml.safe_load(c.read_text("utf-8")).get("excerpts") or [])]  # fmt: skip
    assert sorted(s for s in found if s) == ["I", "I", "I", "Peserta 1", "Peserta 2", "Peserta 3"]
    attributes = [s.get("attributes", {}).get("speakers") for c in (into / "cases").glob("*.yaml")
                  for s in yaml.safe_load(c.read_text("utf-8")).get("sources") or []]  # fmt: skip
    assert sorted(a for a in attributes if a) == [
        "I=informant",
        "Peserta 1=informant, Peserta 2=informant, Peserta 3=informant",
    ]
    assert run_cli("validate", cwd=into).exit_code == 0


def test_a_foreign_speakers_folder_stays_codes(project: Path, tmp_path: Path) -> None:
    """Another tool's own folder named Speakers (other GUIDs) is a folder of codes."""
    export(project, tmp_path / "a.qdpx")
    group = stable_guid("speaker", "group")

    def foreign(qde: str) -> str:
        qde = re.sub(r'origin="[^"]*"', 'origin="NVivo 15"', qde)
        return qde.replace(group, "AAAAAAAA-1111-4111-8111-AAAAAAAAAAAA")

    into = tmp_path / "nvivo"
    path = _rewrite(tmp_path / "a.qdpx", tmp_path / "nvivo.qdpx", foreign)
    result = run_cli("import", "qdpx", str(path), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    codebook = yaml.safe_load(next((into / "codebooks").glob("*.yaml")).read_text("utf-8"))
    folder = next(c for c in codebook["codes"] if c["label"] == {"en": "Speakers"})
    children = [c["label"]["en"] for c in codebook["codes"] if c.get("parent") == folder["id"]]
    assert children == [
        "I (informant)", "Peserta 1 (informant)", "Peserta 2 (informant)", "Peserta 3 (informant)",
    ]  # fmt: skip
    excerpts = [e for c in (into / "cases").glob("*.yaml")
                for e in yaml.safe_load(c.read_text("utf-8")).get("excerpts") or []]  # fmt: skip
    assert not any("speaker" in e for e in excerpts)
    ids = {c["id"] for c in codebook["codes"] if c.get("parent") == folder["id"]}
    assert sum(1 for e in excerpts for code in e["codes"] if code in ids) == 6


def test_onto_excerpts_leaves_speaker_codings_out_of_coder_files(
    project: Path, tmp_path: Path
) -> None:
    export(project, tmp_path / "a.qdpx")
    dewi = "DE000000-0000-4000-8000-000000000001"

    def coded_by_dewi(qde: str) -> str:
        qde = qde.replace("<Users>", f'<Users><User guid="{dewi}" name="Dewi"/>', 1)
        if "<Users>" not in qde:
            qde = qde.replace("<CodeBook>", f'<Users><User guid="{dewi}" name="Dewi"/></Users>'
                              "<CodeBook>", 1)  # fmt: skip
        return re.sub(r'(<Coding guid="[^"]+" creationDateTime="[^"]+")|(<Coding guid="[^"]+")',
                      lambda m: m.group(0) + f' creatingUser="{dewi}"', qde)  # fmt: skip

    path = _rewrite(tmp_path / "a.qdpx", tmp_path / "dewi.qdpx", coded_by_dewi)
    result = run_cli("import", "qdpx", str(path), "--into", str(project), "--onto-excerpts",
                     "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "6 speaker codings (who speaks is the project's, not a coder's)" in result.stderr


# -- pseudonymise ------------------------------------------------------------------------------


def test_pseudonymise_replaces_speaker_labels(project: Path, tmp_path: Path) -> None:
    path = project / "cases" / "kediri.yaml"
    text = path.read_text("utf-8")
    # a label that is a person's name, left in by mistake
    text = text.replace("Peserta 2", "Sari Dewi")
    path.write_text(text, "utf-8")
    frozen = project / "texts" / "kediri" / "fgd-01.txt"
    frozen.write_text(frozen.read_text("utf-8").replace("Peserta 2", "Sari Dewi"), "utf-8")
    assert run_cli("validate", "--strict", cwd=project).exit_code == 0
    out = tmp_path / "p.json"
    result = run_cli("export", "json", "-o", str(out), "--pseudonymise", "--project", str(project))
    assert result.exit_code == 0, result.stderr
    dumped = out.read_text("utf-8")
    assert "Sari" not in dumped and "Peserta" not in dumped
    excerpts = [e for c in json.loads(dumped)["cases"] if c["case"]["id"] == "kediri"
                for e in c["excerpts"]]  # fmt: skip
    assert [(e["speaker"], e["locator"]) for e in excerpts] == [
        ("Informant 2", "turn 2, Informant 2"),  # Informant 1 is the example case's
        ("Informant 2", "turn 4, Informant 2"),
        ("Informant 2", "turn 6, Informant 2"),
        ("Informant 3, speaker 1", "turn 2, Informant 3, speaker 1, 00:00:06.000"),
        ("Informant 3, speaker 2", "turn 3, Informant 3, speaker 2, 00:00:15.500"),
        ("Informant 3, speaker 3", "turn 5, Informant 3, speaker 3, 00:00:24.500"),
    ]


def test_pseudonymise_names_the_interviewer_so(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    result = run_cli("import", "transcript", str(DATA / "wawancara-kabid.txt"), "--case", "kediri",
                     "--case-name", "Kota Kediri", "--speakers", "P=interviewer,I=informant",
                     "--include-interviewer", "--replace", "Budi Santoso=Informan 1",
                     "--replace", "Budi=Informan 1", "--project", str(root))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "p.json"
    assert run_cli("export", "json", "-o", str(out), "--pseudonymise", "--project",
                   str(root)).exit_code == 0  # fmt: skip
    cases = json.loads(out.read_text("utf-8"))["cases"]
    excerpts = next(c["excerpts"] for c in cases if c["case"]["id"] == "kediri")
    assert [(e["speaker"], e["locator"]) for e in excerpts] == [
        ("Interviewer", "turn 1, Interviewer"),
        ("Informant 2", "turn 2, Informant 2"),
        ("Interviewer", "turn 3, Interviewer"),
        ("Informant 2", "turn 4, Informant 2"),
        ("Interviewer", "turn 5, Interviewer"),
        ("Informant 2", "turn 6, Informant 2"),
    ]


def test_a_speaker_code_without_a_usable_name_is_listed_not_written(
    project: Path, tmp_path: Path
) -> None:
    export(project, tmp_path / "a.qdpx")

    def nameless(qde: str) -> str:
        return qde.replace('name="Peserta 2 (informant)"', 'name=" "').replace(
            'name="Peserta 3 (informant)"', 'name="Peserta&#x9B; 3"'
        )

    path = _rewrite(tmp_path / "a.qdpx", tmp_path / "odd.qdpx", nameless)
    into = tmp_path / "odd"
    result = run_cli("import", "qdpx", str(path), "--into", str(into))
    assert result.exit_code == 0, result.stderr
    assert "      2  speaker coding whose code has no usable label" in result.stderr
    assert [v for v in speakers(into).values() if v and v.startswith("Peserta")] == ["Peserta 1"]
    assert problems(into) == []
