"""``egovcode cache``: the warm-run cache of parsed files in ``.egovcode/cache/``."""

from __future__ import annotations

import typer

from egovcode.cli.options import ProjectOpt

cache_app = typer.Typer(
    help="The cache of parsed files that makes repeated runs fast (.egovcode/cache/ in the "
    "project; turn it off for one run with `egovcode --no-cache COMMAND`).",
    no_args_is_help=True,
)


def clear(project: ProjectOpt = None) -> None:
    """Delete the project's cache of parsed files; the next run parses every file again.

    The cache is rebuilt by itself whenever a file, the config, the codebook or egovcode
    changes, so clearing it is never needed for correct results; it frees the disk space.

    Example:

        egovcode cache clear
    """
    from egovcode.cli.options import project_root
    from egovcode.load.cache import FOLDER, clear

    root = project_root(project)
    removed = clear(root)
    typer.echo(f"Removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {FOLDER}/.")


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    cache_app.command("clear")(guarded(clear))
    app.add_typer(cache_app, name="cache")
