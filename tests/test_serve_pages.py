"""The workbench's pages and gate, through Starlette's TestClient (no browser, no socket)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient

from egovcode.serve.app import create_app
from egovcode.serve.highlight import Mark, render, segments
from egovcode.serve.views import Settings, TextProblem, read_text
from tests.serve_project import INTERVIEW, span_of, write_project

PORT = 8765
TOKEN = "s3cret-token"
BASE = f"http://127.0.0.1:{PORT}"


def client_for(root: Path, lang: str = "en", coder: str | None = None) -> TestClient:
    app = create_app(Settings(root, lang, coder), TOKEN, PORT)
    return TestClient(app, base_url=BASE, follow_redirects=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p")


@pytest.fixture
def client(project: Path) -> Iterator[TestClient]:
    with client_for(project) as c:
        c.cookies.set(f"egovcode-token-{PORT}", TOKEN)
        yield c


# -- the gate ------------------------------------------------------------------------------------


def test_a_request_without_the_token_is_refused(project: Path) -> None:
    with client_for(project) as c:
        for path in ("/", "/source/alpha/int-1", "/static/workbench.js"):
            response = c.get(path)
            assert response.status_code == 403, path
            assert "access token" in response.text
            assert "Desa Alpha" not in response.text
        assert c.get("/", params={"token": "wrong"}).status_code == 403
        assert c.get("/", headers={"x-egovcode-token": "wrong"}).status_code == 403


def test_the_token_in_the_url_sets_a_cookie_and_is_dropped_from_the_address(
    project: Path,
) -> None:
    with client_for(project) as c:
        response = c.get("/source/alpha/int-1", params={"token": TOKEN, "x": "1"})
        assert response.status_code == 303
        assert response.headers["location"] == "/source/alpha/int-1?x=1"
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"egovcode-token-{PORT}={TOKEN};")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = c.get("/source/alpha/int-1")  # the client keeps the cookie
        assert page.status_code == 200 and "Desa Alpha" in page.text


def test_the_token_header_is_accepted(project: Path) -> None:
    with client_for(project) as c:
        assert c.get("/", headers={"x-egovcode-token": TOKEN}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost", ""])
def test_another_host_header_is_refused(client: TestClient, host: str) -> None:
    """DNS rebinding: a foreign name pointing at 127.0.0.1 still sends its own Host."""
    response = client.get("/", headers={"host": host})
    assert response.status_code == 400
    assert "Host" in response.text


def test_localhost_is_a_good_host(client: TestClient) -> None:
    assert client.get("/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_a_foreign_origin_is_refused(client: TestClient) -> None:
    response = client.get("/", headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    response = client.post("/api/undo", json={}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_a_write_needs_an_origin_and_json(client: TestClient) -> None:
    assert client.post("/api/undo", json={}).status_code == 403  # no Origin
    response = client.post(
        "/api/undo",
        content=b"case=alpha",
        headers={"origin": BASE, "content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415


def test_security_headers_are_on_every_answer(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


# -- nothing outside the project -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/strings.yaml",
        "/static/..%2fstrings.yaml",
        "/cases/alpha.yaml",
        "/texts/alpha/int-1.txt",
        "/source/alpha/..%2f..%2fegovcode.yaml",
        "/source/alpha/nope",
        "/source/nope/int-1",
    ],
)
def test_nothing_but_pages_and_the_two_assets_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Kami mulai" not in response.text and "case:" not in response.text


def test_the_assets_are_served_from_the_package(client: TestClient) -> None:
    css = client.get("/static/workbench.css")
    js = client.get("/static/workbench.js")
    assert css.status_code == js.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert js.headers["content-type"].startswith("text/javascript")
    assert "http" not in js.text.replace("HTTP ", "")  # no CDN, nothing fetched elsewhere


def test_a_text_file_outside_the_project_is_not_shown(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    case = project / "cases" / "alpha.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("texts/alpha/int-1.txt", "../secret.txt"),
        encoding="utf-8",
    )
    with client_for(project) as c:
        page = c.get("/source/alpha/int-1", headers={"x-egovcode-token": TOKEN})
    assert page.status_code == 200
    assert "top secret" not in page.text
    assert "is not a path inside the project" in page.text
    for outside in ("../secret.txt", str(secret)):
        with pytest.raises(TextProblem, match="not a path inside the project"):
            read_text(project, outside)


# -- the pages -------------------------------------------------------------------------------------


def test_the_project_page_shows_cases_sources_counts_status_and_coverage(
    client: TestClient,
) -> None:
    html = client.get("/").text
    assert "Workbench test project" in html
    assert "Desa Alpha" in html and "kepala unit layanan" in html
    assert 'href="/source/alpha/int-1"' in html
    assert 'href="/source/alpha/doc-1"' not in html  # no text file to open
    assert "No errors: 0 error(s), 0 warning(s)" in html
    assert '<svg class="chart"' in html and "Application development" in html


def test_the_project_page_lists_diagnostics_when_the_project_has_errors(
    project: Path,
) -> None:
    case = project / "cases" / "alpha.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("codes: [CONN]", "codes: [CONNN]"),
        encoding="utf-8",
    )
    with client_for(project) as c:
        html = c.get("/", headers={"x-egovcode-token": TOKEN}).text
    assert "1 error(s)" in html
    assert "cases/alpha.yaml:" in html and "EGC202" in html and "CONNN" in html
    assert '<svg class="chart"' not in html


def test_the_project_page_in_indonesian(project: Path) -> None:
    with client_for(project, lang="id") as c:
        html = c.get("/", headers={"x-egovcode-token": TOKEN}).text
    assert '<html lang="id">' in html
    assert "Proyek uji meja kerja" in html and "Kasus" in html and "Cakupan" in html


def test_the_source_page_highlights_the_excerpts(client: TestClient) -> None:
    html = client.get("/source/alpha/int-1").text
    start, _ = span_of("Kami mulai memakai aplikasi layanan sejak 2021.")
    assert f'<mark class="x c0 o1" data-s="{start}" data-x="a-001">Kami mulai' in html
    inner, _ = span_of("sering putus")
    assert f'data-s="{inner}" data-x="a-002 a-003">sering putus</mark>' in html  # overlap
    assert "o2" in html
    assert "kepala unit layanan" in html and "tatap muka" in html and "2024-03-05" in html


def test_case_data_are_escaped_everywhere(project: Path) -> None:
    case = project / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    text = text.replace("kepala unit layanan", "'<script>alert(1)</script>'")
    text = text.replace("name: Desa Alpha", 'name: "Desa </script><b>Alpha</b>"')
    case.write_text(text, encoding="utf-8")
    with client_for(project) as c:
        for path in ("/", "/source/alpha/int-1"):
            html = c.get(path, headers={"x-egovcode-token": TOKEN}).text
            assert "<script>alert" not in html and "<b>Alpha" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the interview text itself holds `<b>& gratis</b>`: escaped in the text and in the JSON
    with client_for(project) as c:
        html = c.get("/source/alpha/int-1", headers={"x-egovcode-token": TOKEN}).text
    assert "&lt;b&gt;&amp; gratis&lt;/b&gt;" in html
    state = html.split('<script type="application/json" id="state">')[1].split("</script>")[0]
    assert "<" not in state and ">" not in state and "&" not in state


def test_coder_mode_hides_the_consensus_codes(project: Path) -> None:
    coder = project / "codings" / "ana"
    coder.mkdir(parents=True)
    (coder / "alpha.yaml").write_text(
        "coder: ana\ncase: alpha\ncodings:\n  a-001: {codes: [COMP], valence: neutral}\n"
        "  a-002: null\n",
        encoding="utf-8",
    )
    with client_for(project, coder="ana") as c:
        html = c.get("/source/alpha/int-1", headers={"x-egovcode-token": TOKEN}).text
        home = c.get("/", headers={"x-egovcode-token": TOKEN}).text
    assert "APP.PORTAL" not in html.split("<aside")[1].split('id="state"')[0]
    state = html.split('id="state">')[1].split("</script>")[0]
    assert '"codes": ["COMP"]' in state
    assert '"a-002": {"codes": []' in state
    assert 'APP.PORTAL"]' not in state and '["CONN"]' not in state
    assert "codings/ana/" in home
    assert "1 rated, 3 to rate" in home


# -- the highlighting itself ----------------------------------------------------------------------


def test_segments_cut_at_every_boundary_and_keep_overlaps() -> None:
    marks = [Mark("x", 2, 8, "c0"), Mark("y", 4, 6, "c1"), Mark("z", 7, 99, "c2")]
    cut = segments("abcdefghij", marks)
    assert [(s.start, s.end, [m.excerpt for m in s.marks]) for s in cut] == [
        (0, 2, []),
        (2, 4, ["x"]),
        (4, 6, ["x", "y"]),
        (6, 8, ["x"]),
        (8, 10, []),
    ]
    assert "".join(s.text for s in cut) == "abcdefghij"


def test_offsets_are_code_points() -> None:
    text = "a😀b <c>"
    html = render(text, [Mark("e1", 1, 3, "c0")])
    assert html == (
        '<span data-s="0">a</span><mark class="x c0 o1" data-s="1" data-x="e1">😀b</mark>'
        '<span data-s="3"> &lt;c&gt;</span>'
    )
    assert INTERVIEW.count("\n") == 4


def test_on_port_80_the_host_without_a_port_is_ours(project: Path) -> None:
    app = create_app(Settings(project), TOKEN, 80)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/", headers={"x-egovcode-token": TOKEN}).status_code == 200
        refused = c.get("/", headers={"x-egovcode-token": TOKEN, "host": "evil.example"})
        assert refused.status_code == 400
