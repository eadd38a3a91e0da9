"""Codebook lint rules: each rule on its passing and failing example; the CLI; selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovcode.check.codebook_rules import RULES, LintContext, Rule
from egovcode.check.schema import validate
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import SourceFile, parse
from egovcode.model import Codebook
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parent / "cases"


def lint(rule: Rule, text: str) -> list[str]:
    source = SourceFile(path=Path("cb.yaml"), display="cb.yaml", text=text)
    codebook, problems, _ = validate(Codebook, parse(text, Limits()), source)
    assert codebook is not None, problems
    ctx = LintContext(codebook, source, ["en", "id"])
    return [f"{d.line}:{d.column} {d.code}" for d in rule.check(ctx)]


STATIC = [r for r in RULES if r.bad]


@pytest.mark.parametrize("rule", STATIC, ids=lambda r: r.code)
def test_rule_passes_its_good_example(rule: Rule) -> None:
    assert lint(rule, rule.good) == []


@pytest.mark.parametrize("rule", STATIC, ids=lambda r: r.code)
def test_rule_fails_its_bad_example(rule: Rule) -> None:
    found = lint(rule, rule.bad)
    assert found and all(f.endswith(rule.code) for f in found)


def test_done_when_three_positioned_errors() -> None:
    """A duplicate id, a cycle and a missing Indonesian definition: three positioned errors."""
    project = EXAMPLES / "invalid" / "codebook-lint"
    result = run_cli("codebook", "check", "--project", str(project), "--format", "parsable")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "[error]" in line]
    assert errors == [
        "codebooks/mini.yaml:13:13: [error] codes form a cycle of parents: "
        "APP.PORTAL -> REG -> APP.PORTAL (EGC404)",
        "codebooks/mini.yaml:19:9: [error] code id 'APP' is defined twice (EGC401)",
        "codebooks/mini.yaml:30:17: [error] code 'REG' has no definition in 'id' (EGC406)",
    ]


def test_select_and_ignore() -> None:
    project = str(EXAMPLES / "invalid" / "codebook-lint")
    only = run_cli("codebook", "check", "-p", project, "--select", "parent-cycle", "-f", "parsable")
    assert [line.rsplit(" ", 1)[-1] for line in only.stdout.splitlines()] == ["(EGC404)"]
    rest = run_cli("codebook", "check", "-p", project, "--ignore", "EGC40", "-f", "parsable")
    assert (rest.exit_code, rest.stdout) == (
        0,
        "codebooks/mini.yaml:5:9: [info] code 'APP' is never applied in the project (EGC410)\n",
    )
    bad = run_cli("codebook", "check", "-p", project, "--select", "EGC999")
    assert bad.exit_code == 2 and "no codebook rule matches 'EGC999'" in bad.stderr


def test_config_ignore(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(EXAMPLES / "invalid" / "codebook-lint", project)
    (project / "egovcode.yaml").write_text(
        "codebook: codebooks/mini.yaml\nlint:\n  ignore: [EGC404, EGC401, EGC406]\n"
    )
    assert run_cli("codebook", "check", "-p", str(project)).exit_code == 0


def test_deprecated_code_in_use(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "p"
    shutil.copytree(EXAMPLES / "valid" / "minimal", project)
    cb = project / "codebooks" / "mini.yaml"
    cb.write_text(
        cb.read_text().replace(
            "    parent: APP\n", "    parent: APP\n    deprecated: true\n    replaced_by: APP\n"
        )
    )
    result = run_cli("validate", "-p", str(project), "-f", "json")
    assert result.exit_code == 0
    import json

    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert (diag["code"], diag["file"], diag["line"], diag["column"], diag["hint"]) == (
        "EGC411",
        "cases/alpha.yaml",
        21,
        13,
        "Recode it as 'APP'.",
    )
