"""Help pages wrap prose at the terminal's width, not at the source's line breaks."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from egovcode.cli.app import app
from egovcode.cli.errors import reflow

DOC = """Write something.

    A prose paragraph written over
    three lines of the source
    file.

    - an item that goes on
      over two lines
    - a second item

    Example:

        egovcode tally --by source \\
            --format csv
    """


def test_prose_is_one_line_lists_keep_items_examples_stay_as_written() -> None:
    assert reflow(DOC) == (
        "Write something.\n\n"
        "A prose paragraph written over three lines of the source file.\n\n"
        "- an item that goes on over two lines\n- a second item\n\n"
        "Example:\n\n"
        "    egovcode tally --by source \\\n        --format csv"
    )


@pytest.mark.parametrize(
    ("command", "phrase"),
    [
        (["export", "csv", "--help"], "one 0/1 column per component (per code with --level all)."),
        (["import", "transcript", "--help"], "Every label must be mapped to a role with"),
    ],
)
def test_help_pages_wrap_at_the_width_not_at_source_line_breaks(
    command: list[str], phrase: str
) -> None:
    result = CliRunner().invoke(app, command, env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert phrase in result.output
