"""A normalised SQLite database of the project, for Datasette, DuckDB, R (RSQLite) and SQL users.

The schema is ``SCHEMA`` below (``PRAGMA user_version`` = ``SCHEMA_VERSION``). Rows are inserted
in file order and codebook order, so the same project gives the same rows in the same order. Plain
tables only (no STRICT, no WITHOUT ROWID) so older readers open them too, and every column holds
values of its declared type (DuckDB insists): attribute values are text as the user writes them
(``2``, ``true``), as ``tally --by attr:NAME`` shows them. Missing values are NULL:
``excerpts.valence`` is NULL where the file marks none; the view ``coding_facts`` shows the same
vocabulary as ``tally`` (``unmarked``, ``(case file)``).

Excerpts per component per case, as ``egovcode tally`` counts them (unit: coding)::

    SELECT c.component_id AS component, e.case_id AS "case", COUNT(*) AS codings
    FROM codings k JOIN excerpts e USING (excerpt_id) JOIN codes c USING (code_id)
    GROUP BY c.component_id, e.case_id;
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from egovcode.analyze.selection import attr_text, require_codebook
from egovcode.interchange.pseudonym import pseudonymise as _pseudonymise
from egovcode.load.project import LoadedCase, Project
from egovcode.model.tree import CodeTree
from egovcode.output import write_atomic_with

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cases (
  case_id TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT, type TEXT NOT NULL,
  province TEXT, country TEXT, language TEXT NOT NULL, file TEXT NOT NULL,
  position INTEGER NOT NULL);
CREATE TABLE case_attributes (
  case_id TEXT NOT NULL REFERENCES cases (case_id), name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (case_id, name));
CREATE TABLE indices (
  index_id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (case_id),
  name TEXT NOT NULL, title TEXT, year INTEGER, value REAL NOT NULL, scale TEXT,
  grade TEXT, predicate TEXT, source TEXT NOT NULL, locator TEXT);
CREATE TABLE sources (
  source_key TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (case_id),
  source_id TEXT NOT NULL, kind TEXT NOT NULL, citation TEXT NOT NULL, informant_role TEXT,
  date TEXT, locator TEXT, url TEXT, note TEXT, UNIQUE (case_id, source_id));
CREATE TABLE codes (
  code_id TEXT PRIMARY KEY, parent_id TEXT REFERENCES codes (code_id),
  component_id TEXT NOT NULL REFERENCES codes (code_id), depth INTEGER NOT NULL,
  kind TEXT NOT NULL, label TEXT NOT NULL, deprecated INTEGER NOT NULL, replaced_by TEXT,
  position INTEGER NOT NULL);
CREATE TABLE code_texts (
  code_id TEXT NOT NULL REFERENCES codes (code_id), lang TEXT NOT NULL, label TEXT,
  definition TEXT, PRIMARY KEY (code_id, lang));
CREATE TABLE excerpts (
  excerpt_id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (case_id),
  source_key TEXT NOT NULL REFERENCES sources (source_key), locator TEXT,
  lang TEXT NOT NULL, text TEXT NOT NULL, valence TEXT, coder TEXT, memo TEXT,
  position INTEGER NOT NULL);
CREATE TABLE translations (
  excerpt_id TEXT NOT NULL REFERENCES excerpts (excerpt_id), lang TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (excerpt_id, lang));
CREATE TABLE codings (
  excerpt_id TEXT NOT NULL REFERENCES excerpts (excerpt_id),
  code_id TEXT NOT NULL REFERENCES codes (code_id), position INTEGER NOT NULL,
  PRIMARY KEY (excerpt_id, code_id));
CREATE INDEX case_attributes_name ON case_attributes (name, value);
CREATE INDEX indices_case ON indices (case_id, name, year);
CREATE INDEX sources_case ON sources (case_id);
CREATE INDEX codes_parent ON codes (parent_id);
CREATE INDEX codes_component ON codes (component_id);
CREATE INDEX excerpts_case ON excerpts (case_id);
CREATE INDEX excerpts_source ON excerpts (source_key);
CREATE INDEX codings_code ON codings (code_id);
CREATE VIEW coding_facts AS
  SELECT e.case_id AS case_id, k.excerpt_id AS excerpt_id, s.source_id AS source_id,
         s.kind AS source_kind, COALESCE(e.valence, 'unmarked') AS valence,
         COALESCE(e.coder, '(case file)') AS coder, k.code_id AS code_id,
         c.component_id AS component_id, e.text AS text
  FROM codings k
  JOIN excerpts e ON e.excerpt_id = k.excerpt_id
  JOIN sources s ON s.source_key = e.source_key
  JOIN codes c ON c.code_id = k.code_id
  ORDER BY e.position, k.position;
"""

#: Tables in the order they are filled, with their columns in insertion order.
COLUMNS: dict[str, list[str]] = {
    table: names.split()
    for table, names in {
        "meta": "key value",
        "cases": "case_id name name_en type province country language file position",
        "case_attributes": "case_id name value",
        "indices": "case_id name title year value scale grade predicate source locator",
        "sources": "source_key case_id source_id kind citation informant_role date locator url "
        "note",
        "codes": "code_id parent_id component_id depth kind label deprecated replaced_by position",
        "code_texts": "code_id lang label definition",
        "excerpts": "excerpt_id case_id source_key locator lang text valence coder memo position",
        "translations": "excerpt_id lang text",
        "codings": "excerpt_id code_id position",
    }.items()
}

Row = dict[str, Any]


