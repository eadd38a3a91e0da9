"""``egovcode suggest``: a machine coder whose suggestions people review, and its evaluation."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, TableFormat
from egovcode.cli.options import ForceOpt, LangOpt, ProjectOpt


class MethodChoice(StrEnum):
    keywords = "keywords"
    model = "model"


class SuggestLevel(StrEnum):
    code = "code"
    component = "component"


def suggest_command(
    project: ProjectOpt = None,
    method: Annotated[
        MethodChoice,
        typer.Option(
            "--method",
            help="keywords: the codebook's keywords on word stems; model: a classifier per code "
            "trained on the coded excerpts (needs egovcode[suggest]).",
            case_sensitive=False,
        ),
    ] = MethodChoice.keywords,
    case: Annotated[
        list[str] | None,
        typer.Option(
            "--case", metavar="ID", help="Only this case (repeat for several).", show_default=False
        ),
    ] = None,
    min_score: Annotated[
        float,
        typer.Option("--min-score", min=0.0, max=1.0, help="Apply a code from this score on."),
    ] = 0.5,
    level: Annotated[
        SuggestLevel,
        typer.Option(
            "--level",
            help="code: the codes as in the codebook; component: codes rolled up into their "
            "component (compare with `agree --level component`).",
            case_sensitive=False,
        ),
    ] = SuggestLevel.code,
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            metavar="NAME",
            help="The machine coder's name (default: machine-<method>).",
            show_default=False,
        ),
    ] = None,
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help="Write nothing; print precision, recall, F1 and Cohen's kappa per code against "
            "the people's codes.",
        ),
    ] = False,
    folds: Annotated[
        int, typer.Option("--folds", min=2, max=20, help="Cross-validation folds (model).")
    ] = 5,
    min_examples: Annotated[
        int,
        typer.Option(
            "--min-examples", min=1, help="Train a code only with this many coded excerpts (model)."
        ),
    ] = 3,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")
    ] = False,
    force: ForceOpt = False,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Suggest codes with a machine coder, written as a coder file that people review.

    The suggestions go to codings/<coder>/<case>.yaml (default coder: machine-keywords or
    machine-model), marked `synthetic: true` with their provenance; each applied code has a score
    and a reason (the matched keywords, or the terms that weighed most). Case files are never
    changed: accept suggestions with `egovcode merge` or `egovcode code`, and compare the
    machine with people with `egovcode agree`. With --evaluate nothing is written: the machine
    is measured against the people's codes (held-out folds for the model). See docs/suggest.md.

    Example:

        egovcode suggest --evaluate --method keywords --level component
    """
    from egovcode.analyze.suggest import SuggestOptions
    from egovcode.cli.errors import CliError
    from egovcode.cli.options import load_valid_project, resolve_lang
    from egovcode.cli.tables import emit
    from egovcode.model.types import is_ident

    name = coder or f"machine-{method.value}"
    if not is_ident(name):
        raise CliError(f"--coder {name!r}: use letters, digits, '_', '-' and '.' only.")
    loaded = load_valid_project(project)
    chosen_lang = resolve_lang(lang, loaded)
    options = SuggestOptions(
        method=method.value,
        cases=tuple(case or ()),
        min_score=min_score,
        level=level.value,
        folds=folds,
        min_examples=min_examples,
    )
    if evaluate:
        from egovcode.analyze.suggest import evaluate as run_evaluation

        result = run_evaluation(loaded, options, chosen_lang)
        emit(fmt.value, result.tables(), result.to_dict())
        return
    from egovcode.analyze.suggest import suggest
    from egovcode.interchange.machine_coder import plan, write_planned

    written = plan(loaded, suggest(loaded, options), name)
    if not dry_run:
        write_planned(written.files, force=force)
    emit(fmt.value, [written.table(dry_run)], written.to_dict(dry_run))


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command("suggest")(guarded(suggest_command))
