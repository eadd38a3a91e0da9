"""`egovcode init --force` rewrites the settings only: edited data and removed examples stay so."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_init_force_keeps_an_edited_codebook_and_never_brings_back_the_example(
    tmp_path: Path,
) -> None:
    study = tmp_path / "study"
    assert run_cli("init", str(study)).exit_code == 0
    codebook = study / "codebooks" / "indrajit.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    (study / "cases" / "example.yaml").rename(study / "cases" / "tirtanagara.yaml")
    again = run_cli("init", str(study), "--title", "Kajian baru", "--force")
    assert again.exit_code == 0, again.stderr
    names = ("config", "codebook", "case", "coder")
    written = [study / "egovcode.yaml", *(study / ".egovcode/schemas" / f"{n}.json" for n in names)]
    assert again.stdout == "".join(f"wrote {path}\n" for path in written)
    assert codebook.read_text(encoding="utf-8").endswith("# my edit\n")
    assert sorted(p.name for p in (study / "cases").iterdir()) == ["tirtanagara.yaml"]
    assert "Kajian baru" in (study / "egovcode.yaml").read_text(encoding="utf-8")


def test_init_force_in_a_project_without_cases_writes_the_example(tmp_path: Path) -> None:
    study = tmp_path / "study"
    study.mkdir()
    (study / "egovcode.yaml").write_text("title: {en: Old}\n", encoding="utf-8")
    result = run_cli("init", str(study), "--force")
    assert result.exit_code == 0
    assert (study / "cases" / "example.yaml").is_file()
    assert (study / "codebooks" / "indrajit.yaml").is_file()
