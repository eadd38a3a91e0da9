"""``egovcode query``: find the excerpts behind a count."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, TableFormat
from egovcode.cli.options import ProjectOpt

if TYPE_CHECKING:
    from egovcode.analyze.query import QueryResult

Many = list[str] | None

CodeOpt = Annotated[
    Many,
    typer.Option(
        "--code",
        metavar="CODE",
        show_default=False,
        help="Coded with this code or one of its sub-codes. Repeat: all must match.",
    ),
]
CaseOpt = Annotated[
    Many,
    typer.Option(
        "--case",
        "-c",
        metavar="ID",
        show_default=False,
        help="From this case. Repeat: any may match.",
    ),
]
ValenceOpt = Annotated[
    Many,
    typer.Option(
        "--valence",
        "-v",
        metavar="VALENCE",
        show_default=False,
        help="supporting, inhibiting, neutral or unmarked. Repeat: any may match.",
    ),
]
SourceKindOpt = Annotated[
    Many,
    typer.Option(
        "--source-kind",
        "-k",
        metavar="KIND",
        show_default=False,
        help="interview, document, online or observation. Repeat: any may match.",
    ),
]
AttrOpt = Annotated[
    Many,
    typer.Option(
        "--attr",
        "-a",
        metavar="KEY=VALUE",
        show_default=False,
        help="A case attribute, e.g. type=kabupaten. Repeat: all must match.",
    ),
]
TextOpt = Annotated[
    str | None,
    typer.Option(
        "--text",
        metavar="REGEX",
        show_default=False,
        help="A regular expression searched, ignoring case, in the text and its translations.",
    ),
]


class TextIn(StrEnum):
    text = "text"
    memo = "memo"
    all = "all"


TextInOpt = Annotated[
    TextIn | None,
    typer.Option(
        "--in",
        show_default=False,
        case_sensitive=False,
        help="Where --text searches: text (default: the text and its translations), memo, or all.",
    ),
]
TranslationOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        show_default=False,
        help="Add each excerpt's translation into this language (en or id).",
    ),
]


def query_command(
    project: ProjectOpt = None,
    code: CodeOpt = None,
    case: CaseOpt = None,
    valence: ValenceOpt = None,
    source_kind: SourceKindOpt = None,
    attr: AttrOpt = None,
    text: TextOpt = None,
    text_in: TextInOpt = None,
    lang: TranslationOpt = None,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Retrieve excerpts by code, case, valence, source kind, case attribute and text.

    Filters combine with AND; with none, every excerpt is listed. Each result carries its case,
    source, the informant role of an interview source, citation, locator, codes, valence and
    text. --text searches the text and its translations, or with --in memo|all the memos too.
    Interview citations and roles are pseudonymised when the project sets `pseudonymise: true`.

    Example:

        egovcode query --code REG --case jember --valence inhibiting --lang en
        egovcode query --text "anggaran|budget" --in all
    """
    from egovcode.analyze.query import Query, parse_attr, run_query
    from egovcode.cli.errors import CliError
    from egovcode.cli.options import load_valid_project, resolve_lang
    from egovcode.cli.tables import emit
    from egovcode.interchange.pseudonym import pseudonymise

    if text_in is not None and text is None:
        raise CliError("--in says where --text searches; give --text REGEX too.")
    loaded = load_valid_project(project)
    query = Query(
        codes=tuple(code or ()),
        cases=tuple(case or ()),
        valences=tuple(valence or ()),
        source_kinds=tuple(source_kind or ()),
        attrs=tuple(parse_attr(a) for a in attr or ()),
        text=text,
        text_in=(text_in or TextIn.text).value,
        lang=resolve_lang(lang, loaded) if lang else None,
    )
    data = pseudonymise(loaded) if loaded.config.pseudonymise else loaded
    result = run_query(data, query)
    if fmt is TableFormat.table:
        _print_records(result)
    else:
        emit(fmt.value, result.tables(), result.to_dict())


def _print_records(result: QueryResult) -> None:
    """One block per excerpt: easier to read than a wide table of long texts.

    Piped or redirected, the blocks are written as plain text in one go (thousands of excerpts
    printed through rich one line at a time were most of the command's time), the text rich
    would print less its styles, except that ``:name:`` in a quote stays as written (rich made
    emoji of such codes); on a terminal, rich styles them, also in one call.
    """
    from egovcode.cli.reporters import is_terminal
    from egovcode.model.citation import inline_citation
    from egovcode.output import printable

    if not is_terminal():
        lines = []
        for hit in result.hits:
            cite = inline_citation(hit.citation) if hit.locator else hit.citation
            place = ", ".join(p for p in (cite, hit.locator) if p)
            origin = ", ".join(p for p in (hit.source, hit.source_kind, hit.informant_role) if p)
            lines.append(f"{hit.case} {hit.excerpt}  {', '.join(hit.codes)}  {hit.valence}")
            lines.append("  " + hit.text.replace("\n", "\n  "))
            if hit.translation:
                translation = hit.translation.replace("\n", "\n  ")
                lines.append(f"  [{result.query.lang}] {translation}")
            lines.append(f"  — {place} ({origin})")
            lines.append("")
        lines.append(f"{len(result.hits)} excerpt(s).\n")
        # Tabs are expanded to stops of 8 columns, as rich does on a terminal.
        sys.stdout.write(printable("\n".join(lines)).expandtabs(8))
        sys.stdout.flush()
        return
    _print_styled(result)


def _print_styled(result: QueryResult) -> None:
    from egovcode.cli.reporters import console
    from egovcode.cli.reporters import safe as escape
    from egovcode.model.citation import inline_citation

    lines = []
    for hit in result.hits:
        cite = inline_citation(hit.citation) if hit.locator else hit.citation
        place = ", ".join(p for p in (cite, hit.locator) if p)
        lines.append(
            f"[bold]{escape(hit.case)}[/] [dim]{escape(hit.excerpt)}[/]  "
            f"[cyan]{escape(', '.join(hit.codes))}[/]  {escape(hit.valence)}"
        )
        lines.append("  " + escape(hit.text).replace("\n", "\n  "))
        if hit.translation:
            shown = escape(hit.translation).replace("\n", "\n  ")
            lines.append(f"  [dim]{escape(f'[{result.query.lang}]')}[/] {shown}")
        origin = ", ".join(p for p in (hit.source, hit.source_kind, hit.informant_role) if p)
        lines.append(f"  [dim]— {escape(place)} ({escape(origin)})[/]")
        lines.append("")
    lines.append(f"[dim]{len(result.hits)} excerpt(s).[/]")
    console().print("\n".join(lines), emoji=False)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command("query")(guarded(query_command))
