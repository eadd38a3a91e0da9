"""Writing project files: the library behind ``excerpt add``, ``code``, ``codings init`` and the
browser workbench's saves.

The command line and the browser workbench call the same functions. Each one reads the loaded
project, prepares every edit, checks that the edited files read back as valid data, and only
then writes them (atomically, keeping comments and layout). A refusal is an
:class:`~egovcode.edit.errors.EditError` with a registry code (EGC720–EGC739, EGC740–EGC759 for
the workbench) and a hint; nothing is written then.

- :func:`add_quoted_excerpt`: an excerpt from a quote of its source's text (``excerpt add``);
- :func:`~egovcode.edit.excerpts.add_excerpt`: an excerpt at a given span (the workbench);
- :func:`code_excerpt`: apply or remove codes, set valence and memo (``code``);
- :func:`init_sheets`: blind coder sheets (``codings init``);
- :func:`find_quote`: where a quote occurs in a text (a pure function).
"""

from egovcode.edit.coding import CodeOutcome, code_excerpt, find_excerpt
from egovcode.edit.errors import EditError
from egovcode.edit.excerpts import add_excerpt
from egovcode.edit.quote import QuoteMatch, closest_passage, find_quote
from egovcode.edit.quoting import QuotedOutcome, add_quoted_excerpt, pick_match
from egovcode.edit.sheets import Sheet, SheetsOutcome, init_sheets

__all__ = [
    "CodeOutcome",
    "EditError",
    "QuoteMatch",
    "QuotedOutcome",
    "Sheet",
    "SheetsOutcome",
    "add_excerpt",
    "add_quoted_excerpt",
    "closest_passage",
    "code_excerpt",
    "find_excerpt",
    "find_quote",
    "init_sheets",
    "pick_match",
]
