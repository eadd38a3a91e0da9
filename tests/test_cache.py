"""The warm-run cache and the outline of positions give exactly what a fresh parse gives.

Every example project in tests/cases/ and the bundled project are validated three ways (cache
off, cache cold, cache warm) and must give the same report byte for byte; every YAML file parses
to the data PyYAML's own safe loader gives; a one-byte change in any case, coder, codebook or
config file is seen on the next run; corrupted, stale and foreign entries are rebuilt.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from egovcode.check.validate import validate_project
from egovcode.load import yamlfile
from egovcode.load.cache import FOLDER
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import SourceFile, YamlProblem, parse_outlined
from tests.conftest import REPO, run_cli

CASES = Path(__file__).parent / "cases"
PROJECTS = sorted(p for p in CASES.glob("*/*") if p.is_dir())
BUNDLED = [REPO / "cases", REPO / "codings", REPO / "codebooks"]
YAML_FILES = sorted(
    p
    for base in (CASES, *BUNDLED)
    for p in base.rglob("*")
    if p.suffix in {".yaml", ".yml"} and p.is_file()
)


@pytest.fixture
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EGOVCODE_NO_CACHE", raising=False)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed (not served from the cache), in order."""
    seen: list[str] = []
    real = yamlfile.parse_outlined

    def counting(text: str, limits: Limits) -> Any:
        seen.append(text[:60])
        return real(text, limits)

    monkeypatch.setattr(yamlfile, "parse_outlined", counting)
    return seen


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".egovcode", "expected.txt"))
    return dest


