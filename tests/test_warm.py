"""The project's warm-run entry and the lean models: the same results, whatever the cache holds.

A warm run of an unchanged project takes every validated file and the checks' diagnostics from
the last run's entry; these tests show it gives what a run without the cache gives (models with
the same fields set, every diagnostic, every command's output byte for byte on a generated
2,000-excerpt project), that a one-byte change in any file the checks read is seen, and that a
damaged or foreign entry is never trusted.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from egovcode.check import validate as validate_module
from egovcode.check.validate import validate_project
from egovcode.load import warm as warm_module
from egovcode.load.cache import FOLDER
from egovcode.load.project import Project
from egovcode.model.case import CaseFile
from egovcode.model.coding import CodingFile
from egovcode.model.construct import Builder, dump
from tests.conftest import REPO, run_cli

CASES = Path(__file__).parent / "cases"
PROJECTS = sorted(p for p in CASES.glob("*/*") if p.is_dir())


@pytest.fixture
def cache_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("EGOVCODE_NO_CACHE", raising=False)
    yield


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the cross-file checks ran."""
    runs: list[int] = []
    real = validate_module.check_references

    def counting(project: Project) -> Any:
        runs.append(1)
        return real(project)

    monkeypatch.setattr(validate_module, "check_references", counting)
    return runs


@pytest.fixture
def models_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose model was decoded from the warm entry."""
    seen: list[str] = []
    real = warm_module.Stored.get

    def counting(self: warm_module.Stored) -> Any:
        seen.append(self.kind)
        return real(self)

    monkeypatch.setattr(warm_module.Stored, "get", counting)
    return seen


def _fields(model: Any) -> Any:
    """A model as nested data *with* the fields each model has set (what exclude_unset uses)."""
    if isinstance(model, BaseModel):
        return {
            "__type": type(model).__name__,
            "__set": sorted(model.model_fields_set),
            **{k: _fields(v) for k, v in model.__dict__.items()},
        }
    if isinstance(model, dict):
        return {k: _fields(v) for k, v in model.items()}
    if isinstance(model, list | tuple):
        return [type(model).__name__, *(_fields(v) for v in model)]
    return model


def _snapshot(root: Path) -> dict[str, Any]:
    project, report = validate_project(root)
    return {
        "report": report.to_dict(),
        "cases": [(c.source.display, c.kept, _fields(c.data)) for c in project.cases],
        "codings": [(c.source.display, c.folder, _fields(c.data)) for c in project.codings],
        "reads": project.reads,
    }


def _uncached(root: Path) -> dict[str, Any]:
    os.environ["EGOVCODE_NO_CACHE"] = "1"
    try:
        return _snapshot(root)
    finally:
        del os.environ["EGOVCODE_NO_CACHE"]


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".egovcode", "expected.txt"))
    return dest


@pytest.mark.parametrize("folder", PROJECTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_warm_entry_gives_what_an_uncached_run_gives(
    folder: Path, tmp_path: Path, cache_on: None, checks_run: list[int]
) -> None:
    root = _copy(folder, tmp_path / "p")
    fresh = _uncached(root)
    checks_run.clear()
    assert _snapshot(root) == fresh  # cold: writes the entry
    assert checks_run == [1]
    assert (root / FOLDER / "project.json").is_file()
    assert _snapshot(root) == fresh  # warm
    broken = any(d["code"] in {"EGC001", "EGC004"} for d in fresh["report"]["diagnostics"])
    if not broken:
        assert len(checks_run) in (1, 2)  # files that do not parse are parsed again each run


def test_builder_rebuilds_every_validated_file_exactly() -> None:
    files = [
        p for p in (*CASES.rglob("*.yaml"), *(REPO / "cases").glob("*.yaml")) if "cases" in p.parts
    ]
    coder_files = [p for p in (*CASES.rglob("*.yaml"), *(REPO / "codings").rglob("*.yaml"))]
    import yaml

    built = 0
    for path, model in [(p, CaseFile) for p in files] + [(p, CodingFile) for p in coder_files]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            valid = model.model_validate(data)
        except Exception:  # only files that validate are of interest here
            continue
        raw = json.loads(json.dumps(dump(valid), ensure_ascii=False))
        builder = Builder()
        again = builder.case_file(raw) if model is CaseFile else builder.coding_file(raw)
        assert _fields(again) == _fields(valid), path
        assert again == valid
        assert again.model_dump_json() == valid.model_dump_json()
        built += 1
    assert built >= 10


def test_the_builder_knows_every_nested_model() -> None:
    """A model field that holds models must be rebuilt by the Builder: adding one to a case or
    coder file means teaching ``egovcode.model.construct`` about it (this test names it)."""
    from egovcode.model.construct import _nested_fields

    assert _nested_fields(CaseFile) == {
        "CaseFile.case",
        "CaseFile.indices",
        "CaseFile.sources",
        "CaseFile.excerpts",
    }
    assert _nested_fields(CodingFile) == {
        "CodingFile.provenance",
        "CodingFile.codings",
        "CoderCoding.suggested",
    }


PROJECT = {
    "egovcode.yaml": "codebook: codebooks/cb.yaml\n",
    "codebooks/cb.yaml": (REPO / "codebooks" / "indrajit.yaml").read_text(encoding="utf-8"),
    "texts/kota/s1.txt": "Layanan daring sudah jalan. Jaringan lambat.\n",
    "originals/s1.docx": b"PK\x03\x04 not really a docx",
    "cases/kota.yaml": """\
        case: {id: kota, name: Kota Contoh, type: kota}
        sources:
          - {id: s1, kind: interview, citation: Wawancara 1., file: texts/kota/s1.txt,
             original: originals/s1.docx}
        excerpts:
          - id: e1
            source: s1
            span: [0, 27]
            text: Layanan daring sudah jalan.
            codes: [APP.PORTAL]
            valence: supporting
          - id: e2
            source: s1
            text: Jaringan lambat.
            codes: []
        """,
    "codings/ana/kota.yaml": """\
        coder: ana
        case: kota
        codings:
          e1: {codes: [APP.PORTAL], valence: supporting}
        """,
}


def _same_size_change(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes keeping the size and the modification time: only the content tells."""
    stat = path.stat()
    raw = path.read_bytes()
    assert old in raw and len(old) == len(new)
    path.write_bytes(raw.replace(old, new, 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("cases/kota.yaml", b"Layanan", b"Lbyanan"),  # now differs from its span
        ("codings/ana/kota.yaml", b"APP.PORTAL", b"APP.PORTAM"),
        ("codebooks/cb.yaml", b"PORTAL", b"PORTAM"),
        ("egovcode.yaml", b"cb.yaml", b"cb.yamm"),
        ("texts/kota/s1.txt", b"Layanan", b"Lbyanan"),  # a source text the span check reads
    ],
)
def test_a_one_byte_change_in_any_file_is_seen(
    tree: Any, cache_on: None, checks_run: list[int], name: str, old: bytes, new: bytes
) -> None:
    root = tree(PROJECT)
    _snapshot(root)
    checks_run.clear()
    before = _snapshot(root)
    assert checks_run == []  # warm: the checks' diagnostics come from the entry
    _same_size_change(root / name, old, new)
    after = _snapshot(root)
    assert checks_run == [1]
    assert after["report"] != before["report"]
    assert after == _uncached(root)
    checks_run.clear()
    assert _snapshot(root) == after  # and the new entry serves the next run
    assert checks_run == []


