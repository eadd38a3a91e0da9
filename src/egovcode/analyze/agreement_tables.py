"""Agreement results as plain tables: per code, overall, and the disagreement list.

Two renderings. ``display=True`` (for people: the table and Markdown formats) writes values as
text: proportions of agreement as percentages, coefficients with three decimals, and an undefined
statistic as ``—``. ``display=False`` (CSV) keeps numbers as numbers (agreement as a proportion)
and leaves an undefined value empty; neither ever writes 0 or 1 for a value that is undefined.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from egovcode.analyze.agreement import (
    BAND_CONVENTIONS,
    COHEN_KAPPA,
    FLEISS_KAPPA,
    KRIPPENDORFF_ALPHA,
    PERCENT_AGREEMENT,
    AgreementResult,
    Disagreement,
    MeanStatistic,
    Statistic,
    StatisticSet,
    band,
)
from egovcode.analyze.coders import AgreementGroup, AgreementReport
from egovcode.analyze.table import Table

#: How much of an excerpt's text a disagreement shows in the table and Markdown formats.
TEXT_CHARS = 100

UNDEFINED = "—"
NOT_RATED = "not rated"
NO_CODE = "(none)"

NAMES = {
    PERCENT_AGREEMENT: "% agreement",
    KRIPPENDORFF_ALPHA: "Krippendorff's alpha",
    FLEISS_KAPPA: "Fleiss' kappa",
    COHEN_KAPPA: "Cohen's kappa",
}
UNDEFINED_NOTE = (
    "— = undefined: there is nothing to measure (e.g. every rating is the same, or too few "
    "units); it is not 0 or 1. --format json gives the reason for each."
)
CONVENTIONS_NOTE = "Bands are conventions for reading a value, not verdicts: "


def value_text(name: str, value: float | None, display: bool) -> Any:
    """A statistic's value as a table cell."""
    if value is None:
        return UNDEFINED if display else None
    if not display:
        return value
    return f"{value:.1%}" if name == PERCENT_AGREEMENT else f"{value:.3f}"


def report_tables(report: AgreementReport, display: bool = True) -> list[Table]:
    """Per group: the per-code table, the overall table and (when asked) the disagreements."""
    out: list[Table] = []
    for group in report.groups:
        out.extend(group_tables(report, group, display))
    return out


def group_tables(report: AgreementReport, group: AgreementGroup, display: bool) -> list[Table]:
    result = group.result
    prefix = f"{group.case}: " if group.case else ""
    level = f", level: {report.level}" if report.level else ""
    what = "excerpts" if report.source == "coder files" else "units"
    demo = bool(result.coders) and set(result.coders) <= set(report.synthetic)
    coders = "demonstration coders (synthetic: " if demo else "coders ("
    heading = (
        f"{len(result.coders)} {coders}{', '.join(result.coders)}), {result.n_units} {what}{level}"
    )
    noun = "category" if result.mode == "single" else "code"
    if report.on == "valence":
        noun, heading = "valence", f"{heading}, on valence"
    out = [
        per_code_table(
            result,
            display,
            f"{prefix}Agreement per {noun} — {heading}",
            "valence" if report.on == "valence" else "code",
        ),
        overall_table(result, display, f"{prefix}Overall agreement — {heading}"),
    ]
    if group.disagreements is not None:
        found = group.disagreements
        given = "valences" if report.on == "valence" else "codes"
        title = f"{prefix}Disagreements: {len(found)} {what} whose coders' {given} differ"
        out.append(disagreement_table(result.coders, found, title, display))
    return out


def _pair(coders: Sequence[str]) -> str:
    return "·".join(coders)


def per_code_table(
    result: AgreementResult, display: bool, title: str, first: str = "code"
) -> Table:
    pairs = [pair.coders for pair in result.overall.cohen_kappa]
    columns = [first, "units", "applied", "% agreement", "alpha", "Fleiss kappa"]
    columns += [f"Cohen kappa {_pair(p)}" for p in pairs]
    rows = []
    for code in result.per_code:
        s = code.statistics
        rows.append(
            [code.code, s.percent_agreement.n_units, code.applied]
            + [
                value_text(stat.name, stat.value, display)
                for stat in (s.percent_agreement, s.krippendorff_alpha, s.fleiss_kappa)
            ]
            + [value_text(COHEN_KAPPA, pair.statistic.value, display) for pair in s.cohen_kappa]
        )
    notes = [
        result.per_code_definition,
        "units: units rated by two or more coders; applied: ratings in which the code is present.",
    ]
    if display:
        notes.append(UNDEFINED_NOTE)
    return Table(columns=columns, rows=rows, title=title, notes=notes)


def _rows(label: str, stats: StatisticSet[Any], display: bool) -> list[list[Any]]:
    entries: list[tuple[str, Statistic | MeanStatistic]] = [
        (NAMES[PERCENT_AGREEMENT], stats.percent_agreement),
        (NAMES[KRIPPENDORFF_ALPHA], stats.krippendorff_alpha),
        (NAMES[FLEISS_KAPPA], stats.fleiss_kappa),
    ]
    entries += [(f"{NAMES[COHEN_KAPPA]} {_pair(p.coders)}", p.statistic) for p in stats.cohen_kappa]
    rows = []
    for name, stat in entries:
        n = stat.n_codes if isinstance(stat, MeanStatistic) else stat.n_units
        rows.append(
            [
                f"{name} ({label})" if label else name,
                value_text(stat.name, stat.value, display),
                band(stat) or "",
                n,
                stat.reason or stat.note or "",
            ]
        )
    return rows


def overall_table(result: AgreementResult, display: bool, title: str) -> Table:
    multi = result.mean_per_code is not None
    rows = _rows("pooled" if multi else "", result.overall, display)
    notes = [result.overall_definition]
    if multi:
        notes.append("n: unit x code decisions for pooled values, codes for means per code.")
    if result.mean_per_code is not None and result.mean_definition:
        rows += _rows("mean per code", result.mean_per_code, display)
        notes.append(f"Mean per code: {result.mean_definition}")
    notes.append(CONVENTIONS_NOTE + " ".join(BAND_CONVENTIONS.values()))
    return Table(
        columns=["statistic", "value", "band (convention)", "n", "note"],
        rows=rows,
        title=title,
        notes=notes,
    )


def _shorten(text: str) -> str:
    line = " ".join(text.split())
    if len(line) <= TEXT_CHARS:
        return line
    return line[:TEXT_CHARS].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def disagreement_table(
    coders: Sequence[str], found: Sequence[Disagreement], title: str, display: bool = True
) -> Table:
    """One row per disagreement; with the units' texts when known (shortened for display)."""
    with_text = any(d.text is not None for d in found)
    rows = []
    for d in found:
        row = [d.unit]
        row += [(", ".join(d.codes[c]) or NO_CODE) if c in d.codes else NOT_RATED for c in coders]
        row.append(", ".join(d.disputed))
        if with_text:
            text = d.text or ""
            row.append(_shorten(text) if display else text)
        rows.append(row)
    notes = [
        "disputed: codes applied by some of the coders who rated the unit but not by all. "
        f"{NO_CODE}: rated, no code; {NOT_RATED}: missing, not counted."
    ]
    if with_text and display:
        notes.append(
            f"text: the excerpt, cut at {TEXT_CHARS} characters (--format json or csv: in full)."
        )
    return Table(
        columns=["unit", *coders, "disputed", *(["text"] if with_text else [])],
        rows=rows,
        title=title,
        notes=notes,
    )
