"""Exports: CSV read back equals the codings, JSON shape, SQLite answers tally, pseudonyms."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.selection import require_codebook
from egovcode.analyze.tally import codings, tally
from egovcode.check.validate import validate_project
from egovcode.errors import OutputExistsError
from egovcode.interchange.csv_export import LONG_COLUMNS, export_csv, write_csv
from egovcode.interchange.json_export import export_json, project_document
from egovcode.interchange.pseudonym import pseudonymise, pseudonyms
from egovcode.interchange.sqlite_export import COLUMNS, export_sqlite, fill
from egovcode.load.project import Project
from tests.analysis_project import CODES, COMPONENTS, EXPECTED, projects, write_fixture

TALLY_SQL = """
SELECT c.component_id, e.case_id, COUNT(*)
FROM codings k JOIN excerpts e USING (excerpt_id) JOIN codes c USING (code_id)
GROUP BY c.component_id, e.case_id
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return validate_project(write_fixture(tmp_path_factory.mktemp("fixture")))[0]


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def database(project: Project, **options: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    fill(connection, project, **options)
    return connection


# --- CSV -----------------------------------------------------------------------------------------


_FIELD = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.text(alphabet=st.sampled_from(["a", " ", ",", '"', "\n", "é", "—", "\t", "'", ";"])),
)


@settings(max_examples=300)
@given(rows=st.lists(st.lists(_FIELD, min_size=1, max_size=5), max_size=6))
def test_write_csv_writes_the_csv_modules_bytes(rows: list[list[object]]) -> None:
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(["h1", "h2"])
    writer.writerows(rows)
    written = io.StringIO()
    assert write_csv(written, ["h1", "h2"], iter(rows)) == len(rows)
    assert written.getvalue() == expected.getvalue()


def test_write_csv_quotes_a_carriage_return() -> None:
    out = io.StringIO()
    write_csv(out, ["a"], [["x\ry"]])
    assert out.getvalue() == 'a\n"x\ry"\n'
    assert [row for row in csv.reader(io.StringIO(out.getvalue()))] == [["a"], ["x\ry"]]


def test_csv_is_written_as_it_is_produced() -> None:
    """Rows go out in chunks as they are produced; the whole table is never held."""
    produced: list[int] = []
    seen_at_write: list[int] = []

    class Watched(io.StringIO):
        def write(self, text: str) -> int:
            seen_at_write.append(len(produced))
            return super().write(text)

    def rows() -> Iterator[list[object]]:
        for i in range(2000):
            produced.append(i)
            yield [i, f"excerpt {i}, quoted"]

    assert write_csv(Watched(), ["n", "text"], rows()) == 2000
    assert seen_at_write[0] < 1000 and len(seen_at_write) >= 4


def test_long_csv(project: Project) -> None:
    text = export_csv(project)
    lines = text.splitlines()
    assert lines[0] == ",".join(LONG_COLUMNS)
    assert lines[1] == (
        "north,n-01,n-doc,document,supporting,(case file),APP.PORTAL,APP,"
        "Kota membangun portal layanan terpadu sesuai Perwali."
    )
    assert len(lines) == 1 + 15
    assert "n-05" not in text  # an excerpt without codes has no coding
    assert lines[-1].startswith("south,s-04,s-obs,observation,unmarked,(case file),APP.MOBILE,APP,")


def test_matrix_csv(project: Project) -> None:
    rows = read_csv(export_csv(project, matrix=True))
    assert list(rows[0]) == [
        "case",
        "excerpt",
        "source",
        "source_kind",
        "valence",
        "coder",
        *COMPONENTS,
    ]
    assert len(rows) == 10  # every excerpt, coded or not
    n02 = next(r for r in rows if r["excerpt"] == "n-02")
    assert [n02[c] for c in COMPONENTS] == ["1", "0", "0", "0", "0", "0", "0"]
    assert {c: sum(int(r[c]) for r in rows) for c in COMPONENTS}[
        "APP"
    ] == 4  # excerpts, not codings
    every = read_csv(export_csv(project, matrix=True, level="all"))
    assert list(every[0])[6:] == CODES
    assert [every[1][c] for c in ("APP", "APP.MOBILE")] == ["1", "1"]


@settings(max_examples=40, deadline=None)
@given(projects)
def test_csv_read_back_equals_the_codings(project: Project) -> None:
    expected = [
        [c.case, c.excerpt, c.source, c.source_kind, c.valence, c.coder, c.code, c.component]
        for c in codings(project, require_codebook(project))
    ]
    back = [list(row.values())[:-1] for row in read_csv(export_csv(project))]
    assert back == expected
    matrix = read_csv(export_csv(project, matrix=True, level="all"))
    assert sum(int(row[code]) for row in matrix for code in CODES) == len(expected)


# --- JSON ----------------------------------------------------------------------------------------


def test_json_document(project: Project) -> None:
    document = json.loads(export_json(project))
    assert list(document) == [
        "format",
        "format_version",
        "pseudonymised",
        "title",
        "languages",
        "codebook",
        "codes",
        "cases",
        "codings",
    ]
    assert (document["format"], document["format_version"]) == ("egovcode-project", 1)
    assert [c["file"] for c in document["cases"]] == ["cases/north.yaml", "cases/south.yaml"]
    assert list(document["cases"][0]) == [
        "file",
        "case",
        "language",
        "indices",
        "sources",
        "excerpts",
    ]
    assert document["codes"][1] == {
        "id": "APP.PORTAL",
        "parent": "APP",
        "component": "APP",
        "depth": 1,
        "kind": "component",
    }
    assert len(document["codings"]) == 15
    assert document["codings"][0] == {
        "case": "north",
        "excerpt": "n-01",
        "source": "n-doc",
        "source_kind": "document",
        "valence": "supporting",
        "coder": "(case file)",
        "code": "APP.PORTAL",
        "component": "APP",
    }
    assert document == project_document(project)