@pytest.mark.parametrize(
    "change",
    ["original deleted", "case added", "coder file deleted", "text deleted", "skipped case"],
)
def test_files_appearing_or_going_are_seen(
    tree: Any, cache_on: None, checks_run: list[int], change: str
) -> None:
    root = tree(PROJECT)
    _snapshot(root)
    before = _snapshot(root)
    checks_run.clear()
    if change == "original deleted":
        (root / "originals" / "s1.docx").unlink()
    elif change == "case added":
        (root / "cases" / "desa.yaml").write_text(
            "case: {id: desa, name: Desa, type: desa}\n", encoding="utf-8"
        )
    elif change == "coder file deleted":
        (root / "codings" / "ana" / "kota.yaml").unlink()
    elif change == "text deleted":
        (root / "texts" / "kota" / "s1.txt").unlink()
    else:
        (root / "cases" / "kota2.yml").write_text("case: {}\n", encoding="utf-8")
    after = _snapshot(root)
    assert after["report"] != before["report"]
    assert after == _uncached(root)


def test_a_partly_warm_run_positions_notes_without_parsing_again(
    tree: Any, cache_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the coder's file changed: the checks run again, and the note about the uncoded
    excerpt of the (unchanged, served) case file is placed from the stored outline."""
    from egovcode.load import yamlfile

    root = tree(PROJECT)
    _snapshot(root)
    composed: list[str] = []
    real = yamlfile._compose

    def counting(text: str) -> Any:
        composed.append(text[:20])
        return real(text)

    monkeypatch.setattr(yamlfile, "_compose", counting)
    _same_size_change(root / "codings" / "ana" / "kota.yaml", b"supporting", b"inhibiting")
    after = _snapshot(root)
    assert not [t for t in composed if t.startswith("case:")]  # (the codebook's lint composes it)
    assert any(d["code"] == "EGC207" and d["line"] == 12 for d in after["report"]["diagnostics"])
    assert after == _uncached(root)


def test_warm_validate_decodes_no_model(
    tree: Any, cache_on: None, models_read: list[str], checks_run: list[int]
) -> None:
    root = tree(PROJECT)
    run_cli("validate", "--project", str(root))
    checks_run.clear()
    result = run_cli("validate", "--format", "parsable", "--project", str(root))
    assert checks_run == [] and models_read == []
    assert "excerpt 'e2' has no codes yet (EGC207)" in result.stdout
    assert run_cli("tally", "--project", str(root)).exit_code == 0
    assert models_read == ["case"]  # tally reads the case, not the coder's file


def _head(root: Path) -> dict[str, Any]:
    head: dict[str, Any] = json.loads((root / FOLDER / "project.json").read_bytes())
    return head


def _body(root: Path) -> Path:
    return next((root / FOLDER).glob("project-*.jsonl"))


@pytest.mark.parametrize(
    "damage",
    ["head garbage", "head version", "head foreign", "body flipped", "body gone", "body swapped"],
)
def test_a_damaged_or_foreign_entry_is_never_trusted(
    tree: Any, tmp_path: Path, cache_on: None, damage: str
) -> None:
    root = tree(PROJECT)
    fresh = _uncached(root)
    _snapshot(root)
    head_path = root / FOLDER / "project.json"
    if damage == "head garbage":
        head_path.write_bytes(b"\x80\x04\x95 not json")
    elif damage == "head version":
        head = _head(root)
        head["egovcode"] = "0.0.0-old"
        head_path.write_text(json.dumps(head), encoding="utf-8")
    elif damage == "head foreign":  # another project's entry, with another case and codes
        other = tmp_path.parent / f"{tmp_path.name}-other"
        shutil.copytree(root, other)
        case = other / "cases" / "kota.yaml"
        case.write_text(case.read_text("utf-8").replace("APP.PORTAL", "CAP.OWN"), "utf-8")
        _snapshot(other)
        shutil.rmtree(root / FOLDER)
        shutil.copytree(other / FOLDER, root / FOLDER)
    elif damage == "body flipped":  # a changed letter: its line no longer hashes as recorded
        body = _body(root)
        raw = body.read_bytes()
        i = raw.index(b"Layanan")
        body.write_bytes(raw[:i] + b"X" + raw[i + 1 :])
    elif damage == "body gone":
        _body(root).unlink()
    else:  # a body of the right name holding other lines
        body = _body(root)
        body.write_bytes(body.read_bytes()[::-1])
    assert _snapshot(root) == fresh
    assert _snapshot(root) == fresh  # and the entry it wrote is right too


def test_an_entry_in_an_unwritable_place_never_fails(tree: Any, cache_on: None) -> None:
    root = tree(PROJECT)
    (root / ".egovcode").write_text("a file where the cache folder would go\n", encoding="utf-8")
    assert _snapshot(root) == _uncached(root)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


COMMANDS = [
    ("validate", "--format", "json"),
    ("validate", "--format", "parsable"),
    ("tally", "--format", "csv"),
    ("tally", "--by", "valence", "--format", "json"),
    ("cooccur", "--format", "csv"),
    ("query", "--code", "APP", "--format", "json"),
    ("export", "json", "-o", "-"),
    ("export", "csv", "-o", "-"),
    ("agree", "--format", "json"),
]


def test_every_command_gives_the_same_bytes_on_a_generated_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 excerpts, three coders: without the cache, with it cold, and warm."""
    root = tmp_path / "gen"
    _generator().build(root, 2000, 500)

    def outputs() -> list[tuple[int, str, str]]:
        out = []
        for args in COMMANDS:
            result = run_cli(*args, "--project", str(root))
            out.append((result.exit_code, result.stdout, result.stderr))
        return out

    monkeypatch.setenv("EGOVCODE_NO_CACHE", "1")
    plain = outputs()
    assert all(code in (0, 1) for code, _, _ in plain)
    assert '"valid": true' in plain[0][1] and "c0-e1" in plain[5][1]
    monkeypatch.delenv("EGOVCODE_NO_CACHE")
    shutil.rmtree(root / FOLDER, ignore_errors=True)
    assert outputs() == plain  # cold
    assert outputs() == plain  # warm
