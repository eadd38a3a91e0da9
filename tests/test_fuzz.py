"""A short mutation fuzz of the bundled project: no mutant makes any command crash.

The long run (at least 10,000 mutants) is ``benchmarks/fuzz.py``; its result is recorded in
docs/robustness.md. This run keeps the suite fast: a few dozen mutants, the same engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.fuzzing import KINDS, Mutation, check_mutant, make_project, project_files


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("fuzz") / "study")


def mutations(root: Path) -> st.SearchStrategy[Mutation]:
    fraction = st.floats(0, 1, exclude_max=True, allow_nan=False)
    return st.builds(
        Mutation, st.sampled_from(project_files(root)), st.sampled_from(KINDS), fraction, fraction
    )


def test_the_unmutated_project_passes_every_command(project: Path, tmp_path: Path) -> None:
    first, others = check_mutant(
        CliRunner(), project, tmp_path, Mutation("egovcode.yaml", "line-swap", 0.99, 0)
    )
    assert first.exit_code == 0, first.output
    # merge exits 1 while the coders' disputes stay unresolved, which the bundled codings have
    assert [o.command for o in others if o.exit_code != 0] == [
        ("merge", "--rule", "majority", "--dry-run")
    ]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_mutant_crashes_validate(project: Path, tmp_path: Path, data: st.DataObject) -> None:
    mutation = data.draw(mutations(project))
    first, _ = check_mutant(CliRunner(), project, tmp_path, mutation, commands=False)
    assert first.clean, (mutation, first.output[-2000:])


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutant_that_validates_crashes_no_command(
    project: Path, tmp_path: Path, data: st.DataObject
) -> None:
    kinds = st.sampled_from(("value", "reference", "line-duplicate", "indent-more", "feature"))
    fraction = st.floats(0, 1, exclude_max=True, allow_nan=False)
    files = st.sampled_from([f for f in project_files(project) if not f.startswith("templates")])
    mutation = data.draw(st.builds(Mutation, files, kinds, fraction, fraction))
    first, others = check_mutant(CliRunner(), project, tmp_path, mutation)
    assert first.clean, (mutation, first.output[-2000:])
    bad = [(o.command, o.exit_code, o.output[-1500:]) for o in others if not o.clean]
    assert bad == [], mutation
