"""Writing project files: the library behind ``excerpt add``, ``code`` and ``codings init``.

The command line and the browser workbench call the same functions. Each one reads the loaded
project, prepares every edit, checks that the edited files read back as valid data, and only
then writes them (atomically, keeping comments and layout). A refusal is an
:class:`~egovcode.edit.errors.EditError` with a registry code (EGC720–EGC739) and a hint; nothing
is written then.
"""

from egovcode.edit.coding import CodeOutcome, code_excerpt, find_excerpt
from egovcode.edit.errors import EditError
from egovcode.edit.quote import QuoteMatch, closest_passage, find_quote
from egovcode.edit.sheets import Sheet, SheetsOutcome, init_sheets

__all__ = [
    "CodeOutcome",
    "EditError",
    "QuoteMatch",
    "Sheet",
    "SheetsOutcome",
    "closest_passage",
    "code_excerpt",
    "find_excerpt",
    "find_quote",
    "init_sheets",
]
