"""Inline SVG charts of the coverage matrix: a heat map and a stacked bar chart.

Output is deterministic (coordinates with one fixed decimal, no random ids), self-contained (no
fonts, scripts or links) and accessible (``role="img"`` with a ``<title>`` and ``<desc>``). Being
inline in HTML5, the ``<svg>`` needs no namespace declaration, so the page holds no ``http://``
string of its own. Every piece of data is escaped, so a label cannot inject markup.
"""

from __future__ import annotations

import unicodedata
from html import escape
from typing import Any

from egovcode.report.numbers import format_number

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
SIZE = 13.0
LINE = 16.0
VALENCE_COLOURS = (
    ("supporting", "#2e7d32"),
    ("inhibiting", "#c62828"),
    ("neutral", "#8d99a6"),
    ("unmarked", "#cfd8dc"),
)
LOW, HIGH = (243, 246, 250), (31, 78, 121)

# Advance widths (1/1000 em) of the printable ASCII characters in DejaVu Sans, regular and bold:
# one of the widest sans-serif faces a reader's system-ui can fall back to, so text measured with
# it fits in Arial, Liberation Sans, Segoe UI, Roboto and San Francisco too.
_REGULAR = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 "
    "636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 "
    "748 787 603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 "
    "615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 "
    "337 636 838"
)
_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 "
    "696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 "
    "837 850 733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 "
    "678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 712 "
    "365 712 838"
)
_WIDTHS = {
    False: {chr(32 + i): int(w) for i, w in enumerate(_REGULAR.split())},
    True: {chr(32 + i): int(w) for i, w in enumerate(_BOLD.split())},
}
_OTHER = {False: 720, True: 800}
SAFETY = 1.06


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    """An upper estimate of ``text``'s width in pixels at ``size`` (see ``_REGULAR``)."""
    table, other = _WIDTHS[bold], _OTHER[bold]
    units = 0
    for ch in text:
        width = table.get(ch)
        if width is None:
            width = 1000 if unicodedata.east_asian_width(ch) in "WF" else other
        units += width
    return units * size / 1000 * SAFETY


