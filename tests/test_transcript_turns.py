"""Turn detection, canonical text, readers' limits: the rules of docs/transcripts.md."""

from __future__ import annotations

import io
import zipfile

import pytest

from egovcode.interchange.transcript.canon import Replacement, canonical, replace_names
from egovcode.interchange.transcript.captions import read_srt, read_vtt
from egovcode.interchange.transcript.errors import TranscriptError, UnmappedLabelsError
from egovcode.interchange.transcript.header import parse_date
from egovcode.interchange.transcript.office import read_docx, read_odt
from egovcode.interchange.transcript.turns import Transcript, detect
from egovcode.load.limits import Limits

PI = {"P": "interviewer", "I": "informant"}


def units(found: Transcript) -> list[tuple[str | None, str]]:
    return [(t.label, found.text[s:e]) for t in found.turns for s, e in t.units]


def test_markers_that_start_a_turn() -> None:
    text = canonical(
        "P: satu\n"
        "**I:** dua\n"
        "[P] tiga\n"
        "[00:01:02] I: empat\n"
        "00:03:40.5I: lima\n"
        "#00:04:00-1# P: enam\n"
        "(00:05:00) I: tujuh\n"
    )
    found = detect(text, speakers=PI)
    assert units(found) == [
        ("P", "satu"),
        ("I", "dua"),
        ("P", "tiga"),
        ("I", "empat"),
        ("I", "lima"),
        ("P", "enam"),
        ("I", "tujuh"),
    ]
    assert [t.stamp for t in found.turns][3:] == [
        "00:01:02",
        "00:03:40.5",
        "00:04:00-1",
        "00:05:00",
    ]


def test_what_never_starts_a_turn() -> None:
    text = canonical(
        "P: Kapan rapatnya?\n"
        "I: Setiap Senin.\n"
        "10:30 tepat, di ruang rapat.\n"
        "https://pecut.kedirikota.go.id: portalnya.\n"
        "Jadi begini: kami mulai dari nol.\n"
        "Kata beliau, catatan: jangan lupa.\n"
        "[tertawa] iya betul.\n"
        "[inaudible]\n"
        "   I: indented is text too\n"
        "Satu dua tiga empat lima: terlalu panjang.\n"
        "\n"
        "P: Lalu?\n"
        "I: Selesai.\n"
    )
    found = detect(text, speakers=PI)
    assert units(found) == [
        ("P", "Kapan rapatnya?"),
        ("I", text[text.index("Setiap") : text.index("\n\nP: Lalu")]),
        ("P", "Lalu?"),
        ("I", "Selesai."),
    ]


def test_a_once_used_label_is_text_unless_mapped() -> None:
    text = canonical("P: a?\nI: b.\nModerator: c.\nP: d?\nI: e.\n")
    assert [t.label for t in detect(text, speakers=PI).turns] == ["P", "I", "P", "I"]
    speakers = {**PI, "Moderator": "interviewer"}
    assert [t.label for t in detect(text, speakers=speakers).turns] == [
        "P",
        "I",
        "Moderator",
        "P",
        "I",
    ]


def test_unmapped_labels_are_reported_with_count_line_and_example() -> None:
    text = canonical("Tanggal: 2024-03-01\n\nP: a?\nI: jawaban pertama\nP: b?\nI: c\nI: d\n")
    with pytest.raises(UnmappedLabelsError) as caught:
        detect(text, speakers={"P": "interviewer"}, name="w.txt")
    [use] = caught.value.labels
    assert (use.label, use.count, use.line, use.example) == ("I", 3, 4, "jawaban pertama")


def test_header_fields_before_the_first_turn() -> None:
    text = canonical(
        "TRANSKRIP\nTanggal: 1 Maret 2024\nPewawancara: Peneliti A\nLokasi: Kediri\n"
        "\nP: a?\nI: b.\nP: c?\nI: d.\n"
    )
    found = detect(text, speakers=PI)
    assert found.header == {
        "date": ("1 Maret 2024", 2),
        "interviewer": ("Peneliti A", 3),
        "location": ("Kediri", 4),
    }
    # a header key that recurs is a speaker, not a header field
    text = canonical("Pewawancara: Selamat pagi.\nInforman: Pagi.\nPewawancara: Apa kabar?\n")
    speakers = {"Pewawancara": "interviewer", "Informan": "informant"}
    found = detect(text, speakers=speakers)
    assert found.header == {}
    assert [t.label for t in found.turns] == ["Pewawancara", "Informan", "Pewawancara"]


