"""Saving from the workbench through its JSON API: the same edits as the command line, refused
when the page is out of date, and undoable."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient

from egovcode.check.validate import validate_project
from egovcode.edit.excerpts import HAS_KEY
from egovcode.serve.app import create_app
from egovcode.serve.views import Settings
from tests.serve_project import INTERVIEW, span_of, write_project

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
HEADERS = {"x-egovcode-token": "t0ken", "origin": BASE}
NEW = "Pelatihan untuk operator baru diadakan dua kali setahun <b>& gratis</b>."


def version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def make_client(root: Path, coder: str | None = None) -> TestClient:
    app = create_app(Settings(root, "en", coder), "t0ken", PORT)
    return TestClient(app, base_url=BASE, headers=HEADERS)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p")


@pytest.fixture
def client(root: Path) -> Iterator[TestClient]:
    with make_client(root) as c:
        yield c


def case_file(root: Path) -> Path:
    return root / "cases" / "alpha.yaml"


def add(client: TestClient, root: Path, passage: str = NEW, **extra: Any) -> Any:
    body = {
        "case": "alpha",
        "source": "int-1",
        "span": list(span_of(passage)),
        "codes": ["COMP.TRAINING"],
        "valence": "supporting",
        "memo": "",
        "version": version(case_file(root)),
        **extra,
    }
    return client.post("/api/excerpts", json=body)


def test_a_new_excerpt_is_appended_with_its_span_and_the_project_stays_valid(
    client: TestClient, root: Path
) -> None:
    before = case_file(root).read_text(encoding="utf-8")
    response = add(client, root, memo="Training is free.")
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["ok"] is True and answer["excerpt"] == "int-1-001"
    assert answer["message"] == "Saved int-1-001 in cases/alpha.yaml."
    start, end = span_of(NEW)
    after = case_file(root).read_text(encoding="utf-8")
    assert after == before + (
        "  - id: int-1-001\n"
        "    source: int-1\n"
        f"    span: [{start}, {end}]\n"
        f"    text: {NEW}\n"
        "    codes: [COMP.TRAINING]\n"
        "    valence: supporting\n"
        "    memo: Training is free.\n"
    )
    project, report = validate_project(root)
    assert report.errors == 0
    excerpt = project.cases[0].data.excerpts[-1]
    assert excerpt.span == (start, end) and INTERVIEW[start:end] == excerpt.text == NEW


def test_a_save_from_an_out_of_date_page_is_refused_and_nothing_is_written(
    client: TestClient, root: Path
) -> None:
    stale = version(case_file(root))
    edited = case_file(root).read_text(encoding="utf-8") + "# a line added in an editor\n"
    case_file(root).write_text(edited, encoding="utf-8")
    response = add(client, root, version=stale)
    assert response.status_code == 409
    answer = response.json()
    assert answer["code"] == "EGC742"
    assert "cases/alpha.yaml changed on disk since this page was built" in answer["message"]
    assert case_file(root).read_text(encoding="utf-8") == edited
    response = client.post(
        "/api/excerpts/a-001", json={"case": "alpha", "codes": [], "version": stale}
    )
    assert response.status_code == 409
    assert case_file(root).read_text(encoding="utf-8") == edited


def test_setting_the_coding_replaces_codes_and_removes_the_valence_keeping_comments(
    client: TestClient, root: Path
) -> None:
    before = case_file(root).read_text(encoding="utf-8")
    response = client.post(
        "/api/excerpts/a-001",
        json={
            "case": "alpha",
            "codes": ["CAP", "APP"],
            "valence": "",
            "version": version(case_file(root)),
        },
    )
    assert response.status_code == 200, response.text
    after = case_file(root).read_text(encoding="utf-8")
    assert after == before.replace(
        "    codes: [APP.PORTAL]\n    valence: supporting\n", "    codes: [CAP, APP]\n"
    )
    assert "- id: a-001  # the start of digital services" in after


def test_unknown_codes_and_empty_spans_are_refused_with_the_registry_code(
    client: TestClient, root: Path
) -> None:
    before = case_file(root).read_bytes()
    response = add(client, root, codes=["COMP.TRAINNG"])
    assert response.status_code == 400
    assert response.json()["code"] == "EGC726"
    assert "COMP.TRAINING" in response.json()["hint"]  # did you mean
    start = INTERVIEW.index("\n")
    response = add(client, root, span=[start, start + 1])
    assert response.status_code == 400 and response.json()["code"] == "EGC740"
    response = add(client, root, span=[0, len(INTERVIEW) + 5])
    assert response.json()["code"] == "EGC740"
    response = add(client, root, passage="Kami mulai memakai aplikasi layanan sejak 2021.")
    assert response.json()["code"] == "EGC724"  # already excerpt a-001
    response = add(client, root, span="0-4")
    assert response.status_code == 400 and "'span' must be" in response.json()["message"]
    response = client.post(
        "/api/excerpts", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert case_file(root).read_bytes() == before


def test_unknown_cases_and_excerpts_are_not_found(client: TestClient, root: Path) -> None:
    response = add(client, root, case="beta")
    assert response.status_code == 404
    response = client.post(
        "/api/excerpts/a-999",
        json={"case": "alpha", "codes": [], "version": version(case_file(root))},
    )
    assert response.status_code == 404


def test_deleting_an_excerpt_and_undoing_it(client: TestClient, root: Path) -> None:
    before = case_file(root).read_bytes()
    response = client.post(
        "/api/excerpts/a-003/delete", json={"case": "alpha", "version": version(case_file(root))}
    )
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Deleted a-003 from cases/alpha.yaml."
    text = case_file(root).read_text(encoding="utf-8")
    assert "a-003" not in text and "a-002" in text and "a-004" in text
    assert validate_project(root)[1].errors == 0
    undo = client.post("/api/undo", json={})
    assert undo.status_code == 200
    assert undo.json()["message"] == "Undid the last change to cases/alpha.yaml."
    assert case_file(root).read_bytes() == before
    again = client.post("/api/undo", json={})
    assert again.status_code == 400 and again.json()["message"] == "There is no save to undo."


def test_undo_is_refused_when_the_file_changed_after_the_save(
    client: TestClient, root: Path
) -> None:
    assert add(client, root).status_code == 200
    changed = case_file(root).read_text(encoding="utf-8") + "# edited by hand\n"
    case_file(root).write_text(changed, encoding="utf-8")
    response = client.post("/api/undo", json={})
    assert response.status_code == 409
    assert case_file(root).read_text(encoding="utf-8") == changed


def test_an_excerpt_a_coder_rated_is_not_deleted(root: Path) -> None:
    (root / "codings" / "ana").mkdir(parents=True)
    (root / "codings" / "ana" / "alpha.yaml").write_text(
        "coder: ana\ncase: alpha\ncodings:\n  a-003: {codes: [CONN]}\n", encoding="utf-8"
    )
    with make_client(root) as c:
        response = c.post(
            "/api/excerpts/a-003/delete",
            json={"case": "alpha", "version": version(case_file(root))},
        )
    assert response.status_code == 400
    assert response.json()["code"] == "EGC741"
    assert "codings/ana/alpha.yaml" in response.json()["message"]


def test_coder_mode_writes_the_coders_file_and_never_the_case_file(root: Path) -> None:
    case_before = case_file(root).read_bytes()
    sheet = root / "codings" / "ana" / "alpha.yaml"
    with make_client(root, coder="ana") as c:
        first = c.post(
            "/api/excerpts/a-002",
            json={
                "case": "alpha",
                "codes": ["CONN.PDN"],
                "valence": "inhibiting",
                "version": "absent",
            },
        )
        assert first.status_code == 200, first.text
        assert first.json()["message"] == "Saved a-002 in codings/ana/alpha.yaml."
        assert sheet.read_text(encoding="utf-8") == (
            "coder: ana\ncase: alpha\ncodings:\n  a-002: {codes: [CONN.PDN], valence: inhibiting}\n"
        )
        second = c.post(
            "/api/excerpts/a-001",
            json={"case": "alpha", "codes": [], "valence": "", "version": version(sheet)},
        )
        assert second.status_code == 200, second.text
        third = c.post(
            "/api/excerpts/a-002",
            json={"case": "alpha", "codes": ["CONN"], "valence": "", "version": version(sheet)},
        )
        assert third.status_code == 200, third.text
        made = c.post(
            "/api/excerpts",
            json={"case": "alpha", "source": "int-1", "span": [0, 4], "version": "x"},
        )
        assert made.status_code == 400
        gone = c.post("/api/excerpts/a-001/delete", json={"case": "alpha", "version": "x"})
        assert gone.status_code == 400
    assert sheet.read_text(encoding="utf-8") == (
        "coder: ana\ncase: alpha\ncodings:\n  a-002: {codes: [CONN]}\n  a-001: {codes: []}\n"
    )
    assert case_file(root).read_bytes() == case_before
    assert validate_project(root)[1].errors == 0


@pytest.mark.skipif(not HAS_KEY, reason="this version of the model has no Excerpt.key")
def test_marking_and_unmarking_a_key_quote(client: TestClient, root: Path) -> None:
    before = case_file(root).read_text(encoding="utf-8")
    marked = client.post(
        "/api/excerpts/a-002",
        json={"case": "alpha", "codes": ["CONN"], "key": True, "version": version(case_file(root))},
    )
    assert marked.status_code == 200, marked.text
    text = case_file(root).read_text(encoding="utf-8")
    assert "    valence: inhibiting\n    key: true\n" in text
    unmarked = client.post(
        "/api/excerpts/a-002",
        json={
            "case": "alpha",
            "codes": ["CONN"],
            "key": False,
            "version": version(case_file(root)),
        },
    )
    assert unmarked.status_code == 200
    assert case_file(root).read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nests lists or objects too deeply"),
        (b'{"case": "alpha", "memo": "\\ud800"}', "lone surrogate"),
    ],
)
@pytest.mark.parametrize("url", ["/api/excerpts", "/api/excerpts/x/delete", "/api/undo"])
def test_a_hostile_body_is_a_bad_request(
    client: TestClient, root: Path, raw: bytes, message: str, url: str
) -> None:
    """Within the size limit but nested 100,000 deep (a RecursionError in the JSON decoder) or
    holding a lone surrogate: 400 with a sentence, and nothing written."""
    before = case_file(root).read_bytes()
    response = client.post(url, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert message in response.json()["message"]
    assert case_file(root).read_bytes() == before
