"""What the report may claim, pinned on the bundled project and on other projects and wording.

Each rule holds for any project: a paraphrase is never set as a quotation, a synthetic coder is
never "independent", counts are coding and not findings, sources are counted once, numbers that
open a sentence are words, the Indonesian report carries no English boilerplate, and the report
never tells its reader to run a command.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from egovcode.analyze.agreement_summary import agreement_summary
from egovcode.check.validate import validate_project
from egovcode.load.project import Project
from egovcode.report import build_context, render_report
from egovcode.report.words import number_words
from tests.conftest import REPO, shared_file, write_tree
from tests.render_fixture import PROJECT as MINI

LANGS = ("en", "id")
FORMATS = ("md", "html")
QUOTE_MARKS = '"“”‘’«»„'

CODEBOOK = """
id: other
version: "1"
title: {en: Other framework, id: Kerangka lain}
codes:
  - id: SVC
    kind: component
    label: {en: Service design, id: Desain layanan}
    definition: {en: How services are designed., id: Cara layanan dirancang.}
  - id: OUT
    kind: outcome
    label: {en: Uptake, id: Pemanfaatan}
    definition: {en: Whether people use it., id: Apakah layanan dipakai.}
"""

CASE = """
case: {{id: {id}, name: {name}, type: kabupaten}}
sources:
  - id: book
    kind: document
    citation: "Penulis, P. (2020). Sebuah buku tentang layanan. https://doi.org/10.1/x"
    url: https://doi.org/10.1/x
  - id: site
    kind: online
    citation: Portal {name}
  - id: talk
    kind: interview
    citation: Wawancara kepala dinas {name}
    informant_role: kepala dinas
excerpts:
  - id: {id}-1
    source: book
    text: Paraphrasedwordsfor{id} the analyst wrote this summary of the book
    codes: [SVC]
    valence: supporting
  - id: {id}-2
    source: talk
    form: quote
    locator: "menit 12"
    text: Quotedwordsfor{id} exactly as the head of office said them
    codes: [OUT]
    valence: inhibiting
  - id: {id}-3
    source: book
    form: paraphrase
    text: Secondparaphrasefor{id} also in the analyst's words
    translations: {{en: Translatedparaphrasefor{id} in English}}
    codes: [SVC, OUT]
    valence: neutral
