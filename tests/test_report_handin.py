"""The report to hand in: synthesis.yaml, key quotes and --quotes, --appendix, --evidence."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from egovcode.check.validate import validate_project
from egovcode.model.case import Excerpt
from egovcode.report import build_context, render_report
from egovcode.report.quotes import choose
from tests.conftest import run_cli
from tests.render_fixture import PROJECT

SYNTHESIS = """\
title: {en: Two towns online, id: Dua kota daring}
subtitle: {en: A comparison, id: Sebuah perbandingan}
authors:
  - name: Siti Rahma
    affiliation: {en: University of North, id: Universitas North}
institution: {en: Centre for Digital Government, id: Pusat Pemerintahan Digital}
date: "2025-02"
abstract:
  en: |
    North has the portal.

    South has a website.
  id: North memiliki portal. South memiliki situs web.
summary:
  text: {en: North leads on applications., id: North unggul dalam aplikasi.}
  cites: [n-01, s-01]
components:
  REG:
    text: {en: Regulation lags in North., id: Regulasi tertinggal di North.}
    cites: [n-02]
cases:
  south:
    text: {en: South relies on one website., id: South mengandalkan satu situs web.}
    cites: [s-01]
recommendations:
  - text: {en: Enact the regional regulation., id: Sahkan perda.}
    cites: [n-02]
"""


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tree({**PROJECT, "synthesis.yaml": SYNTHESIS})


def test_the_synthesis_is_valid_and_leads_the_report(project: Path) -> None:
    result = run_cli("validate", "-p", str(project), "--format", "parsable")
    assert result.exit_code == 0
    assert "synthesis.yaml" not in result.stdout  # only the mini codebook's lint warnings
    md = run_cli("render", "-p", str(project)).stdout
    assert md.startswith("# Two towns online\n\n*A comparison*\n\n")
    assert "**Authors:** Siti Rahma (University of North)\n" in md
    assert "**Institution:** Centre for Digital Government\n" in md
    assert "**Date:** February 2025\n" in md
    assert "**Abstract.** North has the portal.\n\nSouth has a website.\n" in md
    # the executive summary comes first, before the method
    assert md.index("## Executive summary") < md.index("## Method")
    assert (
        "North leads on applications.\n\n"
        "*Evidence cited:* `n-01` (North City), `s-01` (Kabupaten South)" in md
    )
    # the analyst's conclusion opens the component section, the generated lead follows it
    reg = md.split("### Regulation (REG)")[1].split("### ")[0]
    assert reg.index("**The analyst's conclusion**") < reg.index("Regulation lags in North.")
    assert reg.index("Regulation lags in North.") < reg.index("**What the coding shows**")
    assert reg.index("**What the coding shows**") < reg.index(
        "Excerpts coded to regulation come from"
    )
    # sections without a conclusion are as before
    app = md.split("### Application development (APP)")[1].split("### ")[0]
    assert "The analyst" not in app
    conclusions = md.split("## Conclusions and recommendations")[1].split("## Appendix")[0]
    assert "#### Pemerintah Kabupaten South\n\nSouth relies on one website." in conclusions
    assert "1. Enact the regional regulation. (`n-02`)" in conclusions
    assert "| synthesis.yaml | `" in md  # the synthesis is an input of the report


def test_the_synthesis_in_indonesian_and_html_links_to_the_quotes(project: Path) -> None:
    html = run_cli("render", "-p", str(project), "-f", "html", "-l", "id").stdout
    assert "<title>Dua kota daring</title>" in html
    assert '<p class="subtitle">Sebuah perbandingan</p>' in html
    assert '<time datetime="2025-02">Februari 2025</time>' in html
    assert '<li><a href="#summary">Ringkasan eksekutif</a></li>' in html
    assert '<a href="#ex-north-n-02"><code>n-02</code></a> (Kota North)' in html
    assert html.count('id="ex-north-n-02"') == 1
    assert '<section id="conclusions">' in html and '<li><div class="recommendation">' in html
    # the running header of printed pages is the title, escaped for a CSS string
    assert '@page { @top-right { content: "Dua kota daring"; } }' in html


def test_without_a_synthesis_the_report_has_none_of_it(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    loaded, _ = validate_project(tree(PROJECT))
    context = build_context(loaded, "en")
    assert context["synthesis"] is None
    assert all(s["conclusion"] is None for s in context["components"])
    md = render_report(loaded)
    for text in ("Executive summary", "The analyst", "Conclusions and recommendations", "Abstract"):
        assert text not in md


def test_date_option_wins_over_the_synthesis_date(project: Path) -> None:
    out = run_cli("render", "-p", str(project), "--date", "2025-03-03").stdout
    assert "**Date:** 3 March 2025\n" in out


BROKEN = """\
abstract: {en: Fine., eng: Typo language.}
summary:
  text: {en: "Cites a typo."}
  cites: [s-0l]
