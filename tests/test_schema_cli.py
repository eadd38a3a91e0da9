"""`egovcode schema`: JSON Schemas from the models that accept the real files and reject typos;
`init` names them in a yaml-language-server comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli

jsonschema = pytest.importorskip("jsonschema")


def _schema(name: str) -> dict[str, object]:
    result = run_cli("schema", name)
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _errors(schema: dict[str, object], path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("case", "cases/*.yaml"),
        ("codebook", "codebooks/*.yaml"),
        ("coder", "codings/*/*.yaml"),
    ],
)
def test_schema_accepts_the_bundled_files(name: str, pattern: str) -> None:
    schema = _schema(name)
    paths = sorted(REPO.glob(pattern))
    assert paths
    for path in paths:
        assert _errors(schema, path) == [], path


def test_schema_rejects_a_misspelt_key(tmp_path: Path) -> None:
    case = (REPO / "cases" / "kediri.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(case.replace("    valence: supporting", "    valance: supporting", 1))
    errors = _errors(_schema("case"), bad)
    assert any("valance" in e for e in errors)


def test_schema_to_a_file_and_no_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "config.json"
    assert run_cli("schema", "config", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["title"] == "egovcode project config"
    again = run_cli("schema", "config", "-o", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr


def test_init_writes_schemas_and_modelines(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "s")).exit_code == 0
    first = (tmp_path / "s" / "cases" / "example.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.egovcode/schemas/case.json"
    schema = json.loads((tmp_path / "s" / ".egovcode" / "schemas" / "case.json").read_text())
    assert _errors(schema, tmp_path / "s" / "cases" / "example.yaml") == []
    config = (tmp_path / "s" / "egovcode.yaml").read_text().splitlines()[0]
    assert config.endswith("$schema=.egovcode/schemas/config.json")