def _f(value: float) -> str:
    return f"{value:.1f}"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def fit(text: str, width: float, size: float = SIZE, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` pixels wide."""
    if text_width(text, size, bold) <= width:
        return text
    cut = text
    while cut and text_width(cut.rstrip() + "…", size, bold) > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def wrap(text: str, width: float, lines: int, size: float = SIZE, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of at most ``width`` pixels; the
    last line ends in an ellipsis when the text does not fit."""
    words = text.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        out.append(current)
    out = out[:lines]
    return [fit(line, width, size, bold) for line in out] or [""]


def _label(x: float, y: float, lines: list[str], full: str, attrs: str = "") -> str:
    """A ``<text>`` of one or more lines (tspans) with the full text as its hover title."""
    spans = "".join(
        f'<tspan x="{_f(x)}" dy="{_f(0 if i == 0 else LINE)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    title = f"<title>{_e(full)}</title>" if " ".join(lines) != full else ""
    return f'<text x="{_f(x)}" y="{_f(y)}"{attrs}>{title}{spans}</text>'


def _label_width(coverage: dict[str, Any]) -> float:
    longest = max((text_width(r["label"]) for r in coverage["rows"]), default=100.0)
    return min(max(longest + 20, 120.0), 300.0)


def cell_text(cell: dict[str, Any], lang: str, neutral_only: str) -> str:
    """A heat-map cell: "4 (3/1)"; "1 (neutral only)" when all its excerpts are neutral."""
    if not cell["total"]:
        return format_number(0, lang)
    if not cell["supporting"] and not cell["inhibiting"] and cell.get("neutral") == cell["total"]:
        return f"{format_number(cell['total'], lang)} ({neutral_only})"
    return (
        f"{format_number(cell['total'], lang)} ("
        f"{format_number(cell['supporting'], lang)}/"
        f"{format_number(cell['inhibiting'], lang)})"
    )


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
    coverage: dict[str, Any],
    lang: str,
    title: str,
    valence: dict[str, str],
    ident: str = "heatmap",
    neutral_only: str = "neutral only",
) -> str:
    """Components as rows, cases as columns; darker cells hold more excerpts.

    Column heads wrap onto up to three lines and row labels end in an ellipsis when they are too
    long; either way the full name is the label's hover title, and nothing is clipped.
    """
    cases, rows = coverage["cases"], coverage["rows"]
    label_w, row_h = _label_width(coverage), 32.0
    texts = [[cell_text(c, lang, neutral_only) for c in row["cells"]] for row in rows]
    widest = max((text_width(x) for line in texts for x in line), default=0.0)
    col_w = max(130.0, widest + 16)
    heads = [wrap(case["short"], col_w - 10, 3, bold=True) for case in cases]
    head_h = 14 + LINE * max((len(h) for h in heads), default=1)
    width = label_w + col_w * len(cases) + 8
    height = head_h + row_h * len(rows) + 8
    top = max(coverage["max"], 1)
    out = _open(ident, width, height, title, _describe(coverage, lang, valence))
    for j, case in enumerate(cases):
        x = label_w + col_w * j + col_w / 2
        y = head_h - 10 - LINE * (len(heads[j]) - 1)
        out.append(_label(x, y, heads[j], case["short"], ' text-anchor="middle" font-weight="600"'))
    for i, row in enumerate(rows):
        y = head_h + row_h * i
        shown = fit(row["label"], label_w - 16)
        out.append(
            f'<text x="{_f(label_w - 10)}" y="{_f(y + row_h / 2 + 4.5)}" '
            f'text-anchor="end"><title>{_e(row["label"])}</title>{_e(shown)}</text>'
        )
        for j, cell in enumerate(row["cells"]):
            share = cell["total"] / top
            x = label_w + col_w * j
            ink = "#ffffff" if share > 0.55 else "#1b1f23"
            out.append(
                f'<rect x="{_f(x + 1)}" y="{_f(y + 1)}" width="{_f(col_w - 2)}" '
                f'height="{_f(row_h - 2)}" rx="3" fill="{_shade(share)}" '
                f'stroke="#c8d1dc" stroke-width="0.5"/>'
            )
            out.append(
                f'<text x="{_f(x + col_w / 2)}" y="{_f(y + row_h / 2 + 4.5)}" '
                f'text-anchor="middle" fill="{ink}">{_e(texts[i][j])}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def bars(
    coverage: dict[str, Any], lang: str, title: str, valence: dict[str, str], ident: str = "bars"
) -> str:
    """One stacked bar per component and case: supporting, inhibiting, neutral, unmarked.

    Each component's label stands on its own line above its bars. Case names get a column as wide
    as the longest needs (up to a limit, then an ellipsis with the full name as hover title), and
    the legend wraps onto a second line rather than run off the chart.
    """
    bar_h, gap, plot_w, label_h = 16.0, 12.0, 420.0, 20.0
    cases, rows = coverage["cases"], coverage["rows"]
    longest = max((text_width(c["short"]) for c in cases), default=60.0)
    case_w = min(max(longest + 18, 90.0), 240.0)
    numbers = max(
        (text_width(format_number(c["total"], lang)) for r in rows for c in r["cells"]),
        default=10.0,
    )
    width = case_w + plot_w + numbers + 16
    legend: list[tuple[float, float, str, str]] = []  # x, y, colour, text
    x, y = 0.0, 8.0
    for key, colour in VALENCE_COLOURS:
        item = fit(valence[key], width - 17)
        step = 17 + text_width(item) + 18
        if x and x + step > width:
            x, y = 0.0, y + 20
        legend.append((x, y, colour, item))
        x += step
    legend_h = y + 22
    group_h = label_h + bar_h * len(cases) + 4 * max(len(cases) - 1, 0) + gap
    height = legend_h + group_h * len(rows) + 4
    top = max(coverage["max"], 1)
    out = _open(ident, width, height, title, _describe(coverage, lang, valence))
    for lx, ly, colour, item in legend:
        out.append(f'<rect x="{_f(lx)}" y="{_f(ly)}" width="12.0" height="12.0" fill="{colour}"/>')
        out.append(f'<text x="{_f(lx + 17)}" y="{_f(ly + 10.5)}">{_e(item)}</text>')
    for i, row in enumerate(rows):
        y0 = legend_h + group_h * i
        shown = fit(row["label"], width - 2, bold=True)
        title_el = f"<title>{_e(row['label'])}</title>" if shown != row["label"] else ""
        out.append(
            f'<text x="0.0" y="{_f(y0 + 14)}" font-weight="600">{title_el}{_e(shown)}</text>'
        )
        for j, cell in enumerate(row["cells"]):
            y = y0 + label_h + j * (bar_h + 4)
            name = fit(cell["short"], case_w - 14)
            title_el = f"<title>{_e(cell['short'])}</title>" if name != cell["short"] else ""
            out.append(
                f'<text x="{_f(case_w - 8)}" y="{_f(y + bar_h - 3.5)}" '
                f'text-anchor="end" fill="#444c56">{title_el}{_e(name)}</text>'
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
