"""End to end in a real headless Chromium: the workbench as a person uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from egovcode.serve.run import Running, start_in_thread
from egovcode.serve.views import Settings
from tests.serve_project import INTERVIEW, select_span, span_of, write_project

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p")


def serve(root: Path, lang: str = "en", coder: str | None = None) -> Iterator[Running]:
    running = start_in_thread(Settings(root, lang, coder))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def server(project: Path) -> Iterator[Running]:
    yield from serve(project)


def open_source(page: Any, server: Running, path: str = "/source/alpha/int-1") -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url)  # the URL with the token sets the cookie
    page.goto(f"http://127.0.0.1:{server.port}{path}")
    page.wait_for_selector("#text")
    assert errors == []


def select(page: Any, passage: str) -> None:
    """Select ``passage`` in the text with the mouse."""
    select_span(page, *span_of(passage))


def test_the_page_needs_the_token(page: Any, server: Running) -> None:
    response = page.goto(f"http://127.0.0.1:{server.port}/source/alpha/int-1")
    assert response.status == 403
    assert "access token" in page.inner_text("body")
    assert "Kami mulai" not in page.content()


def test_selecting_a_passage_opens_the_panel_with_that_passage(page: Any, server: Running) -> None:
    open_source(page, server)
    passage = "Pelatihan untuk operator baru diadakan dua kali setahun <b>& gratis</b>."
    select(page, passage)
    page.wait_for_selector("#panel:not([hidden])")
    assert page.inner_text("#panel-quote") == passage
    assert page.inner_text("#panel-title") == "New excerpt"


def test_clicking_an_overlap_edits_the_innermost_excerpt(page: Any, server: Running) -> None:
    open_source(page, server)
    page.click("mark[data-x='a-002 a-003']")
    assert page.inner_text("#panel-title") == "Excerpt a-003"
    page.keyboard.press("Escape")
    page.click("#text mark[data-x='a-001']")
    assert page.inner_text("#panel-title") == "Excerpt a-001"
    assert page.inner_text("#chosen") == "APP.PORTAL ×"
    assert page.is_checked("input[name=valence][value=supporting]")


def test_searching_codes_in_both_languages(page: Any, server: Running) -> None:
    open_source(page, server)
    select(page, "Kami mulai memakai aplikasi layanan sejak 2021.")
    page.fill("#code-search", "pelatihan")  # Indonesian keyword or definition of a code
    found = page.eval_on_selector_all("#code-list li", "els => els.map(e => e.dataset.code)")
    assert "COMP.TRAINING" in found and "APP.PORTAL" not in found
    page.fill("#code-search", "connectivity")
    found = page.eval_on_selector_all("#code-list li", "els => els.map(e => e.dataset.code)")
    assert found[0] == "CONN"
    title = page.get_attribute("#code-list li[data-code='CONN']", "title")
    assert title.startswith("CONN — Connectivity") and "Definition:" in title


def test_next_and_previous_excerpt_keys(page: Any, server: Running) -> None:
    open_source(page, server)
    page.keyboard.press("j")
    assert page.inner_text("#panel-title") == "Excerpt a-001"
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    assert page.inner_text("#panel-title") == "Excerpt a-002"
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("k")
    assert page.inner_text("#panel-title") == "Excerpt a-001"
    assert INTERVIEW  # the fixture text is what the page shows


def pick_code(page: Any, query: str, code: str) -> None:
    page.fill("#code-search", query)
    page.click(f"#code-list li[data-code='{code}']")


def test_coding_a_passage_with_the_mouse_writes_an_excerpt_validate_and_tally_see(
    page: Any, server: Running, project: Path
) -> None:
    from egovcode.analyze.tally import tally
    from egovcode.check.validate import validate_project

    open_source(page, server)
    passage = "Pelatihan untuk operator baru diadakan dua kali setahun <b>& gratis</b>."
    select(page, passage)
    page.wait_for_selector("#panel:not([hidden])")
    pick_code(page, "training", "COMP.TRAINING")
    page.check("input[name=valence][value=supporting]")
    page.fill("#memo", "Free training, twice a year.")
    page.check("#key")
    with page.expect_navigation():
        page.click("#save")
    page.wait_for_selector("#message:not([hidden])")
    assert page.inner_text("#message") == "Saved int-1-001 in cases/alpha.yaml."
    start, end = span_of(passage)
    assert page.inner_text(f"mark[data-x='int-1-001'][data-s='{start}']") == passage

    loaded, report = validate_project(project)
    assert report.errors == 0
    new = loaded.cases[0].data.excerpts[-1]
    assert (new.id, new.span, new.text, new.codes) == (
        "int-1-001",
        (start, end),
        passage,
        ["COMP.TRAINING"],
    )
    assert INTERVIEW[start:end] == passage
    counts = tally(loaded, by="case", level="all").to_dict()
    row = next(r for r in counts["rows"] if r["code"] == "COMP.TRAINING")
    assert row["counts"]["alpha"] == 1


def test_a_concurrent_edit_on_disk_makes_the_next_save_refuse(
    page: Any, server: Running, project: Path
) -> None:
    open_source(page, server)
    case = project / "cases" / "alpha.yaml"
    edited = case.read_text(encoding="utf-8").replace(
        "codes: [CONN]", "codes: [CONN.PDN]  # changed in an editor"
    )
    case.write_text(edited, encoding="utf-8")
    page.click("#text mark[data-x='a-001']")
    pick_code(page, "capital", "CAP")
    with page.expect_navigation():
        page.click("#save")
    page.wait_for_selector("#message:not([hidden])")
    message = page.inner_text("#message")
    assert "cases/alpha.yaml changed on disk since this page was built" in message
    assert case.read_text(encoding="utf-8") == edited  # nothing overwritten
    # the page reloaded from the file as it is now, so the next save goes through
    page.click("#text mark[data-x='a-001']")
    pick_code(page, "capital", "CAP")
    with page.expect_navigation():
        page.click("#save")
    page.wait_for_selector("#message:not([hidden])")
    assert page.inner_text("#message") == "Saved a-001 in cases/alpha.yaml."
    text = case.read_text(encoding="utf-8")
    assert "codes: [APP.PORTAL, CAP]" in text and "# changed in an editor" in text


def test_recent_codes_by_number_and_undo_by_key(page: Any, server: Running, project: Path) -> None:
    case = project / "cases" / "alpha.yaml"
    before = case.read_bytes()
    open_source(page, server)
    page.click("#text mark[data-x='a-001']")
    pick_code(page, "regulation", "REG")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    assert "codes: [APP.PORTAL, REG]" in case.read_text(encoding="utf-8")
    page.click("#text mark[data-x='a-002 a-003']")  # a-003, uncoded
    page.locator("#panel-title").click()  # leave the search box, so keys are shortcuts
    page.keyboard.press("1")  # the most recent code: REG
    assert page.inner_text("#chosen") == "REG ×"
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("u")
    page.wait_for_selector("#message:not([hidden])")
    assert page.inner_text("#message") == "Undid the last change to cases/alpha.yaml."
    assert case.read_bytes() == before


def test_coding_in_indonesian_in_coder_mode(page: Any, project: Path) -> None:
    for running in serve(project, lang="id", coder="ana"):
        open_source(page, running)
        assert page.inner_text("#excerpt-list li[data-x='a-001']").count("APP.PORTAL") == 0
        assert page.inner_text("#progress") == "0 dinilai, 3 belum dinilai"
        page.click("#text mark[data-x='a-001']")
        assert page.inner_text("#panel-title") == "Kutipan a-001"
        pick_code(page, "pelatihan", "COMP.TRAINING")
        page.check("input[name=valence][value=neutral]")
        with page.expect_navigation():
            page.click("#save")
        page.wait_for_selector("#message:not([hidden])")
        assert page.inner_text("#message") == "a-001 disimpan di codings/ana/alpha.yaml."
        page.goto(f"http://127.0.0.1:{running.port}/")
        assert "1 dinilai, 3 belum dinilai" in page.inner_text("body")
    sheet = project / "codings" / "ana" / "alpha.yaml"
    assert sheet.read_text(encoding="utf-8").endswith(
        "  a-001: {codes: [COMP.TRAINING], valence: neutral}\n"
    )


def test_five_passages_coded_in_english_and_indonesian_show_in_git_diff_as_new_excerpts_only(
    page: Any, tmp_path: Path
) -> None:
    """The bundled project plus an imported interview: code five passages in the browser (three
    in English, two in Indonesian) without touching YAML; `git diff` shows only new excerpts."""
    import shutil
    import subprocess

    from egovcode.check.validate import validate_project
    from egovcode.interchange.transcript.importer import ImportOptions, import_transcripts
    from egovcode.serve.views import read_text
    from tests.workbench_screenshots import INTERVIEW as DEMO
    from tests.workbench_screenshots import REPO

    if shutil.which("git") is None:
        pytest.skip("needs git")
    root = tmp_path / "study"
    for folder in ("cases", "codings", "codebooks"):
        shutil.copytree(REPO / folder, root / folder)
    transcript = tmp_path / "wawancara-demo.txt"
    transcript.write_text(DEMO, encoding="utf-8")
    options = ImportOptions(case="kediri", speakers={"P": "interviewer", "I": "informant"})
    import_transcripts(root, [transcript], options)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    text = read_text(root, "texts/kediri/wawancara-demo.txt")
    plan = [
        ("en", "jadi warga tidak perlu datang ke kantor dinas", "citizen", "CIT.IMPROVE"),
        ("en", "Jaringan intranet belum menjangkau tiga kelurahan", "intranet", "CONN.INTRANET"),
        ("en", "mengirim berkas lewat kurir", "connectivity", "CONN"),
        ("id", "pelatihan aplikasi dua kali setahun", "pelatihan", "COMP.TRAINING"),
        ("id", "tanpa anggaran tambahan", "anggaran", "CAP"),
    ]
    for lang in ("en", "id"):
        for running in serve(root, lang=lang):
            page.goto(running.url)
            page.goto(f"http://127.0.0.1:{running.port}/source/kediri/wawancara-demo")
            for _, passage, query, code in [p for p in plan if p[0] == lang]:
                start = text.index(passage)
                select_span(page, start, start + len(passage))
                page.wait_for_selector("#panel:not([hidden])")
                pick_code(page, query, code)
                with page.expect_navigation():
                    page.click("#save")
                page.wait_for_selector("#message:not([hidden])")
    numstat = git("diff", "--numstat").split()
    assert numstat[1:] == ["0", "cases/kediri.yaml"]  # lines added, none removed, one file
    added = [
        line[1:]
        for line in git("diff", "-U0").splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert sum(1 for line in added if line.startswith("  - id: wawancara-demo-")) == 5
    loaded, report = validate_project(root)
    assert report.errors == 0
    kediri = next(c for c in loaded.cases if c.data.case.id == "kediri").data
    new = [e for e in kediri.excerpts if e.id >= "wawancara-demo-004"]
    assert [(e.text, e.codes) for e in new] == [(p[1], [p[3]]) for p in plan]
    assert all(e.span is not None and text[e.span[0] : e.span[1]] == e.text for e in new)


def test_deleting_an_excerpt_after_confirming(page: Any, server: Running, project: Path) -> None:
    open_source(page, server)
    page.click("#excerpt-list li[data-x='a-003']")
    assert page.inner_text("#panel-title") == "Excerpt a-003"
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#delete")  # dismissed: nothing happens
    assert "a-003" in (project / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#delete")
    page.wait_for_selector("#message:not([hidden])")
    assert page.inner_text("#message") == "Deleted a-003 from cases/alpha.yaml."
    assert page.locator("mark[data-x*='a-003']").count() == 0
    assert "a-003" not in (project / "cases" / "alpha.yaml").read_text(encoding="utf-8")
