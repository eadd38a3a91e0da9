"""`egovcode import transcript`: every format, into a project that validates afterwards."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from egovcode.check.validate import validate_project
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import parse
from tests.conftest import run_cli
from tests.office_fixtures import DOCX_INTERVIEW, make_docx, make_odt

DATA = Path(__file__).parent / "data" / "transcripts"
TXT_SPEAKERS = "P=interviewer,I=informant"
TXT_NAMES = ("--replace", "Budi Santoso=Informan 1", "--replace", "Budi=Informan 1")
VTT_SPEAKERS = "Moderator=interviewer,Peserta 1=informant,Peserta 2=informant,Peserta 3=informant"
OFFICE_SPEAKERS = "Peneliti=interviewer,Narasumber=informant"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    return root


def imp(root: Path, *args: str) -> Any:
    return run_cli("import", "transcript", *args, "--project", str(root))


def case_data(root: Path, case: str) -> dict[str, Any]:
    data: dict[str, Any] = parse((root / "cases" / f"{case}.yaml").read_text("utf-8"), Limits())
    return data


def excerpts_of(root: Path, case: str, source: str) -> list[dict[str, Any]]:
    return [e for e in case_data(root, case)["excerpts"] if e["source"] == source]


def frozen(root: Path, case: str, source: str) -> str:
    raw = (root / "texts" / case / f"{source}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text) and text.endswith("\n")
    return text


def assert_anchored(root: Path, case: str, source: str, labels: tuple[str, ...]) -> list[str]:
    """Every excerpt equals file[span] and holds no label or timestamp; returns the texts."""
    text = frozen(root, case, source)
    out = []
    for e in excerpts_of(root, case, source):
        start, end = e["span"]
        assert e["text"] == text[start:end], e["id"]
        assert e["codes"] == []
        assert e["text"] == e["text"].strip()
        assert not e["text"].startswith(tuple(f"{label}:" for label in labels)), e["text"]
        assert "-->" not in e["text"] and "[00:" not in e["text"]
        out.append(e["text"])
    return out


def assert_validates(root: Path) -> None:
    _, report = validate_project(root)
    assert report.errors == 0, [d.message for d in report.diagnostics if d.severity == "error"]


def copy(name: str, where: Path) -> Path:
    target = where / name
    shutil.copyfile(DATA / name, target)
    return target


# -- plain text ---------------------------------------------------------------------------------


def test_txt_with_bom_and_crlf(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "Kota Kediri",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
    )
    assert result.exit_code == 0, result.stderr
    assert "egovcode: wrote texts/kediri/wawancara-kabid.txt\n" in result.stderr
    assert (project / "texts" / ".gitattributes").read_text("utf-8").endswith("\n* -text\n")
    assert result.stderr.endswith("egovcode: the project validates.\n")
    texts = assert_anchored(project, "kediri", "wawancara-kabid", ("P", "I"))
    assert texts == [
        "Kami menyatukan semua layanan dalam satu portal, namanya Pecut.\n"
        "Itu keputusan Wali Kota sejak 2019: semua dinas masuk ke satu pintu.",
        "Tim kecil di Diskominfo, lima orang. Rapat rutin setiap Senin pukul 10:30.\n"
        "Dokumentasi ada di https://pecut.kedirikota.go.id untuk umum.\n\n"
        "Catatan: server kami masih menumpang di pusat data provinsi.",
        "Anggaran. Pak Informan 1 sendiri yang mengusulkan tambahan ke DPRD, tapi belum disetujui.",
    ]
    [source] = case_data(project, "kediri")["sources"]
    assert source == {
        "id": "wawancara-kabid",
        "kind": "interview",
        "citation": "Interview with Kepala Bidang Aplikasi, 2024-03-01",
        "informant_role": "Kepala Bidang Aplikasi",
        "date": "2024-03-01",
        "file": "texts/kediri/wawancara-kabid.txt",
        "attributes": {
            "informant": "Informan 1",
            "interviewer": "Peneliti A",
            "location": "Kantor Diskominfo Kota Kediri",
            "mode": "tatap muka",
            "speakers": "I=informant, P=interviewer",
        },
    }
    # no name reaches the project; the original (which holds it) is not copied
    for path in (project / "texts").rglob("*"):
        assert path.is_dir() or "Budi" not in path.read_text("utf-8")
    assert "Budi" not in (project / "cases" / "kediri.yaml").read_text("utf-8")
    assert "the original is not copied" in result.stderr or "original" not in source
    assert_validates(project)


def test_header_naming_the_informant_stops_the_import(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project, str(src), "--case", "kediri", "--case-name", "K", "--speakers", TXT_SPEAKERS
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "egovcode: error: wawancara-kabid.txt, line 4: the header names the informant as "
        "'Budi Santoso'. No name may reach the project: replace it, e.g. "
        '--replace "Budi Santoso=Informan 1".\n'
    )
    assert not (project / "texts").exists()
    assert not (project / "cases" / "kediri.yaml").exists()


def test_reimport_is_a_no_op_and_a_changed_text_needs_force(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    args = (
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
    )
    assert imp(project, *args).exit_code == 0
    case_file = project / "cases" / "kediri.yaml"
    before = case_file.read_bytes()
    again = imp(project, *args)
    assert again.exit_code == 0
    assert "already imported, unchanged; 6 turn(s), 0 new excerpt(s)" in again.stderr
    assert case_file.read_bytes() == before

    src.write_bytes(src.read_bytes() + b"P: Terima kasih.\r\nI: Sama-sama.\r\n")
    refused = imp(project, *args)
    assert refused.exit_code == 1
    assert "texts/kediri/wawancara-kabid.txt differs from wawancara-kabid.txt" in refused.stderr
    assert "--force" in refused.stderr
    assert case_file.read_bytes() == before

    forced = imp(project, *args, "--force")
    assert forced.exit_code == 0, forced.stderr
    texts = assert_anchored(project, "kediri", "wawancara-kabid", ("P", "I"))
    assert texts[-1] == "Sama-sama."
    assert [e["id"] for e in excerpts_of(project, "kediri", "wawancara-kabid")] == [
        f"wawancara-kabid-00{n}" for n in range(1, 5)
    ]
    assert_validates(project)


def test_unmapped_labels_are_listed_and_nothing_is_written(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        "P=interviewer",
        *TXT_NAMES,
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "egovcode: error: wawancara-kabid.txt: speaker label(s) not mapped to a role: I."
    )
    assert "| I | 3 | 10 | Kami menyatukan semua layanan dalam satu portal, namanya Pe… |" in (
        result.stderr
    )
    assert not (project / "texts").exists()


def test_unit_paragraph_and_include_interviewer(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
        "--unit",
        "paragraph",
        "--include-interviewer",
    )
    assert result.exit_code == 0, result.stderr
    texts = assert_anchored(project, "kediri", "wawancara-kabid", ("P", "I"))
    assert len(texts) == 7
    assert (
        texts[0] == "Selamat pagi, Pak Informan 1. Bagaimana layanan digital dikembangkan di sini?"
    )
    assert texts[3].startswith("Tim kecil") and texts[3].endswith("untuk umum.")
    assert texts[4] == "Catatan: server kami masih menumpang di pusat data provinsi."
    locators = [e["locator"] for e in excerpts_of(project, "kediri", "wawancara-kabid")]
    assert locators[3:5] == [
        "turn 4, I (informant), paragraph 1",
        "turn 4, I (informant), paragraph 2",
    ]


def test_dry_run_prints_the_turn_table_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
        "--dry-run",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["dry_run"] is True and data["written"] == []
    [source] = data["sources"]
    assert [(t["label"], t["role"], t["excerpt"]) for t in source["turns"]] == [
        ("P", "interviewer", False),
        ("I", "informant", True),
        ("P", "interviewer", False),
        ("I", "informant", True),
        ("P", "interviewer", False),
        ("I", "informant", True),
    ]
    assert source["replaced"] == {"Budi Santoso": 2, "Budi": 1}
    assert not (project / "texts").exists() and not (project / "cases" / "kediri.yaml").exists()
    table = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
        "--dry-run",
        "--format",
        "csv",
    )
    assert table.stdout.splitlines()[:3] == [
        "turn,line,label,role,time,excerpts,text",
        '1,9,P,interviewer,,,"Selamat pagi, Pak Informan 1. Bagaimana layanan digital dik…"',
        '2,10,I,informant,,wawancara-kabid-001,"Kami menyatukan semua layanan dalam satu portal, '
        'namanya Pe…"',
    ]


def test_encoding_errors_are_clear(project: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("P: Apa kabar?\nI: Baik, terima kasih. Kafé.\n".encode("latin-1"))
    args = ("--case", "kediri", "--case-name", "K", "--speakers", TXT_SPEAKERS)
    result = imp(project, str(latin), *args)
    assert result.exit_code == 1
    assert result.stderr == (
        "egovcode: error: latin.txt is not UTF-8: byte 0xE9 at line 2. If it was saved in "
        "another encoding, name it, e.g. --encoding cp1252 (Windows) or --encoding latin-1; or "
        "re-save it as UTF-8.\n"
    )
    assert imp(project, str(latin), *args, "--encoding", "latin-1").exit_code == 0
    assert excerpts_of(project, "kediri", "latin")[0]["text"] == "Baik, terima kasih. Kafé."
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("P: a\nI: b\n".encode("utf-16"))
    assert "import it with --encoding utf-16" in imp(project, str(utf16), *args).stderr
    bogus = imp(project, str(latin), *args, "--encoding", "klingon")
    assert bogus.stderr == "egovcode: error: --encoding 'klingon' is not a known text encoding.\n"


def test_importing_into_an_existing_case_keeps_its_comments(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    case_file = project / "cases" / "example.yaml"
    before = case_file.read_text("utf-8")
    result = imp(
        project,
        str(src),
        "--case",
        "example",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
        "--source",
        "int-02",
        "--informant-role",
        "Kepala Seksi",
        "--date",
        "2024-03",
        "--citation",
        "Wawancara Kepala Seksi, Maret 2024",
    )
    assert result.exit_code == 0, result.stderr
    after = case_file.read_text("utf-8")
    assert after.startswith(before.split("excerpts:")[0])  # everything up to the excerpts kept
    assert "# One case per file. Informants are named by role, never by name." in after
    assert "    valence: supporting      # supporting | inhibiting | neutral" in after
    sources = case_data(project, "example")["sources"]
    assert [s["id"] for s in sources] == ["int-01", "int-02"]
    assert sources[1]["informant_role"] == "Kepala Seksi" and sources[1]["date"] == "2024-03"
    assert sources[1]["citation"] == "Wawancara Kepala Seksi, Maret 2024"
    assert_anchored(project, "example", "int-02", ("P", "I"))
    assert_validates(project)


def test_changing_one_byte_of_a_text_fails_validate(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-kabid.txt", tmp_path)
    assert imp(project, str(src), "--case", "kediri", "--case-name", "K", "--speakers",
               TXT_SPEAKERS, *TXT_NAMES).exit_code == 0  # fmt: skip
    path = project / "texts" / "kediri" / "wawancara-kabid.txt"
    path.write_bytes(path.read_bytes().replace(b"Pecut", b"Pecot"))
    result = run_cli("validate", "--project", str(project), "--format", "parsable")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "[error]" in line]
    assert len(errors) == 1
    assert errors == [
        "cases/kediri.yaml:16:11: [error] excerpt 'wawancara-kabid-001': text differs from "
        "texts/kediri/wawancara-kabid.txt[260:392] at line 10, column 64: the file reads "
        "'…amanya Pecot.⏎Itu keputusan Wa…' where the excerpt has "
        "'…amanya Pecut.⏎Itu keputusan Wa…' (EGC709)"
    ]


# -- captions -----------------------------------------------------------------------------------


def test_vtt_focus_group_with_voices(project: Path, tmp_path: Path) -> None:
    src = copy("fgd-warga.vtt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        VTT_SPEAKERS,
        "--source",
        "fgd-01",
        "--kind",
        "observation",
    )
    assert result.exit_code == 0, result.stderr
    labels = ("Moderator", "Peserta 1", "Peserta 2", "Peserta 3")
    texts = assert_anchored(project, "kediri", "fgd-01", labels)
    assert texts == [
        "Saya bisa mengurus akta kelahiran tanpa antre & tanpa calo.\nCukup dari rumah, lewat HP.",
        "Kalau saya, sinyal di desa masih lemah.",
        "Petugasnya ramah, tapi situsnya sering down jam 10:30.",
    ]
    text = frozen(project, "kediri", "fgd-01")
    assert text.startswith("[00:00:01.000] Moderator: Terima kasih sudah hadir.")
    assert "[00:00:24.500] Peserta 3: " in text  # timestamps stay in the text
    [source] = case_data(project, "kediri")["sources"]
    assert source["original"] == "texts/kediri/fgd-01.vtt"
    assert (project / source["original"]).read_bytes() == src.read_bytes()
    excerpts = excerpts_of(project, "kediri", "fgd-01")
    assert excerpts[0]["locator"] == "turn 2, Peserta 1 (informant), 00:00:06.000"
    assert [e["speaker"] for e in excerpts] == ["Peserta 1", "Peserta 2", "Peserta 3"]
    assert list(excerpts[0]) == ["id", "source", "span", "locator", "speaker", "text", "codes"]
    assert_validates(project)


def test_srt_timestamps_cut_a_turn(project: Path, tmp_path: Path) -> None:
    src = copy("wawancara-pengaduan.srt", tmp_path)
    result = imp(
        project, str(src), "--case", "kediri", "--case-name", "K", "--speakers", TXT_SPEAKERS
    )
    assert result.exit_code == 0, result.stderr
    texts = assert_anchored(project, "kediri", "wawancara-pengaduan", ("P", "I"))
    assert texts == [
        "Lewat kanal pengaduan di portal.\nSemua aduan dijawab dalam tiga hari.",
        "Sejak 2021.",
        "Itu diatur dalam peraturan wali kota.",
    ]
    excerpts = excerpts_of(project, "kediri", "wawancara-pengaduan")
    assert {e["speaker"] for e in excerpts} == {"I"}  # one speaker, whatever the parts
    locators = [e["locator"] for e in excerpts]
    assert locators[1:] == [
        "turn 4, I (informant), 00:00:12,500, part 1",
        "turn 4, I (informant), 00:00:12,500, part 2",
    ]
    assert_validates(project)


# -- Markdown and office files ------------------------------------------------------------------


def test_markdown_with_bold_labels(project: Path, tmp_path: Path) -> None:
    src = copy("interview-sekdis.md", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        "Q=interviewer,A=informant",
    )
    assert result.exit_code == 0, result.stderr
    texts = assert_anchored(project, "kediri", "interview-sekdis", ("Q", "A", "**Q", "**A"))
    assert texts == [
        "It went from 2.1 to 3.6 in two years.\nWe wrote the SOPs first.",
        "Because the auditors asked for them — see https://spbe.go.id: the guide.\n"
        "[tertawa] Really, it was that simple.",
    ]
    [source] = case_data(project, "kediri")["sources"]
    assert (source["date"], source["informant_role"]) == ("2024-05-14", "Sekretaris Dinas")
    assert source["attributes"]["interviewer"] == "Peneliti B"
    assert "original" not in source  # the file was canonical already: the text is the original


OFFICE_TEXTS = [
    "Antrean sekarang jauh lebih pendek.\nKami pakai nomor\tdaring.",
    "Integrasi data kependudukan masih manual.",
    "Menyambung ke SPLP nasional.",
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("written.docx", lambda: make_docx(DOCX_INTERVIEW)),
        ("written.odt", lambda: make_odt(DOCX_INTERVIEW)),
        ("libreoffice.docx", lambda: (DATA / "wawancara-kasi.docx").read_bytes()),
        ("libreoffice.odt", lambda: (DATA / "wawancara-kasi.odt").read_bytes()),
    ],
)
def test_office_documents(project: Path, tmp_path: Path, name: str, content: Any) -> None:
    src = tmp_path / name
    src.write_bytes(content())
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "K",
        "--speakers",
        OFFICE_SPEAKERS,
        "--source",
        "kasi",
    )
    assert result.exit_code == 0, result.stderr
    texts = assert_anchored(project, "kediri", "kasi", ("Peneliti", "Narasumber"))
    assert texts == OFFICE_TEXTS
    [source] = case_data(project, "kediri")["sources"]
    assert (source["date"], source["informant_role"]) == ("2024-04-03", "Kepala Seksi Layanan")
    assert source["original"] == f"texts/kediri/kasi{src.suffix}"
    assert (project / source["original"]).read_bytes() == src.read_bytes()
    assert_validates(project)


def test_not_a_document(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "fake.docx"
    bad.write_bytes(b"P: just text\n")
    result = imp(project, str(bad), "--case", "kediri", "--case-name", "K")
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: fake.docx is not a readable zip file")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert "convert a PDF to .txt first" in imp(project, str(pdf), "--case", "kediri").stderr


def test_docs_show_real_output(project: Path, tmp_path: Path) -> None:
    """docs/transcripts.md shows the case file and messages this import really gives."""
    page = (Path(__file__).parents[1] / "docs" / "transcripts.md").read_text("utf-8")
    src = copy("wawancara-kabid.txt", tmp_path)
    result = imp(
        project,
        str(src),
        "--case",
        "kediri",
        "--case-name",
        "Kota Kediri",
        "--speakers",
        TXT_SPEAKERS,
        *TXT_NAMES,
    )
    assert result.exit_code == 0
    assert result.stderr in page
    assert (project / "cases" / "kediri.yaml").read_text("utf-8") in page
    text = frozen(project, "kediri", "wawancara-kabid")
    assert "\n".join(text.splitlines()[:11]) in page
