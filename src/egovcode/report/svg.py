"""Inline SVG charts of the coverage matrix: a heat map and a stacked bar chart.

Output is deterministic (coordinates with one fixed decimal, no random ids), self-contained (no
fonts, scripts or links) and accessible (``role="img"`` with a ``<title>`` and ``<desc>``). Being
inline in HTML5, the ``<svg>`` needs no namespace declaration, so the page holds no ``http://``
string of its own. Every piece of data is escaped, so a label cannot inject markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from egovcode.report.numbers import format_number

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
CHAR_W = 7.0
VALENCE_COLOURS = (
    ("supporting", "#2e7d32"),
    ("inhibiting", "#c62828"),
    ("neutral", "#8d99a6"),
    ("unmarked", "#cfd8dc"),
)
LOW, HIGH = (243, 246, 250), (31, 78, 121)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fit(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to about ``width`` pixels."""
    room = max(int(width / CHAR_W), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _label_width(coverage: dict[str, Any]) -> float:
    longest = max((len(r["label"]) for r in coverage["rows"]), default=10)
    return min(max(longest * CHAR_W + 16, 120.0), 300.0)


def _shade(share: float) -> str:
    rgb = (round(lo + (hi - lo) * share) for lo, hi in zip(LOW, HIGH, strict=True))
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _open(ident: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg class="chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" {FONT} font-size="13">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(desc)}</desc>',
    ]


def _describe(coverage: dict[str, Any], lang: str, valence: dict[str, str]) -> str:
    """A text alternative: every cell's count and split, for screen readers."""
    parts = []
    for row in coverage["rows"]:
        cells = "; ".join(
            f"{c['short']} {format_number(c['total'], lang)} "
            f"({format_number(c['supporting'], lang)} {valence['supporting']}, "
            f"{format_number(c['inhibiting'], lang)} {valence['inhibiting']})"
            for c in row["cells"]
        )
        parts.append(f"{row['label']}: {cells}.")
    return " ".join(parts)


def heatmap(
    coverage: dict[str, Any], lang: str, title: str, valence: dict[str, str], ident: str = "heatmap"
) -> str:
    """Components as rows, cases as columns; darker cells hold more excerpts."""
    label_w, col_w, head_h, row_h = _label_width(coverage), 130.0, 34.0, 32.0
    cases, rows = coverage["cases"], coverage["rows"]
    width = label_w + col_w * len(cases) + 8
    height = head_h + row_h * len(rows) + 8
    top = max(coverage["max"], 1)
    out = _open(ident, width, height, title, _describe(coverage, lang, valence))
    for j, case in enumerate(cases):
        x = label_w + col_w * j + col_w / 2
        out.append(
            f'<text x="{_f(x)}" y="{_f(head_h - 12)}" text-anchor="middle" '
            f'font-weight="600">{_e(_fit(case["short"], col_w - 8))}</text>'
        )
    for i, row in enumerate(rows):
        y = head_h + row_h * i
        out.append(
            f'<text x="{_f(label_w - 10)}" y="{_f(y + row_h / 2 + 4.5)}" '
            f'text-anchor="end"><title>{_e(row["label"])}</title>'
            f"{_e(_fit(row['label'], label_w - 16))}</text>"
        )
        for j, cell in enumerate(row["cells"]):
            share = cell["total"] / top
            x = label_w + col_w * j
            ink = "#ffffff" if share > 0.55 else "#1b1f23"
            text = (
                f"{format_number(cell['total'], lang)} ("
                f"{format_number(cell['supporting'], lang)}/"
                f"{format_number(cell['inhibiting'], lang)})"
            )
            out.append(
                f'<rect x="{_f(x + 1)}" y="{_f(y + 1)}" width="{_f(col_w - 2)}" '
                f'height="{_f(row_h - 2)}" rx="3" fill="{_shade(share)}" '
                f'stroke="#c8d1dc" stroke-width="0.5"/>'
            )
            out.append(
                f'<text x="{_f(x + col_w / 2)}" y="{_f(y + row_h / 2 + 4.5)}" '
                f'text-anchor="middle" fill="{ink}">{_e(text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def bars(
    coverage: dict[str, Any], lang: str, title: str, valence: dict[str, str], ident: str = "bars"
) -> str:
    """One stacked bar per component and case: supporting, inhibiting, neutral, unmarked.

    Each component's label stands on its own line above its bars, so long labels are not cut.
    """
    case_w, bar_h, gap, plot_w, label_h = 130.0, 16.0, 12.0, 420.0, 20.0
    cases, rows = coverage["cases"], coverage["rows"]
    legend_h = 30.0
    group_h = label_h + bar_h * len(cases) + 4 * max(len(cases) - 1, 0) + gap
    width = case_w + plot_w + 48
    height = legend_h + group_h * len(rows) + 4
    top = max(coverage["max"], 1)
    out = _open(ident, width, height, title, _describe(coverage, lang, valence))
    x = case_w
    for key, colour in VALENCE_COLOURS:
        out.append(f'<rect x="{_f(x)}" y="8.0" width="12.0" height="12.0" fill="{colour}"/>')
        out.append(f'<text x="{_f(x + 17)}" y="18.5">{_e(valence[key])}</text>')
        x += 17 + len(valence[key]) * CHAR_W + 22
    for i, row in enumerate(rows):
        y0 = legend_h + group_h * i
        out.append(
            f'<text x="0.0" y="{_f(y0 + 14)}" font-weight="600">'
            f"{_e(_fit(row['label'], width * 0.95))}</text>"
        )
        for j, cell in enumerate(row["cells"]):
            y = y0 + label_h + j * (bar_h + 4)
            out.append(
                f'<text x="{_f(case_w - 8)}" y="{_f(y + bar_h - 3.5)}" '
                f'text-anchor="end" fill="#444c56">{_e(_fit(cell["short"], case_w))}'
                f"</text>"
            )
            x = case_w
            for key, colour in VALENCE_COLOURS:
                if not cell[key]:
                    continue
                w = plot_w * cell[key] / top
                out.append(
                    f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" '
                    f'height="{_f(bar_h)}" fill="{colour}"><title>{_e(cell["short"])}: '
                    f"{format_number(cell[key], lang)} {_e(valence[key])}</title></rect>"
                )
                x += w
            out.append(
                f'<text x="{_f(x + 5)}" y="{_f(y + bar_h - 3.5)}">'
                f"{format_number(cell['total'], lang)}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)
