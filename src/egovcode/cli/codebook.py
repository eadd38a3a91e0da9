"""``egovcode codebook``: look at the codebook."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from egovcode.cli.options import LangOpt, ProjectOpt
from egovcode.cli.validate import DiagFormat, FormatOpt

codebook_app = typer.Typer(help="Look at and check the codebook.", no_args_is_help=True)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def show(
    project: ProjectOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ShowFormat.text
    ),
    definitions: Annotated[
        bool, typer.Option("--definitions", "-d", help="Show each code's definition.")
    ] = False,
) -> None:
    """Show the codebook as a tree of codes with their labels.

    Example:

        egovcode codebook show --lang id --definitions
    """
    from egovcode.cli.options import load_valid_project, resolve_lang
    from egovcode.model.tree import CodeTree

    loaded = load_valid_project(project)
    language = resolve_lang(lang, loaded)
    assert loaded.codebook is not None
    tree = CodeTree(loaded.codebook)
    if fmt is ShowFormat.json:
        from egovcode.cli.pipes import write_data

        tree_data = _as_json(tree, tree.roots(), language)
        write_data(json.dumps(tree_data, ensure_ascii=False, indent=2) + "\n")
        return
    _print_tree(tree, language, definitions)


def _as_json(tree: Any, ids: list[str], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "id": cid,
            "kind": tree.kind(cid),
            "label": tree.label(cid, lang),
            "definition": tree.definition(cid, lang),
            "children": _as_json(tree, tree.children[cid], lang),
        }
        for cid in ids
    ]


def _print_tree(tree: Any, lang: str, definitions: bool) -> None:
    from rich.tree import Tree

    from egovcode.cli.reporters import console
    from egovcode.cli.reporters import safe as escape
    from egovcode.model.types import pick

    cb = tree.codebook
    root = Tree(f"[bold]{escape(pick(cb.title, lang))}[/] [dim]{cb.id} v{cb.version}[/]")

    def add(node: Tree, cid: str) -> None:
        text = f"[bold cyan]{cid}[/]  {escape(tree.label(cid, lang))}"
        if tree.depth(cid) == 0:
            text += f"  [dim]({escape(_kind_label(tree.kind(cid), lang))})[/]"
        if tree.codes[cid].deprecated:
            text += "  [red](deprecated)[/]"
        branch = node.add(text)
        if definitions and tree.definition(cid, lang):
            branch.add(f"[dim]{escape(tree.definition(cid, lang))}[/]")
        for child in tree.children[cid]:
            add(branch, child)

    for cid in tree.roots():
        add(root, cid)
    console().print(root)


def check(
    project: ProjectOpt = None,
    fmt: FormatOpt = DiagFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Run only these rules (code, code prefix or slug); "
            "repeatable. Default: the config's lint.select, else all.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Skip these rules (code, prefix or slug); repeatable, "
            "added to the config's lint.ignore.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Lint the codebook: duplicate ids and labels, unknown parents and cycles, missing labels,
    definitions, criteria and examples, shared keywords, unused and deprecated codes.

    Rules are listed in docs/codebook-rules.md. Exit codes as for validate: 0 clean, 1 problems,
    2 usage error.

    Example:

        egovcode codebook check --ignore EGC408 --format parsable
    """
    from egovcode.check.codebook_check import check_codebook, unknown_patterns
    from egovcode.cli.errors import CliError, Exit
    from egovcode.cli.options import project_root
    from egovcode.cli.reporters import print_diagnostics

    bad = unknown_patterns([*(select or []), *(ignore or [])])
    if bad:
        raise CliError(
            f"no codebook rule matches {', '.join(map(repr, bad))}; see docs/codebook-rules.md."
        )
    _, report = check_codebook(project_root(project), select, ignore)
    print_diagnostics(report, fmt.value, strict=strict)
    raise typer.Exit(Exit.PROBLEMS if report.failed(strict=strict) else Exit.OK)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    codebook_app.command("show")(guarded(show))
    codebook_app.command("check")(guarded(check))
    app.add_typer(codebook_app, name="codebook")


def _kind_label(kind: str, lang: str) -> str:
    """A code kind in ``lang`` ("komponen" for ``component`` in Indonesian), from the report's
    strings; a kind they do not name is shown as written."""
    from egovcode.report.i18n import Strings

    kinds = Strings(lang).data.get("code_kind", {})
    return str(kinds.get(kind, kind))