components:
  APPS:
    text: Not a component.
  APP:
    text: ""
    cites: [n-02]
cases:
  sout:
    text: No such case.
  north:
    text: Cites the other case.
    cites: [s-01]
"""


def test_validate_reports_synthesis_problems_with_positions(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = tree({**PROJECT, "synthesis.yaml": BROKEN})
    result = run_cli("validate", "-p", str(root), "--format", "parsable")
    assert result.exit_code == 1
    lines = sorted(line for line in result.stdout.splitlines() if "synthesis.yaml" in line)
    assert lines == [
        "synthesis.yaml:10:13: [warning] the conclusion on APP cites excerpt 'n-02', which is "
        "not coded to APP (EGC308)",
        "synthesis.yaml:12:3: [error] a conclusion on case 'sout', which is not a case of the "
        "project (EGC306)",
        "synthesis.yaml:16:13: [warning] the conclusion on case north cites excerpt 's-01' of "
        "case 'south' (EGC308)",
        "synthesis.yaml:1:11: [warning] abstract has no text in id (EGC307)",
        "synthesis.yaml:1:23: [warning] abstract has text in 'eng', which is not one of the "
        "project's languages (en, id) (EGC310)",
        "synthesis.yaml:3:9: [warning] summary.text has no text in id (EGC307)",
        "synthesis.yaml:4:11: [error] cites excerpt 's-0l', which is in no case file (EGC304)",
        "synthesis.yaml:6:3: [error] a conclusion on 'APPS', which is not a component of the "
        "codebook (EGC305)",
        "synthesis.yaml:9:11: [warning] components.APP.text is empty (EGC309)",
    ]
    hints = json.loads(run_cli("validate", "-p", str(root), "--format", "json").stdout)
    by_code = {d["code"]: d["hint"] for d in hints["diagnostics"]}
    assert by_code["EGC304"] == "Did you mean 's-01'?"
    assert by_code["EGC305"] == (
        "Did you mean 'APP'? Write conclusions under a top-level code: APP, REG, GOAL."
    )


def test_a_synthesis_with_a_schema_error_is_positioned_too(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = tree({**PROJECT, "synthesis.yaml": "authors: [{nam: X}]\n"})
    result = run_cli("validate", "-p", str(root), "--format", "parsable")
    assert result.exit_code == 1
    assert "synthesis.yaml:1:12: [error]" in result.stdout and "(EGC102)" in result.stdout


def test_a_key_quote_without_codes_is_a_warning(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    south = str(PROJECT["cases/south.yaml"]).replace(
        "    codes: [APP]\n", "    codes: []\n    key: true\n"
    )
    root = tree({**PROJECT, "cases/south.yaml": south})
    out = run_cli("validate", "-p", str(root), "--format", "parsable").stdout
    assert "cases/south.yaml:26:5: [warning] excerpt 's-01' is a key quote but has no codes" in out


# -- which excerpts are quoted ------------------------------------------------------------------


def _excerpt(ident: str, source: str, key: bool = False) -> Excerpt:
    return Excerpt(id=ident, source=source, text="t", codes=["APP"], key=key)


def test_choose_takes_key_quotes_then_turns_through_the_sources() -> None:
    items = [
        _excerpt("a1", "a"),
        _excerpt("a2", "a"),
        _excerpt("a3", "a"),
        _excerpt("b1", "b"),
        _excerpt("b2", "b", key=True),
        _excerpt("c1", "c"),
        _excerpt("a4", "a", key=True),
    ]

    def ids(limit: int | None) -> list[str]:
        return [e.id for e in choose(items, limit)]

    assert ids(0) == ["b2", "a4"]
    assert ids(1) == ["a1", "b2", "a4"]
    assert ids(3) == ["a1", "b1", "b2", "c1", "a4"]  # one from each source, in file order
    assert ids(4) == ["a1", "a2", "b1", "b2", "c1", "a4"]
    assert ids(None) == [e.id for e in items]
    assert ids(100) == ids(None)


def _many(tree: Callable[[dict[str, object]], Path], count: int) -> Path:
    lines = [
        "case:",
        "  id: west",
        "  name: Kabupaten West",
        "  type: kabupaten",
        "sources:",
        "  - {id: w-doc, kind: document, citation: A document.}",
        "  - {id: w-int, kind: interview, citation: An interview.}",
        "excerpts:",
    ]
    for i in range(count):
        source = "w-doc" if i % 3 else "w-int"
        valence = "supporting" if i % 2 else "inhibiting"
        lines.append(
            f"  - {{id: w-{i:03d}, source: {source}, text: Kutipan {i}., codes: [APP], "
            f"valence: {valence}{', key: true' if i == count - 1 else ''}}}"
        )
    return tree({**PROJECT, "cases/west.yaml": "\n".join(lines) + "\n"})


def test_quotes_limits_each_case_and_counts_the_rest(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = _many(tree, 12)
    md = run_cli("render", "-p", str(root), "--case", "west").stdout
    quoted = re.findall(
        r"`(w-\d{3})`\n", md.split("### Application development")[1].split("*Cross")[0]
    )
    # w-000 (interview), w-001 (document), w-003 (interview), then the key quote w-011
    assert quoted == ["w-000", "w-001", "w-003", "w-011"]
    assert "**key quote**" in md
    assert "*Further evidence from Kabupaten West not quoted here: 8 excerpts.*" in md
    # factors list only quoted excerpts, with the others counted
    factors = md.split("## Excerpts coded supporting or inhibiting")[1].split("## Components")[0]
    assert set(re.findall(r"`(w-\d{3})`", factors)) == {"w-000", "w-001", "w-003", "w-011"}
    supporting, inhibiting = factors.split("**Coded inhibiting**")
    assert "Further evidence from Kabupaten West not quoted here: 3 excerpts." in supporting
    assert "Further evidence from Kabupaten West not quoted here: 5 excerpts." in inhibiting
    everything = run_cli("render", "-p", str(root), "--case", "west", "--quotes", "all").stdout
    assert len(set(re.findall(r"`(w-\d{3})`", everything))) == 12
    assert "not quoted here" not in everything and "Every excerpt is quoted." in everything
    keys_only = run_cli("render", "-p", str(root), "--case", "west", "--quotes", "0").stdout
    assert set(re.findall(r"`(w-\d{3})`\n", keys_only)) == {"w-011"}


@pytest.mark.parametrize("value", ["-1", "some", "2.5"])
def test_a_bad_quotes_value_is_a_usage_error(project: Path, value: str) -> None:
    result = run_cli("render", "-p", str(project), f"--quotes={value}")
    assert result.exit_code == 2
    assert f"--quotes {value!r}: give a number of 0 or more, or 'all'." in result.stderr


def test_appendix_full_compact_none(project: Path) -> None:
    def codebook(mode: str) -> str:
        out = run_cli("render", "-p", str(project), "--appendix", mode).stdout
        return out.split("## Appendix")[1].split("### Sources")[0]

    assert "| Code | Label | Definition |\n" in codebook("compact")
    assert "Include when" not in codebook("compact")
    assert "| Code | Label | Kind | Definition | Include when | Exclude when |" in codebook("full")
    assert "### The codebook" not in codebook("none") and "`APP`" not in codebook("none")


def test_evidence_appendix_is_collapsible_in_html(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = _many(tree, 6)
    html = run_cli("render", "-p", str(root), "-f", "html", "--case", "west", "--evidence").stdout
    assert '<details class="evidence">\n<summary>Kabupaten West (6)</summary>' in html
    assert html.count('id="ev-west-w-') == 6
    assert "All are listed in the evidence appendix." in html
    plain = run_cli("render", "-p", str(root), "-f", "html", "--case", "west").stdout
    assert "<details" not in plain


def test_excerpts_the_synthesis_cites_are_quoted_like_key_quotes(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = _many(tree, 12)
    (root / "synthesis.yaml").write_text(
        "components:\n  APP:\n    text: Seven matters.\n    cites: [w-007]\n", encoding="utf-8"
    )
    md = run_cli("render", "-p", str(root), "--case", "west").stdout
    section = md.split("### Application development")[1].split("*Cross")[0]
    assert re.findall(r"`(w-\d{3})`\n", section) == ["w-000", "w-001", "w-003", "w-007", "w-011"]
    html = run_cli("render", "-p", str(root), "--case", "west", "-f", "html").stdout
    assert '<a href="#ex-west-w-007"><code>w-007</code></a>' in html


def test_the_method_counts_codings_as_tally_does() -> None:
    from egovcode.analyze.tally import tally
    from tests.conftest import REPO

    project, _ = validate_project(REPO)
    assert build_context(project, "en")["method"]["codings"] == tally(project, unit="coding").total


def test_a_hostile_title_cannot_leave_the_running_header_string(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    hostile = 'A"; } body { display: none } </style><script>x</script>'
    root = tree({**PROJECT, "synthesis.yaml": f"title: {json.dumps(hostile)}\n"})
    html = run_cli("render", "-p", str(root), "-f", "html").stdout
    rule = html.split("@page { @top-right { content: ")[1].split(";")[0]
    assert rule == (
        '"A\\22 \\3b  \\7d  body \\7b  display\\3a  none \\7d  \\3c \\2f style\\3e '
        '\\3c script\\3e x\\3c \\2f script\\3e "'
    )
    assert "<script" not in html