def source_key(case_id: str, source_id: str) -> str:
    """The key of a source across cases, as ``tally --by source`` names its columns."""
    return f"{case_id}/{source_id}"


def rows(
    project: Project, *, lang: str = "en", pseudonymised: bool = False
) -> dict[str, list[Row]]:
    """Every row of every table as a dict, in insertion order."""
    return {
        table: list(table_rows(project, table, lang=lang, pseudonymised=pseudonymised))
        for table in COLUMNS
    }


def table_rows(
    project: Project, table: str, *, lang: str = "en", pseudonymised: bool = False
) -> Iterator[Row]:
    """The rows of one table as dicts, in insertion order, produced one by one."""
    tree = require_codebook(project)
    if table == "meta":
        meta = {
            "format": "egovcode-sqlite",
            "schema_version": str(SCHEMA_VERSION),
            "codebook": tree.codebook.id,
            "codebook_version": tree.codebook.version,
            "label_language": lang,
            "pseudonymised": "true" if pseudonymised else "false",
        }
        yield from ({"key": key, "value": value} for key, value in meta.items())
    elif table in ("codes", "code_texts"):
        yield from _code_rows(tree, table, lang)
    elif table in ("excerpts", "translations", "codings"):
        position = 0
        for loaded in project.cases:
            yield from _excerpt_rows(loaded, table, position)
            position += len(loaded.data.excerpts)
    else:
        for position, loaded in enumerate(project.cases):
            yield from _case_rows(loaded, table, position)


def _code_rows(tree: CodeTree, table: str, lang: str) -> Iterator[Row]:
    for position, code in enumerate(tree.codes.values()):
        cid = code.id
        if table == "codes":
            yield {
                "code_id": cid,
                "parent_id": code.parent,
                "component_id": tree.component(cid),
                "depth": tree.depth(cid),
                "kind": tree.kind(cid),
                "label": tree.label(cid, lang),
                "deprecated": int(code.deprecated),
                "replaced_by": code.replaced_by,
                "position": position,
            }
            continue
        for text_lang in dict.fromkeys([*code.label, *code.definition]):
            yield {
                "code_id": cid,
                "lang": text_lang,
                "label": code.label.get(text_lang),
                "definition": code.definition.get(text_lang),
            }


def _case_rows(loaded: LoadedCase, table: str, position: int) -> Iterator[Row]:
    data, case = loaded.data, loaded.data.case
    case_id = case.id
    if table == "cases":
        yield {
            **case.model_dump(),
            "case_id": case_id,
            "language": data.language,
            "file": loaded.source.display,
            "position": position,
        }
    elif table == "case_attributes":
        for name, value in case.attributes.items():
            yield {"case_id": case_id, "name": name, "value": attr_text(value)}
    elif table == "indices":
        for ix in data.indices:
            title = json.dumps(ix.title, ensure_ascii=False) if ix.title else None
            yield {**ix.model_dump(), "case_id": case_id, "title": title}
    elif table == "sources":
        for s in data.sources:
            key = source_key(case_id, s.id)
            yield {**s.model_dump(), "source_key": key, "case_id": case_id, "source_id": s.id}


def _excerpt_rows(loaded: LoadedCase, table: str, position: int) -> Iterator[Row]:
    """An excerpt's fields are read directly: a ``model_dump`` per excerpt cost more than the
    insert."""
    data = loaded.data
    case_id = data.case.id
    for e in data.excerpts:
        if table == "excerpts":
            yield {
                "excerpt_id": e.id,
                "case_id": case_id,
                "source_key": source_key(case_id, e.source),
                "locator": e.locator,
                "lang": data.excerpt_lang(e),
                "text": e.text,
                "valence": e.valence,
                "coder": e.coder,
                "memo": e.memo if not isinstance(e.memo, dict) else _json(e.memo),
                "position": position,
            }
            position += 1
        elif table == "translations":
            for t_lang, text in e.translations.items():
                yield {"excerpt_id": e.id, "lang": t_lang, "text": text}
        else:
            for i, code in enumerate(dict.fromkeys(e.codes)):
                yield {"excerpt_id": e.id, "code_id": code, "position": i}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def fill(
    connection: sqlite3.Connection,
    project: Project,
    *,
    lang: str = "en",
    pseudonymise: bool = False,
) -> dict[str, int]:
    """Create the schema in an empty database and insert the project; the row count per table."""
    if pseudonymise:
        project = _pseudonymise(project)
    connection.executescript(SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    counts: dict[str, int] = {}
    with connection:
        for table, columns in COLUMNS.items():
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            before = connection.total_changes
            connection.executemany(
                sql,
                (
                    [row[c] for c in columns]
                    for row in table_rows(project, table, lang=lang, pseudonymised=pseudonymise)
                ),
            )
            counts[table] = connection.total_changes - before
    return counts


def export_sqlite(
    path: Path,
    project: Project,
    *,
    lang: str = "en",
    pseudonymise: bool = False,
    force: bool = False,
) -> dict[str, int]:
    """Write the database to ``path`` atomically (refusing to overwrite unless ``force``)."""
    counts: dict[str, int] = {}

    def write(tmp: Path) -> None:
        with closing(sqlite3.connect(tmp)) as connection:
            # No rollback journal and no syncs while filling a temporary file: it is flushed
            # to disk and moved into place whole, or removed (the database's bytes are the same).
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            counts.update(fill(connection, project, lang=lang, pseudonymise=pseudonymise))

    write_atomic_with(path, write, force=force)
    return counts
