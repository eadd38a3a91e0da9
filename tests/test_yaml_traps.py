"""YAML that reads without an error but loses words: a comment (EGC223) or an unused anchor
(EGC222) cutting a text short is a warning, with the quoted form to type."""

from __future__ import annotations

from pathlib import Path

from tests.analysis_project import CODEBOOK
from tests.conftest import run_cli, write_tree

HEAD = """\
case: {id: alpha, name: Kota Alpha, type: kota}
sources:
  - {id: doc-1, kind: document, citation: Laporan Fauzi & Hakim (2024).}  # fine
excerpts:
"""


def _warnings(tmp_path: Path, excerpts: str, coder: str | None = None) -> list[str]:
    files: dict[str, object] = {
        "egovcode.yaml": "codebook: codebooks/mini7.yaml\n",
        "codebooks/mini7.yaml": CODEBOOK,
        "cases/alpha.yaml": HEAD + excerpts,
    }
    if coder is not None:
        files["codings/ana/alpha.yaml"] = coder
    result = run_cli("validate", "-p", str(write_tree(tmp_path, files)), "--format", "parsable")
    assert result.exit_code == 0, result.stdout
    return [line for line in result.stdout.splitlines() if "EGC222" in line or "EGC223" in line]


def test_a_comment_that_cuts_a_text_short(tmp_path: Path) -> None:
    excerpts = """\
  - id: a-001
    source: doc-1
    text: Kami pakai #aplikasi lama # sistem lama
    translations:
      en: We use the old # app
    memo: cek lagi  # a note on a memo is text too
    valence: supporting  # a comment after a value that is not prose is fine
    codes: [APP]  # so is this
  - id: a-002
    source: doc-1
    text: 'Kami pakai # sistem lama'  # quoted: the # is text, and this is a comment
"""
    assert _warnings(tmp_path, excerpts) == [
        "cases/alpha.yaml:7:22: [warning] the text of `text` ends before '#aplikasi lama # sistem "
        "lama': YAML reads a space and # as the start of a comment, so the text is 'Kami pakai' "
        "(EGC223)",
        "cases/alpha.yaml:9:26: [warning] the text of `en` ends before '# app': YAML reads a space "
        "and # as the start of a comment, so the text is 'We use the old' (EGC223)",
        "cases/alpha.yaml:10:21: [warning] the text of `memo` ends before '# a note on a memo is "
        "text too': YAML reads a space and # as the start of a comment, so the text is 'cek "
        "lagi' (EGC223)",
    ]
    text = run_cli("validate", "-p", str(tmp_path)).stdout
    assert "put the whole text in quotes: 'Kami pakai #aplikasi lama # sistem lama'" in text


def test_an_unused_anchor_that_takes_words_off(tmp_path: Path) -> None:
    excerpts = """\
  - id: a-001
    source: doc-1
    text: &kami mulai tahun 2021
    codes: [APP]
  - id: a-002
    source: doc-1
    text: Dua & tiga, &nbsp; bukan anchor
    codes: &used [REG]
  - id: a-003
    source: doc-1
    text: ok
    codes: *used
"""
    coder = "coder: ana\ncase: alpha\ncodings:\n  a-001: {codes: &x [APP]}\n"
    assert _warnings(tmp_path, excerpts, coder) == [
        "cases/alpha.yaml:7:11: [warning] `&kami` is an anchor that nothing refers to: YAML takes "
        "it off the value, so the value reads 'mulai tahun 2021' (EGC222)",
        "codings/ana/alpha.yaml:4:18: [warning] `&x` is an anchor that nothing refers to: YAML "
        "takes it off the value, so the anchor is not part of the value (EGC222)",
    ]
    text = run_cli("validate", "-p", str(tmp_path)).stdout
    assert "put the whole value in quotes: '&kami mulai tahun 2021'" in text


def test_the_bundled_project_has_no_traps() -> None:
    from tests.conftest import REPO

    out = run_cli("validate", "-p", str(REPO), "--format", "parsable").stdout
    assert "EGC222" not in out and "EGC223" not in out