def _bundled(dest: Path) -> Path:
    for name in ("cases", "codings", "codebooks", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    for name in ("egovcode.yaml",):
        if (REPO / name).is_file():
            shutil.copy(REPO / name, dest / name)
    return dest


def _report(root: Path) -> dict[str, Any]:
    project, report = validate_project(root)
    data = report.to_dict()
    data["models"] = [c.data.model_dump(mode="json") for c in project.cases]
    data["codings"] = [c.data.model_dump(mode="json") for c in project.codings]
    data["codebook"] = project.codebook.model_dump(mode="json") if project.codebook else None
    data["config"] = project.config.model_dump(mode="json")
    return data


@pytest.mark.parametrize("folder", PROJECTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cold_and_warm_runs_equal_an_uncached_run(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(folder, tmp_path / "p")
    monkeypatch.setenv("EGOVCODE_NO_CACHE", "1")
    fresh = _report(root)
    assert not (root / FOLDER).exists()
    monkeypatch.delenv("EGOVCODE_NO_CACHE")
    assert _report(root) == fresh  # cold: parses and fills the cache
    assert _report(root) == fresh  # warm: served from the cache where it could be


def test_bundled_project_warm_run_parses_nothing(
    tmp_path: Path, cache_on: None, parses: list[str]
) -> None:
    root = _bundled(tmp_path)
    cold = _report(root)
    assert parses, "the cold run parses every file"
    parses.clear()
    assert _report(root) == cold
    assert parses == []
    entries = sorted(p.name for p in (root / FOLDER).iterdir())
    assert ".gitignore" in entries and "project.json" in entries
    for entry in (root / FOLDER).glob("*.json"):
        header = json.loads(entry.read_bytes().partition(b"\n")[0])  # JSON, never pickle
        assert header["format"] == 1


PROJECT = {
    "egovcode.yaml": "codebook: codebooks/cb.yaml\n",
    "codebooks/cb.yaml": (REPO / "codebooks" / "indrajit.yaml").read_text(encoding="utf-8"),
    "cases/kota.yaml": """\
        case: {id: kota, name: Kota Contoh, type: kota}
        sources:
          - {id: s1, kind: document, citation: Dokumen 1.}
        excerpts:
          - id: e1
            source: s1
            text: Layanan daring sudah jalan.
            codes: [APP.PORTAL]
            valence: supporting
        """,
    "codings/ana/kota.yaml": """\
        coder: ana
        case: kota
        codings:
          e1: {codes: [APP.PORTAL], valence: supporting}
        """,
}


@pytest.mark.parametrize(
    ("name", "old", "new", "reparsed"),
    [
        ("cases/kota.yaml", "Layanan", "Lbyanan", 1),
        ("codings/ana/kota.yaml", "APP.PORTAL", "APP.PORTAM", 1),
        ("codebooks/cb.yaml", "Portal", "Portbl", 3),  # codebook, case and coder file
        ("egovcode.yaml", "cb.yaml", "cb.yaml ", 3),  # config, case and coder file
    ],
)
def test_a_one_byte_change_is_seen(
    tree: Any,
    cache_on: None,
    parses: list[str],
    name: str,
    old: str,
    new: str,
    reparsed: int,
) -> None:
    root = tree(PROJECT)
    _report(root)
    parses.clear()
    before = _report(root)
    assert parses == []
    path = root / name
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    if len(changed) == len(text):  # same size and same mtime: only the content tells
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = _report(root)
    assert len(parses) == reparsed
    assert after != before or name == "egovcode.yaml"
    os.environ["EGOVCODE_NO_CACHE"] = "1"
    try:
        assert after == _report(root)  # what a run without the cache sees
    finally:
        del os.environ["EGOVCODE_NO_CACHE"]


def _per_file(root: Path) -> dict[str, Any]:
    """The project as read with the per-file entries only: ``load_project`` without the
    project's warm-run entry (as the editing commands read it)."""
    from egovcode.load.project import load_project

    project = load_project(root)
    data = project.report.to_dict()
    data["models"] = [c.data.model_dump(mode="json") for c in project.cases]
    data["codings"] = [c.data.model_dump(mode="json") for c in project.codings]
    return data


def _entries(root: Path) -> list[Path]:
    """The per-file entries (not the project's warm-run entry, tested in test_warm.py)."""
    return sorted(p for p in (root / FOLDER).glob("*.json") if p.name != "project.json")


def _drop_project_entry(root: Path) -> None:
    for path in (root / FOLDER).glob("project*"):
        path.unlink()


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "foreign", "version"])
def test_damaged_entries_are_rebuilt(
    tree: Any, cache_on: None, parses: list[str], damage: str
) -> None:
    root = tree(PROJECT)
    fresh = _per_file(root)
    entries = _entries(root)
    assert len(entries) == 4
    target = next(e for e in entries if b'"cases/kota.yaml"' in e.read_bytes()[:400])
    raw = target.read_bytes()
    if damage == "flip":  # a changed letter in the payload: the payload hash catches it
        i = raw.index(b"Layanan")
        target.write_bytes(raw[:i] + b"X" + raw[i + 1 :])
    elif damage == "truncate":
        target.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        target.write_bytes(b"\x80\x04\x95 not json at all\n{]")
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "foreign":  # another file's entry under this file's name
        other = next(e for e in entries if e != target and b'"codings/' in e.read_bytes()[:400])
        target.write_bytes(other.read_bytes())
    else:
        head, _, payload = raw.partition(b"\n")
        header = json.loads(head)
        header["egovcode"] = "0.0.0-old"
        target.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    parses.clear()
    assert _per_file(root) == fresh
    assert len(parses) == 1  # only the damaged entry's file
    parses.clear()
    assert _per_file(root) == fresh
    assert parses == []  # and its entry was rewritten


def test_an_unwritable_cache_folder_never_fails_a_command(
    tree: Any, cache_on: None, parses: list[str]
) -> None:
    root = tree(PROJECT)
    (root / ".egovcode").write_text("a file where the cache folder would go\n", encoding="utf-8")
    result = run_cli("validate", "-q", "--project", str(root))
    assert result.exit_code == 0, result.stderr
    assert len(parses) == 4
    assert (root / ".egovcode").read_text(encoding="utf-8").startswith("a file")


def test_no_cache_option_and_cache_clear(tree: Any, cache_on: None) -> None:
    root = tree(PROJECT)
    result = run_cli("--no-cache", "validate", "-q", "--project", str(root))
    os.environ.pop("EGOVCODE_NO_CACHE", None)  # the option sets it for the process
    assert result.exit_code == 0
    assert not (root / ".egovcode").exists()
    assert run_cli("validate", "-q", "--project", str(root)).exit_code == 0
    # the config and the codebook; the project entry holds the case and the coder file
    assert len(_entries(root)) == 2
    result = run_cli("cache", "clear", "--project", str(root))
    assert (result.exit_code, result.stdout) == (
        0,
        "Removed 3 cache entries from .egovcode/cache/.\n",
    )
    assert _entries(root) == []
    result = run_cli("cache", "clear", "--project", str(root))
    assert result.stdout == "Removed 0 cache entries from .egovcode/cache/.\n"


def test_dates_and_non_text_keys(tree: Any, cache_on: None, parses: list[str]) -> None:
    root = tree(
        {
            **PROJECT,
            "cases/kota.yaml": PROJECT["cases/kota.yaml"].replace(
                "citation: Dokumen 1.}", "citation: Dokumen 1., date: 2021-06-08}"
            ),
            "cases/x.yaml": "case: {id: x, name: X, type: kota}\n1: one\n2021-01-02: d\n",
            "cases/y.yaml": (
                'case: {id: y, name: Y, type: kota, attributes: {a: {"\\0date": "2021-01-01"}}}\n'
                "sources: [{id: s, kind: document, citation: c, date: 2021-06-08}]\n"
            ),
        }
    )
    fresh = _report(root)
    parses.clear()
    assert _report(root) == fresh
    assert parses == []  # the project's warm entry holds validated data, exact in JSON
    models = [fresh["models"], fresh["codings"]]
    read = _per_file(root)  # without the project entry: the per-file entries are written
    assert [read["models"], read["codings"]] == models
    parses.clear()
    read = _per_file(root)
    assert [read["models"], read["codings"]] == models
    # x.yaml has keys JSON cannot hold exactly, y.yaml a NUL that could pass for a date's tag
    assert len(parses) == 2


# -- the parse path against PyYAML and the outline against a full composition ------------------


def _ids(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.mark.parametrize("path", YAML_FILES, ids=_ids)
def test_parse_gives_pyyaml_safe_loader_data(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = yamlfile.decode(raw, Limits())
        data, _ = parse_outlined(text, Limits())
    except YamlProblem:
        return  # a file egovcode refuses; test_examples pins its diagnostic
    assert data == yaml.load(text, Loader=yaml.SafeLoader)


def _item_paths(data: Any) -> Iterator[tuple[str | int, ...]]:
    yield ()
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                for i in range(len(value) + 1):  # one past the end falls back to the list
                    yield (str(key), i)


@pytest.mark.parametrize("path", YAML_FILES, ids=_ids)
def test_outline_positions_equal_composed_positions(path: Path) -> None:
    try:
        text = yamlfile.decode(path.read_bytes(), Limits())
        data, outline = parse_outlined(text, Limits())
    except YamlProblem:
        return
    quick = SourceFile(path, path.name, text, outline=outline)
    slow = SourceFile(path, path.name, text)
    for item in _item_paths(data):
        assert quick.locate(item) == slow.locate(item), item
        assert quick.locate(item, key=True) == slow.locate(item, key=True), item


# -- the event path against the node path --------------------------------------------------------

TRICKY = [
    "a: 1\nb: [yes, no, on, off, ~, null, '', 0x1F, 012, 1_000, 1:20, 1e3, 1.5, .inf, -.nan]\n",
    "d: 2021-06-08\nq: '2021-06-08'\nt: 2001-12-14t21:59:43.10-05:00\ne: \nf: !!str 12\n",
    "a: &x {b: 1}\nc: *x\n",
    "a: [1, 2\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\nb: 2\n",
    "? [a, b]\n: c\n",
    "1: one\n2021-01-02: d\ntrue: t\n~: n\n",
    "--- a\n--- b\n",
    "",
    "# only a comment\n",
    "just text\n",
    "- a\n- {b: [c, {d: e}]}\n",
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "a: !!binary aGVsbG8=\n",
    "x: 2024-02-30\ny: [1, 2\n",
    "x: 2024-02-30\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",
    'a: |\n  block\n  text\nb: >\n  folded\n  text\nc: "esc\\tape\\u00e9"\n',
    "cases:\n  - id: a\n  - id: b\nexcerpts: []\nsources:\n- 1\n- [2]\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: !!map {b: 1}\nc: !!seq [1]\n",
    "a: ! x\nb: ! 12\n",
]


def _both(text: str) -> tuple[Any, Any]:
    results = []
    for fast in (True, False):
        yamlfile.FAST = fast
        try:
            results.append(parse_outlined(text, Limits()))
        except YamlProblem as problem:
            results.append((problem.code, problem.message, problem.line, problem.column))
        except Exception as exc:  # a bug, but the same bug on both paths
            results.append((type(exc).__name__, str(exc)))
        finally:
            yamlfile.FAST = True
    return results[0], results[1]


@pytest.mark.parametrize("text", TRICKY)
def test_event_path_equals_node_path_on_tricky_yaml(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


@pytest.mark.parametrize("path", YAML_FILES, ids=_ids)
def test_event_path_equals_node_path_on_every_test_file(path: Path) -> None:
    try:
        text = yamlfile.decode(path.read_bytes(), Limits())
    except YamlProblem:
        return
    fast, slow = _both(text)
    assert fast == slow


@pytest.mark.parametrize("folder", PROJECTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_event_path_and_node_path_validate_alike(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _report(folder)
    monkeypatch.setattr(yamlfile, "FAST", False)
    assert _report(folder) == fast


def test_progress_is_told_every_file_read(tree: Any) -> None:
    from egovcode.load.project import load_project

    root = tree(PROJECT)
    calls: list[tuple[int, int]] = []
    load_project(root, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]  # the case file, then the coder file


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from egovcode.cli import progress

    monkeypatch.setattr("sys.stderr", io.StringIO())
    with progress.file_progress() as update:
        assert update is None  # not a terminal: nothing is drawn, nothing is imported

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr("sys.stderr", fake)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.file_progress() as update:
        assert update is not None
        update(1, 3)
        update(2, 3)
    assert "Reading files" in fake.getvalue()


def test_entries_of_deleted_files_are_pruned(tree: Any, cache_on: None) -> None:
    root = tree(PROJECT)
    _per_file(root)
    assert len(_entries(root)) == 4
    (root / "codings" / "ana" / "kota.yaml").unlink()
    _per_file(root)
    assert len(_entries(root)) == 3
    assert not any(b'"codings/' in e.read_bytes()[:400] for e in _entries(root))