"""

CODER = "coder: {coder}\ncase: {case}\n{synthetic}codings:\n  {case}-1: {{codes: [SVC]}}\n" + (
    "  {case}-2: {{codes: [OUT]}}\n  {case}-3: {{codes: [{third}]}}\n"
)


def other_project(root: Path, *, synthetic: bool, config: str = "") -> Path:
    """Two cases citing one book (the same citation in both files), an unused online source
    each, quotes and paraphrases, and two coders that are real or synthetic."""
    tree: dict[str, object] = {
        "egovcode.yaml": "codebook: codebooks/other.yaml\n" + config,
        "codebooks/other.yaml": CODEBOOK,
        "cases/hulu.yaml": CASE.format(id="hulu", name="Kabupaten Hulu"),
        "cases/hilir.yaml": CASE.format(id="hilir", name="Kabupaten Hilir"),
    }
    for coder, third in (("dewi", "SVC"), ("eko", "OUT")):
        for case in ("hulu", "hilir"):
            flag = "synthetic: true\n" if synthetic else ""
            tree[f"codings/{coder}/{case}.yaml"] = CODER.format(
                coder=coder, case=case, synthetic=flag, third=third
            )
    return write_tree(root, tree)


def load(root: Path) -> Project:
    project, report = validate_project(root)
    assert report.errors == 0, [d.message for d in report.diagnostics]
    return project


def render_all(project: Project) -> Iterator[tuple[str, str, str]]:
    for lang in LANGS:
        agreement = agreement_summary(project, lang)
        for fmt in FORMATS:
            yield lang, fmt, render_report(project, fmt=fmt, lang=lang, agreement=agreement)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bundled() -> Project:
    return load(REPO)


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Project:
    return load(other_project(tmp_path, synthetic=True))


@pytest.fixture
def real_project(tmp_path: Path) -> Project:
    return load(other_project(tmp_path, synthetic=False))


def _probe(text: str) -> str:
    """The first words of an excerpt, as they appear in any output (no markup characters)."""
    words = re.findall(r"[\w-]+", text)
    return " ".join(words[:4])


def _quote_context(output: str, fmt: str, probe: str) -> list[str]:
    """Every way ``probe`` is set as a quotation in ``output``: inside a block quote or a <q>,
    on a Markdown quote line, or right after a quotation mark."""
    found = []
    plain = html.unescape(output) if fmt == "html" else output
    for match in re.finditer(re.escape(probe), plain):
        before = plain[: match.start()]
        line = before[before.rfind("\n") + 1 :]
        if fmt == "md" and line.lstrip().startswith(">"):
            found.append("markdown block quote")
        if fmt == "html" and before.count("<blockquote") > before.count("</blockquote>"):
            found.append("<blockquote>")
        if fmt == "html" and before.count("<q") > before.count("</q>"):
            found.append("<q>")
        if before.rstrip()[-1:] in QUOTE_MARKS:
            found.append("quotation mark")
    return found


def _excerpts(project: Project) -> Iterator[tuple[str, str, list[str]]]:
    for lc in project.cases:
        for e in lc.data.excerpts:
            yield e.effective_form(), e.text, list(e.translations.values())


@pytest.mark.parametrize("which", ["bundled", "synthetic_project", "mini"])
def test_a_paraphrase_is_never_set_as_a_quotation(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    project = (
        load(write_tree(tmp_path, MINI)) if which == "mini" else request.getfixturevalue(which)
    )
    outputs = list(render_all(project))
    checked = 0
    for form, text, translations in _excerpts(project):
        for lang, fmt, output in outputs:
            for probe in [_probe(text), *(_probe(t) for t in translations)]:
                if not probe or probe not in (html.unescape(output) if fmt == "html" else output):
                    continue
                set_as = _quote_context(output, fmt, probe)
                if form == "paraphrase":
                    checked += 1
                    assert set_as == [], (which, lang, fmt, probe, set_as)
    assert checked > 0


def test_a_quote_is_set_as_a_quotation_and_a_paraphrase_is_attributed(
    synthetic_project: Project,
) -> None:
    for lang, fmt, output in render_all(synthetic_project):
        plain = html.unescape(re.sub(r"<[^>]+>", "", output)) if fmt == "html" else output
        assert _quote_context(output, fmt, "Quotedwordsforhulu exactly as"), (lang, fmt)
        lead = "According to" if lang == "en" else "Menurut"
        assert f"{lead} Penulis, P. (2020): Paraphrasedwordsforhulu" in plain, (lang, fmt)


def test_the_method_counts_quotes_paraphrases_and_sources_once(synthetic_project: Project) -> None:
    method = build_context(synthetic_project, "en")["method"]
    assert (method["excerpts"], method["quotes"], method["paraphrases"]) == (6, 2, 4)
    # One book cited by both case files is one source; the two interviews differ.
    assert method["sources"] == 3
    assert {k["kind"]: k["count"] for k in method["sources_by_kind"]} == {
        "interview": 2,
        "document": 1,
    }
    assert method["sources_unused"] == [
        {"kind": "online", "id": "site"},
        {"kind": "online", "id": "site"},
    ]
    assert "6 excerpts citing 3 sources (2 interviews and 1 document)" in method["summary"]
    assert "2 quotations of the source's own words and 4 paraphrases" in method["summary"]
    assert "cited by no excerpt: 2 online sources (site and site)" in method["summary"]
    indonesian = build_context(synthetic_project, "id")["method"]["summary"]
    assert "2 kutipan langsung dari sumber dan 4 parafrasa analis" in indonesian


def test_unused_sources_are_listed_apart_and_the_doi_is_printed_once(
    synthetic_project: Project,
) -> None:
    for lang, fmt, output in render_all(synthetic_project):
        heading = "Sources of evidence" if lang == "en" else "Sumber bukti"
        label = "cited by no excerpt" if lang == "en" else "tidak dirujuk kutipan mana pun"
        table, _, unused = output.split(heading)[-1].partition(label)
        assert table.count("https://doi.org/10.1/x") == 2, (lang, fmt)  # one row per case file
        assert "Portal Kabupaten" not in table and unused.count("Portal Kabupaten") == 2


@pytest.mark.parametrize("synthetic", [True, False])
def test_a_synthetic_coder_is_a_demonstration_coder_and_never_independent(
    tmp_path: Path, synthetic: bool
) -> None:
    project = load(other_project(tmp_path, synthetic=synthetic))
    for lang, fmt, output in render_all(project):
        assert re.search(r"independen", output, re.IGNORECASE) is None, (lang, fmt)
        demo = "demonstration coders" if lang == "en" else "pengode demonstrasi"
        assert (demo in output) == synthetic, (lang, fmt)
        band = "(reliable" if lang == "en" else "(andal"
        assert band not in output or not synthetic
        if lang == "en" and not synthetic:
            assert "Two coders: dewi and eko." in output
        if lang == "id" and not synthetic:
            assert "Dua pengode: dewi dan eko." in output


def test_the_config_can_declare_every_coder_synthetic(tmp_path: Path) -> None:
    project = load(other_project(tmp_path, synthetic=False, config="synthetic: true\n"))
    summary = agreement_summary(project, "en")
    assert summary is not None and summary["summary"].startswith(
        "Two demonstration coders (synthetic, not part of the study: dewi and eko)"
    )


def test_single_analyst_codes_are_not_called_consensus(
    bundled: Project, synthetic_project: Project
) -> None:
    for project in (bundled, synthetic_project):
        for _, _, output in render_all(project):
            assert "consensus" not in output and "konsensus" not in output


LEADS_EN = re.compile(r"\bevidence\b|\bshows?\b", re.IGNORECASE)


@pytest.mark.parametrize("which", ["bundled", "synthetic_project"])
def test_lead_sentences_state_coding_not_findings(
    which: str, request: pytest.FixtureRequest
) -> None:
    project = request.getfixturevalue(which)
    for lang in LANGS:
        context = build_context(project, lang)
        for section in context["components"] + context["outcome"]:
            lead = section["lead"]
            if lang == "en":
                assert "coded to" in lead and not LEADS_EN.search(lead), lead
            else:
                assert "dikodekan ke" in lead and "menunjukkan bukti" not in lead, lead


def test_counts_carry_the_caveat_next_to_every_table_and_chart(synthetic_project: Project) -> None:
    caveats = {"en": "not how strong a component is", "id": "bukan seberapa kuat suatu komponen"}
    for lang, fmt, output in render_all(synthetic_project):
        sections = 2  # SVC and OUT each have a contrast table
        expected = 1 + sections + (2 if fmt == "html" else 0)  # Table 2, contrasts, two charts
        assert output.count(caveats[lang]) == expected, (lang, fmt)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def test_no_generated_sentence_starts_with_a_digit(
    bundled: Project, synthetic_project: Project
) -> None:
    for project in (bundled, synthetic_project):
        for lang in LANGS:
            context = build_context(project, lang, agreement=agreement_summary(project, lang))
            method = context["method"]
            texts = [method["summary"], method["coders_sentence"], method["unit"]]
            texts += [s["lead"] for s in context["components"] + context["outcome"]]
            agreement = context["agreement"]
            texts += [agreement["summary"], *agreement["notes"]]
            for text in texts:
                for sentence in _sentences(text):
                    assert not sentence[0].isdigit(), (lang, sentence)


def test_numbers_in_words() -> None:
    assert [number_words(n, "id") for n in (3, 11, 12, 21, 100, 115, 1000)] == [
        "tiga",
        "sebelas",
        "dua belas",
        "dua puluh satu",
        "seratus",
        "seratus lima belas",
        "seribu",
    ]
    assert [number_words(n, "en") for n in (3, 11, 21, 115)] == [
        "three",
        "eleven",
        "twenty-one",
        "one hundred and fifteen",
    ]
    assert number_words(3, "fr") is None and number_words(10**6, "en") is None


def test_the_report_never_tells_its_reader_to_run_a_command(
    bundled: Project, synthetic_project: Project
) -> None:
    command = re.compile(
        r"egovcode (agree|validate|render|merge|tally|query|export|init|codings|code|cooccur)\b"
    )
    for project in (bundled, synthetic_project):
        for lang, fmt, output in render_all(project):
            assert command.search(output) is None, (lang, fmt)


def test_the_indonesian_report_has_no_english_boilerplate(bundled: Project) -> None:
    for fmt in FORMATS:
        output = render_report(
            bundled, fmt=fmt, lang="id", agreement=agreement_summary(bundled, "id")
        )  # type: ignore[arg-type]
        for phrase in ("as reported in", "as cited in", "para.", "Analyst memo", "antar-pengode"):
            assert phrase not in output, (fmt, phrase)
        coders = "Tiga pengode demonstrasi (sintetis, bukan bagian dari penelitian): "
        assert coders + "ana, budi, dan citra." in output
        assert "tahun tidak disebutkan" in output
        assert "(dalam bahasa Inggris)" not in output  # every bundled memo is bilingual


# -- the bundled data against the article ------------------------------------------------------


def _excerpt(project: Project, excerpt_id: str):  # type: ignore[no-untyped-def]
    return next(e for lc in project.cases for e in lc.data.excerpts if e.id == excerpt_id)


def test_the_review_corrections_hold_in_the_data(bundled: Project) -> None:
    ids = {e.id for lc in bundled.cases for e in lc.data.excerpts}
    assert "jbr-007" not in ids  # a general recommendation is not a Jember finding
    spbe, ipp = _excerpt(bundled, "kdr-018"), _excerpt(bundled, "kdr-021")
    assert (spbe.codes, spbe.valence) == (["MATURITY"], "supporting")
    assert (ipp.codes, ipp.valence) == (["GOAL.QUALITY"], "inhibiting")
    assert "hanya" not in ipp.text.split()
    assert "salah satu unggulan" in _excerpt(bundled, "kdr-015").text
    assert "berupaya" in _excerpt(bundled, "kdr-001").text
    assert "instansi pemerintah" in _excerpt(bundled, "kdr-019").text
    assert _excerpt(bundled, "kdr-014").valence == "neutral"
    assert all(
        e.locator and "Abstrak" in e.locator
        for e in (_excerpt(bundled, i) for i in ("kdr-019", "kdr-020", "jbr-020"))
    )
    ikm = [ix for lc in bundled.cases for ix in lc.data.indices if ix.name == "IKM"]
    assert len(ikm) == 2 and all(ix.year is None for ix in ikm)
    assert all(c.data.synthetic for c in bundled.codings)
    for lc in bundled.cases:
        for e in lc.data.excerpts:
            assert e.locator and "para." not in e.locator, e.id
            assert isinstance(e.memo, dict | None), e.id


def test_the_factors_section_lists_the_articles_factors(bundled: Project) -> None:
    context = build_context(bundled, "en")
    assert (
        context["factors_view"]["title"] == "Supporting and inhibiting factors named in the sources"
    )
    listed = {
        f["case"]: [(i["excerpt"], [c["id"] for c in i["components"]]) for i in f["supporting"]]
        for f in context["factors"]
    }
    assert listed == {
        "jember": [("jbr-003", ["FAC.EARLYSTART"])],
        "kediri": [("kdr-017", ["FAC.LEADERSHIP", "FAC.REGULATION", "FAC.ECOSYSTEM"])],
    }
    assert "FAC" not in [row["code"] for row in context["coverage"]["rows"]]
    assert "FAC" not in [s["code"] for s in context["components"]]


def test_without_factor_codes_the_section_says_it_lists_valences(tmp_path: Path) -> None:
    project = load(write_tree(tmp_path, MINI))
    view = build_context(project, "id")["factors_view"]
    assert view["title"] == "Kutipan bervalensi mendukung atau menghambat"
    assert view["headings"]["supporting"] == "Bervalensi mendukung"


def test_every_bundled_quote_is_the_articles_own_words(bundled: Project) -> None:
    article = shared_file("seed/digitalisasi-pelayanan-publik-kediri-jember.txt")
    # The article's text marks italics with asterisks; they are formatting, not characters.
    words = " ".join(article.read_text(encoding="utf-8").replace("*", "").split())
    quotes = [e for _, e in _all(bundled) if e.effective_form() == "quote"]
    assert len(quotes) >= 3
    for e in quotes:
        assert " ".join(e.text.split()) in words, e.id


def test_every_bundled_figure_is_in_the_article(bundled: Project) -> None:
    article = shared_file("seed/digitalisasi-pelayanan-publik-kediri-jember.txt")
    text = article.read_text(encoding="utf-8")
    for _, e in _all(bundled):
        for number in re.findall(r"\d+(?:[.,:/]\d+)*", e.text):
            assert number in text, (e.id, number)


def _all(project: Project) -> Iterator[tuple[str, object]]:  # type: ignore[type-arg]
    for lc in project.cases:
        for e in lc.data.excerpts:
            yield lc.data.case.id, e


def test_other_projects_render_in_both_languages_without_a_year_or_coders(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = tree(
        {
            "egovcode.yaml": "codebook: codebooks/other.yaml\n",
            "codebooks/other.yaml": CODEBOOK,
            "cases/hulu.yaml": CASE.format(id="hulu", name="Kabupaten Hulu")
            + "indices:\n  - {name: IKM, value: 80, grade: B, source: Kementerian PANRB}\n",
        }
    )
    project = load(root)
    for lang, fmt, output in render_all(project):
        assert "None" not in output.replace("None recorded", ""), (lang, fmt)
        assert ("year not stated" if lang == "en" else "tahun tidak disebutkan") in output


@pytest.mark.parametrize("lang", LANGS)
def test_word_sets_quotes_in_the_quote_style_and_paraphrases_as_running_text(
    synthetic_project: Project, lang: str
) -> None:
    docx = pytest.importorskip("docx")
    import io

    from egovcode.report.word import render_docx

    data = render_docx(
        synthetic_project, lang=lang, agreement=agreement_summary(synthetic_project, lang)
    )
    document = docx.Document(io.BytesIO(data))
    styles = {}
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Bullet":
            continue  # the one-line summaries of the factors section
        for probe in ("Paraphrasedwordsforhulu", "Secondparaphraseforhilir", "Quotedwordsforhulu"):
            if probe in paragraph.text:
                styles.setdefault(probe, set()).add(paragraph.style.name)
                before = paragraph.text.split(probe)[0].rstrip()
                assert before[-1:] not in QUOTE_MARKS or probe.startswith("Quoted")
    assert styles["Quotedwordsforhulu"] == {"Quote"}
    assert "Quote" not in styles["Paraphrasedwordsforhulu"] | styles["Secondparaphraseforhilir"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert re.search(r"independen", text, re.IGNORECASE) is None