def test_no_turns_is_an_error_unless_unit_paragraph() -> None:
    text = canonical("Judul\n\nParagraf satu.\n\nParagraf dua.\n")
    with pytest.raises(TranscriptError, match="no speaker turns found"):
        detect(text)
    found = detect(text, unit="paragraph")
    assert units(found) == [(None, "Judul"), (None, "Paragraf satu."), (None, "Paragraf dua.")]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-01", "2024-03-01"),
        ("1 Maret 2024", "2024-03-01"),
        ("Senin, 4 Maret 2024", "2024-03-04"),
        ("March 1, 2024", "2024-03-01"),
        ("01/03/2024", "2024-03-01"),
        ("Agustus 2023", "2023-08"),
        ("2023", "2023"),
        ("kemarin", None),
        ("31 Foo 2024", None),
        ("2024-13-01", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_canonical_text() -> None:
    raw = "\ufeffa\r\nb\rc  \t\n\n\n\nd\u0065\u0301\x07\u2028e"
    assert canonical(raw) == "a\nb\nc\n\nd\u00e9\ne\n"


def test_replace_names_whole_words_longest_first() -> None:
    reps = [Replacement.parse("Budi=Informan 2"), Replacement.parse("Budi Santoso=Informan 1")]
    text, counts = replace_names("Budi Santoso, Budi, Budiman, Pak Budi.", reps)
    assert text == "Informan 1, Informan 2, Budiman, Pak Informan 2."
    assert counts == {"Budi Santoso": 1, "Budi": 2}
    with pytest.raises(TranscriptError, match="NAME=PSEUDONYM"):
        Replacement.parse("Budi")


def test_vtt_voices_merge_and_markup_goes() -> None:
    vtt = (
        "WEBVTT\n\nNOTE x\n\n00:01.000 --> 00:02.000\n<v.loud Ana>Halo <b>semua</b>\n\n"
        "00:02.500 --> 00:03.000\n<v Ana>lanjut</v>\n\n"
        "00:03.000 --> 00:04.000\n<v Bo>ya &lt;3</v>\n<v Ana>oke\n"
    )
    doc = read_vtt(vtt, "x.vtt")
    assert (
        doc.text
        == "[00:01.000] Ana: Halo semua\nlanjut\n\n[00:03.000] Bo: ya <3\n\n[00:03.000] Ana: oke\n"
    )
    assert doc.labels == {"Ana", "Bo"}
    with pytest.raises(TranscriptError, match="does not start with WEBVTT"):
        read_vtt("1\n00:00:01,000 --> 00:00:02,000\nx\n", "x.vtt")


def test_srt_cues() -> None:
    srt = (
        "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>P: Halo</i>\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:04,000\r\nI: Hai\r\n"
    )
    assert read_srt(srt).text == "[00:00:01,000] P: Halo\n\n[00:00:03,000] I: Hai\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_office_files_are_read_safely() -> None:
    limits = Limits()
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaa">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(TranscriptError, match="forbidden XML feature"):
        read_docx(_zip({"word/document.xml": entity}), "e.docx", limits)
    with pytest.raises(TranscriptError, match=r"has no word/document\.xml"):
        read_docx(_zip({"content.xml": b"<x/>"}), "odt-in-disguise.docx", limits)
    with pytest.raises(TranscriptError, match="is not well-formed XML"):
        read_odt(_zip({"content.xml": b"<office:document-content"}), "broken.odt", limits)
    big = _zip({"content.xml": b"<a>" + b" " * 5000 + b"</a>"})
    with pytest.raises(TranscriptError, match="unpacked; the limit is 1,000"):
        read_odt(big, "big.odt", Limits(max_bytes=1000))
    many = _zip({f"m{i}": b"" for i in range(10_001)})
    with pytest.raises(TranscriptError, match="holds 10,001 files"):
        read_docx(many, "many.docx", limits)
