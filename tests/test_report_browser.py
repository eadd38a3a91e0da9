"""The HTML report's charts in a real browser: no label clipped by the chart, none overlapping.

Text boxes are measured by headless Chromium (``tests/browser.py``), so this catches what a reader
would see: a case name cut at the chart's edge or two labels running together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_cli
from tests.render_fixture import PROJECT

#: Every text box of every chart, with the chart's box and, for heat-map cells, the cell's box.
MEASURE = """
() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = r => ({x: r.left, y: r.top, right: r.right, bottom: r.bottom});
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const prev = t.previousElementSibling;
    const cell = prev && prev.tagName === 'rect' && t.getAttribute('text-anchor') === 'middle'
      && !t.querySelector('tspan') ? box(prev.getBoundingClientRect()) : null;
    return {text: t.textContent, box: box(t.getBoundingClientRect()), cell};
  });
  return {id: svg.id || svg.getAttribute('aria-labelledby'), box: box(svg.getBoundingClientRect()),
          texts};
})
"""
SLACK = 0.5


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - SLACK
        and inner["y"] >= outer["y"] - SLACK
        and inner["right"] <= outer["right"] + SLACK
        and inner["bottom"] <= outer["bottom"] + SLACK
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["x"], b["x"]) > SLACK
        and min(a["bottom"], b["bottom"]) - max(a["y"], b["y"]) > SLACK
    )


def _problems(charts: list[dict[str, Any]]) -> list[str]:
    problems = []
    for chart in charts:
        texts = [t for t in chart["texts"] if t["box"]["right"] > t["box"]["x"]]
        for t in texts:
            if not _inside(t["box"], chart["box"]):
                problems.append(f"{chart['id']}: {t['text']!r} is clipped by the chart")
            if t["cell"] is not None and not _inside(t["box"], t["cell"]):
                problems.append(f"{chart['id']}: {t['text']!r} runs out of its cell")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _overlap(a["box"], b["box"]):
                    problems.append(f"{chart['id']}: {a['text']!r} overlaps {b['text']!r}")
    return problems


LONG = {
    "cases/north.yaml": str(PROJECT["cases/north.yaml"])
    .replace("name: Pemerintah Kota North", "name: Pemerintah Kabupaten Kepulauan Tanimbar Selatan")
    .replace(
        "name_en: North City Government", "name_en: South Tanimbar Islands Regency Government"
    ),
    "cases/wwww.yaml": str(PROJECT["cases/south.yaml"])
    .replace("id: south", "id: wwww")
    .replace(
        "name: Pemerintah Kabupaten South", "name: WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
    )
    .replace("id: web-1", "id: web-w")
    .replace("source: web-1", "source: web-w")
    .replace("id: s-01", "id: w-01"),
}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("width", [1280, 420])
def test_no_chart_label_is_clipped_or_overlapping(
    page: Any,
    tree: Callable[[dict[str, object]], Path],
    tmp_path: Path,
    lang: str,
    width: int,
) -> None:
    root = tree({**PROJECT, **LONG})
    target = tmp_path / f"report-{lang}.html"
    result = run_cli("render", "-p", str(root), "-l", lang, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(target.as_uri())
    charts = page.evaluate(MEASURE)
    assert len(charts) == 2 and all(len(c["texts"]) > 10 for c in charts)
    assert _problems(charts) == []
    # the long names are shortened or wrapped, and the full name is there on hover
    titles = page.evaluate(
        "() => [...document.querySelectorAll('svg.chart text > title')].map(t => t.textContent)"
    )
    assert "W" * 44 in titles


def test_the_bundled_report_charts_fit(page: Any, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert run_cli("render", "-p", str(REPO), "-o", str(target), "-l", "id").exit_code == 0
    page.goto(target.as_uri())
    charts = page.evaluate(MEASURE)
    assert len(charts) == 2
    assert _problems(charts) == []


def test_the_check_catches_a_clipped_label(page: Any) -> None:
    """The measurement is real: a label that starts left of the chart is reported."""
    page.set_content(
        '<svg class="chart" id="x" viewBox="0 0 100 40" width="100" height="40">'
        '<text x="0" y="20" text-anchor="end">clipped</text>'
        '<text x="10" y="30">one</text><text x="12" y="30">two</text></svg>'
    )
    problems = _problems(page.evaluate(MEASURE))
    assert "x: 'clipped' is clipped by the chart" in problems
    assert "x: 'one' overlaps 'two'" in problems
