"""``egovcode serve``: the coding workbench in the browser."""

from __future__ import annotations

from typing import Annotated

import typer

from egovcode.cli.options import LangOpt, ProjectOpt


def serve(
    project: ProjectOpt = None,
    port: Annotated[
        int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).", min=0, max=65535)
    ] = 8765,
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            help="Code as this coder, blind: consensus codes are hidden and codes go to "
            "codings/CODER/.",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the URL but do not open a browser.")
    ] = False,
) -> None:
    """Open the coding workbench: read sources, select passages and code them in the browser.

    The server listens on 127.0.0.1 only and prints its address with a random access token;
    every save goes through the same editing functions as the command line, so the changes
    are ordinary YAML edits in the case files (or in codings/CODER/ with --coder). A save is
    refused when the file changed on disk since the page was built. Needs the extra:
    pip install 'egovcode[serve]'. Stop it with Ctrl+C. See docs/workbench.md.

    Example:

        egovcode serve --coder ana --lang id
    """
    import contextlib

    from egovcode.cli.errors import CliError
    from egovcode.cli.options import project_root, resolve_lang
    from egovcode.load.project import load_project
    from egovcode.model.types import is_ident

    if coder is not None and not is_ident(coder):
        raise CliError(f"--coder {coder!r} is not a valid coder id (letters, digits, _ - .).")
    root = project_root(project)
    chosen = resolve_lang(lang, load_project(root))
    try:
        from egovcode.serve.run import serve as run
        from egovcode.serve.views import Settings
    except ImportError as exc:
        raise CliError(
            f"the workbench needs its extra ({exc.name} is missing): pip install 'egovcode[serve]'"
        ) from None

    def announce(url: str) -> None:
        typer.echo(f"egovcode workbench: {url}")
        typer.echo("Press Ctrl+C to stop.", err=True)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how the workbench stops
        run(Settings(root, chosen, coder), port, open_browser=not no_browser, announce=announce)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(serve))
