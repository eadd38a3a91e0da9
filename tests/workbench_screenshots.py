"""Take the screenshots of docs/workbench.md: ``python -m tests.workbench_screenshots``.

They show the bundled project plus one interview, in a temporary copy: the interview below is
invented for the pictures (the bundled cases have no interview) and never enters ``cases/``.
The pages are served by the real workbench and photographed in the system Chromium, so the
pictures change when the pages do; look at them before committing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from egovcode.edit.excerpts import add_excerpt, set_coding
from egovcode.interchange.transcript.importer import ImportOptions, import_transcripts
from egovcode.load.project import load_project
from egovcode.serve.run import start_in_thread
from egovcode.serve.views import Settings, read_text
from tests.browser import launch_browser
from tests.serve_project import select_span

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"

INTERVIEW = """\
Tanggal: 10 Februari 2025
Jabatan: staf bidang aplikasi, Diskominfo
Lokasi: kantor dinas
Media: tatap muka

P: Sejak kapan layanan daring dipakai di kelurahan?
I: Sejak 2021 semua kelurahan memakai aplikasi layanan yang sama, jadi warga tidak perlu \
datang ke kantor dinas.
P: Apa kendalanya?
I: Jaringan intranet belum menjangkau tiga kelurahan, sehingga petugas di sana masih \
mengirim berkas lewat kurir.
I: Untuk petugas baru ada pelatihan aplikasi dua kali setahun, tetapi tanpa anggaran \
tambahan pelatihan itu sering ditunda.
"""

#: (excerpt made by the import, codes, valence) and (passage inside it, codes, valence)
CODED = [
    ("wawancara-demo-001", ["APP.PORTAL"], "supporting"),
    ("wawancara-demo-002", ["CONN.INTRANET"], "inhibiting"),
    ("wawancara-demo-003", ["COMP.TRAINING"], "inhibiting"),
]
NESTED = [("tanpa anggaran tambahan", ["CAP"], "inhibiting")]
NEW = "warga tidak perlu datang ke kantor dinas"


def build(root: Path) -> Path:
    """The bundled project in ``root`` with the interview imported and coded."""
    for folder in ("cases", "codings", "codebooks"):
        shutil.copytree(REPO / folder, root / folder)
    transcript = root.parent / "wawancara-demo.txt"
    transcript.write_text(INTERVIEW, encoding="utf-8")
    options = ImportOptions(
        case="kediri",
        speakers={"P": "interviewer", "I": "informant"},
        citation="Demonstration interview, invented for the workbench screenshots",
    )
    import_transcripts(root, [transcript], options)
    for excerpt, codes, valence in CODED:
        set_coding(load_project(root), excerpt, codes, valence=valence)
    text = read_text(root, "texts/kediri/wawancara-demo.txt")
    for passage, codes, valence in NESTED:
        start = text.index(passage)
        add_excerpt(
            load_project(root),
            "kediri",
            "wawancara-demo",
            (start, start + len(passage)),
            codes=codes,
            valence=valence,
        )
    return root


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = build(Path(tmp) / "project")
        browser = launch_browser()
        chromium = next(browser)
        for lang, coder, shots in (
            ("en", None, ("project", "source")),
            ("id", None, ("source-panel",)),
        ):
            running = start_in_thread(Settings(root, lang, coder))
            page = chromium.new_page(viewport={"width": 1280, "height": 860})
            page.goto(running.url)
            for shot in shots:
                if shot == "project":
                    page.goto(f"http://127.0.0.1:{running.port}/")
                    page.screenshot(path=IMAGES / "workbench-project.png", full_page=True)
                    continue
                page.goto(f"http://127.0.0.1:{running.port}/source/kediri/wawancara-demo")
                page.wait_for_selector("#text")
                if shot == "source":
                    page.click("mark[data-x*='wawancara-demo-004']")
                    page.evaluate("window.scrollTo(0, 0)")
                else:
                    start = read_text(root, "texts/kediri/wawancara-demo.txt").index(NEW)
                    select_span(page, start, start + len(NEW))
                    page.fill("#code-search", "warga")
                page.screenshot(path=IMAGES / f"workbench-{shot}.png")
            page.close()
            running.stop()
        browser.close()
    for name in ("project", "source", "source-panel"):
        print(f"wrote docs/images/workbench-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
