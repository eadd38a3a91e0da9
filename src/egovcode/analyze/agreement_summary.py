"""The intercoder-agreement appendix of the report, in the shape ``build_context`` documents.

``{"summary": str, "tables": [{"title", "columns", "rows"}], "notes": [str]}`` in English or
Indonesian; None when the project has no coder files. Values are text written in the report's
language, to three decimals (percent agreement as a percentage to one decimal), so every cell of a
column has the same digits; an undefined value is ``—``, never 0 or 1.
"""

from __future__ import annotations

from typing import Any

from egovcode.analyze.agreement import Statistic, band
from egovcode.analyze.agreement.result import MeanStatistic
from egovcode.analyze.coders import project_agreement
from egovcode.load.project import Project

UNDEFINED = "—"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "summary": "{coders} ({names}) coded {units} of {cases} in coder files of their own. "
        "Each code is present or absent per excerpt; an excerpt a coder did not rate counts as "
        "missing, not as absent.",
        "summary_demo": "{coders} (synthetic, not part of the study: {names}) coded {units} of "
        "{cases}. Their codings were made up to show how agreement is computed, so the figures "
        "below describe those demonstration files, not the reliability of this study's coding. "
        "Each code is present or absent per excerpt; an excerpt a coder did not rate counts as "
        "missing, not as absent.",
        "overall": " Pooled over all {decisions} excerpt × code decisions, Krippendorff's alpha "
        "is {alpha}{band}; the mean over codes is {mean}.",
        "band": " ({label}, by convention)",
        "title": "Agreement per code, as applied",
        "title_demo": "Agreement per code among the demonstration coders, as applied",
        "columns": "code|excerpts|% agreement|alpha|Fleiss' kappa",
        "undefined": "— = undefined: nothing varies, so there is nothing to measure; it is "
        "not 0 or 1.",
        "conventions": "Bands are conventions, not verdicts: Krippendorff (2004) reads alpha ≥ "
        "0.800 as reliable and 0.667 ≤ alpha < 0.800 as good for tentative conclusions only; "
        "Landis & Koch (1977) give the bands usually used for kappa.",
        "disagreements": "{n} have coders who differ.",
        "reliable": "reliable",
        "tentative": "tentative",
        "unreliable": "unreliable",
    },
    "id": {
        "summary": "{coders} ({names}) mengode {units} dari {cases} dalam berkas pengode "
        "masing-masing. Setiap kode dinilai ada atau tidak ada per kutipan; kutipan yang tidak "
        "dinilai seorang pengode dihitung sebagai data hilang, bukan sebagai tidak ada.",
        "summary_demo": "{coders} (sintetis, bukan bagian dari penelitian: {names}) mengode "
        "{units} dari {cases}. Pengodean mereka dibuat untuk memperlihatkan cara menghitung "
        "kesepakatan, sehingga angka di bawah ini menggambarkan berkas demonstrasi itu, bukan "
        "keandalan pengodean penelitian ini. Setiap kode dinilai ada atau tidak ada per kutipan; "
        "kutipan yang tidak dinilai seorang pengode dihitung sebagai data hilang, bukan sebagai "
        "tidak ada.",
        "overall": " Secara gabungan, atas {decisions} keputusan kutipan × kode, alpha "
        "Krippendorff adalah {alpha}{band}; rata-rata per kode {mean}.",
        "band": " ({label}, menurut konvensi)",
        "title": "Kesepakatan per kode, sebagaimana diterapkan",
        "title_demo": "Kesepakatan per kode di antara pengode demonstrasi, sebagaimana diterapkan",
        "columns": "kode|kutipan|% kesepakatan|alpha|kappa Fleiss",
        "undefined": "— = tidak terdefinisi: tidak ada variasi yang dapat diukur; bukan 0 atau 1.",
        "conventions": "Batas penafsiran adalah konvensi, bukan vonis: Krippendorff (2004) "
        "menganggap alpha ≥ 0,800 andal dan 0,667 ≤ alpha < 0,800 cukup untuk kesimpulan "
        "sementara; kappa dibaca menurut Landis & Koch (1977).",
        "disagreements": "{n} memuat perbedaan antarpengode.",
        "reliable": "andal",
        "tentative": "sementara",
        "unreliable": "tidak andal",
    },
}


def _number(value: float | None, lang: str, digits: int = 3) -> str:
    if value is None:
        return UNDEFINED
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang.split("-")[0] == "id" else text


def _percent(value: float | None, lang: str) -> str:
    return UNDEFINED if value is None else _number(100 * value, lang, 1)


def agreement_summary(project: Project, lang: str = "en") -> dict[str, Any] | None:
    """The appendix data, or None when fewer than two coders (machines aside) have files."""
    machines = project.machine_coders()
    people = sorted({c.data.coder for c in project.codings} - machines)
    if len(people) < 2:
        return None
    from egovcode.report.i18n import Strings  # the report's plural and number-word rules

    t = TEXT.get(lang.split("-")[0], TEXT["en"])
    # Machine coders (egovcode suggest) are no one's coding: never part of the agreement.
    group = project_agreement(project, coders=people if machines else None).groups[0]
    result = group.result
    alpha: Statistic = result.overall.krippendorff_alpha
    mean: MeanStatistic | None = (
        result.mean_per_code.krippendorff_alpha if result.mean_per_code else None
    )
    demo = project.synthetic_coders() >= set(result.coders)
    label = None if demo else band(alpha)
    strings = Strings(lang)
    cases = len({lc.data.case for lc in project.codings})
    summary = t["summary_demo" if demo else "summary"].format(
        coders=strings.count_start("demo_coder" if demo else "coder", len(result.coders)),
        names=strings.join(list(result.coders)),
        units=strings.count("excerpt", result.n_units),
        cases=strings.count("case", cases),
    ) + t["overall"].format(
        decisions=strings.num(alpha.n_units),
        alpha=_number(alpha.value, lang),
        band=t["band"].format(label=t[label]) if label else "",
        mean=_number(mean.value if mean else None, lang),
    )
    rows = [
        [
            code.code,
            code.statistics.percent_agreement.n_units,
            _percent(code.statistics.percent_agreement.value, lang),
            _number(code.statistics.krippendorff_alpha.value, lang),
            _number(code.statistics.fleiss_kappa.value, lang),
        ]
        for code in result.per_code
    ]
    notes = [t["undefined"], t["conventions"]]
    if group.disagreements:
        count = strings.count_start("excerpt", len(group.disagreements))
        notes.append(t["disagreements"].format(n=count))
    return {
        "summary": summary,
        "tables": [
            {
                "title": t["title_demo" if demo else "title"],
                "columns": t["columns"].split("|"),
                "rows": rows,
            }
        ],
        "notes": notes,
    }