def test_exports_are_deterministic(project: Project) -> None:
    assert export_json(project) == export_json(project)
    assert export_csv(project) == export_csv(project)
    dumps = [list(database(project).iterdump()) for _ in range(2)]
    assert dumps[0] == dumps[1]


# --- SQLite --------------------------------------------------------------------------------------


def test_sqlite_answers_tally_in_one_query(project: Project) -> None:
    rows = database(project).execute(TALLY_SQL).fetchall()
    from_sql = {(component, case): n for component, case, n in rows}
    expected = {(c, case): n for c, per in EXPECTED.items() for case, n in per.items() if n}
    assert from_sql == expected


def test_sqlite_schema_keys_and_counts(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "egov.db"
    counts = export_sqlite(path, project)
    assert counts["codings"] == 15 and counts["excerpts"] == 10 and counts["cases"] == 2
    connection = sqlite3.connect(path)
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    assert tables == sorted(COLUMNS)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA user_version").fetchone() == (1,)
    keys = connection.execute("PRAGMA foreign_key_list(excerpts)").fetchall()
    assert {(k[2], k[3], k[4]) for k in keys} == {
        ("sources", "source_key", "source_key"),
        ("cases", "case_id", "case_id"),
    }
    facts = connection.execute("SELECT * FROM coding_facts").fetchall()
    assert [f[:8] for f in facts] == [
        (c.case, c.excerpt, c.source, c.source_kind, c.valence, c.coder, c.code, c.component)
        for c in codings(project, require_codebook(project))
    ]
    assert connection.execute(
        "SELECT value FROM case_attributes WHERE case_id = 'south' AND name = 'wave'"
    ).fetchone() == ("2",)
    connection.close()


@settings(max_examples=30, deadline=None)
@given(projects)
def test_sqlite_matches_tally_on_any_project(project: Project) -> None:
    rows = database(project).execute(TALLY_SQL).fetchall()
    result = tally(project)
    expected = {(r.code, case): n for r in result.rows for case, n in r.counts.items() if n}
    assert {(a, b): n for a, b, n in rows} == expected


def test_sqlite_refuses_to_overwrite(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "egov.db"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        export_sqlite(path, project)
    assert path.read_text(encoding="utf-8") == "keep me"
    export_sqlite(path, project, force=True)
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM codings").fetchone() == (15,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["egov.db"]  # no temporary file left


# --- pseudonyms ----------------------------------------------------------------------------------


def test_pseudonyms_in_order_of_first_appearance(project: Project) -> None:
    assert pseudonyms(project) == {
        ("north", "n-int1"): "Informant 1",  # one person, interviewed twice
        ("north", "n-int2"): "Informant 1",
        ("south", "s-int"): "Informant 2",  # the same role in another case: another person
        ("south", "s-obs"): "Informant 3",  # an observation that names a role
    }


def test_pseudonymise_returns_a_copy(project: Project) -> None:
    hidden = pseudonymise(project)
    sources = {s.id: s for lc in hidden.cases for s in lc.data.sources}
    # interview sources also get pseudonymous ids: two interviews of one informant stay apart
    assert (sources["informant-1"].citation, sources["informant-1"].informant_role) == (
        "Informant 1",
    ) * 2
    assert (sources["informant-1-2"].citation, sources["informant-1-2"].informant_role) == (
        "Informant 1",
    ) * 2
    assert "n-int1" not in sources and "n-int2" not in sources
    assert (sources["s-obs"].citation, sources["s-obs"].informant_role) == (
        "Visit to a village hall.",
        "Informant 3",
    )
    assert sources["n-doc"].citation == "North annual report 2023."
    original = {s.id: s for lc in project.cases for s in lc.data.sources}
    assert original["n-int1"].informant_role == "Head of IT"  # untouched
    assert "Head of IT" not in export_json(project, pseudonymise=True)
    assert "Head of IT" in export_json(project)


def test_pseudonymised_sqlite(project: Project) -> None:
    connection = database(project, pseudonymise=True)
    assert connection.execute(
        "SELECT DISTINCT informant_role FROM sources WHERE informant_role IS NOT NULL ORDER BY 1"
    ).fetchall() == [("Informant 1",), ("Informant 2",), ("Informant 3",)]
    assert connection.execute("SELECT value FROM meta WHERE key = 'pseudonymised'").fetchone() == (
        "true",
    )


@settings(max_examples=30, deadline=None)
@given(projects)
def test_pseudonyms_are_stable_and_leave_the_counts_alone(project: Project) -> None:
    # stable: pseudonymising again gives the same names in the same order (ids are pseudonyms too)
    again = pseudonyms(pseudonymise(project))
    assert list(pseudonyms(project).values()) == list(again.values())
    assert tally(pseudonymise(project)).to_dict() == tally(project).to_dict()
    names = set(pseudonyms(project).values())
    assert names == {f"Informant {i}" for i in range(1, len(names) + 1)}


def test_json_export_keeps_unicode_and_ends_with_a_newline(project: Project) -> None:
    text = export_json(project)
    assert text.endswith("}\n") and "\\u" not in text


def test_the_analysis_and_export_core_imports_no_cli_library() -> None:
    import subprocess
    import sys

    modules = [
        "egovcode.analyze.tally",
        "egovcode.analyze.cooccur",
        "egovcode.analyze.query",
        "egovcode.interchange.csv_export",
        "egovcode.interchange.json_export",
        "egovcode.interchange.sqlite_export",
        "egovcode.interchange.pseudonym",
    ]
    code = (
        f"import sys, {', '.join(modules)}\n"
        "print(sorted({'typer', 'rich', 'click'} & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
