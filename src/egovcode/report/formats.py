"""Which format a report is written in: ``--format``, the output file's extension, the project.

``-o report.html`` writes HTML and ``-o report.docx`` Word without ``--format``; a ``--format``
that contradicts a known extension is a usage error, so a Markdown file is never called .html.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from egovcode.report.errors import ReportUsageError

Format = Literal["md", "html", "docx"]
FORMATS: tuple[Format, ...] = ("md", "html", "docx")
#: File extensions that name a format (compared in lower case).
EXTENSIONS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
#: Extensions of document formats egovcode does not write: without --format they are a usage
#: error rather than a Markdown file under a misleading name (other extensions, .txt among them,
#: take the project's format).
FOREIGN = frozenset({".pdf", ".doc", ".odt", ".rtf", ".epub", ".tex", ".ps", ".xps"})


def output_format(asked: str | None, output: Path | None, default: str = "md") -> Format:
    """The format to write.

    ``asked`` is ``--format`` (None when not given), ``output`` the ``-o`` file (None or ``-`` for
    stdout) and ``default`` the project's ``format``. The order: ``--format``, else the output's
    extension, else ``default``. An extension that names another format than ``--format`` is a
    usage error, and so are a foreign document extension without ``--format`` (``-o report.pdf``
    must not get Markdown) and Word on stdout.
    """
    to_file = output is not None and str(output) != "-"
    implied = EXTENSIONS.get(output.suffix.lower()) if to_file and output is not None else None
    if asked is not None:
        fmt = _known(asked, "--format")
        if implied is not None and implied != fmt:
            raise ReportUsageError(
                f"--format {fmt} contradicts the file name {output}, which names {implied}; "
                f"drop --format, or name the file *{_suffix(fmt)}."
            )
    elif implied is not None:
        fmt = implied
    elif to_file and output is not None and output.suffix.lower() in FOREIGN:
        raise ReportUsageError(
            f"cannot tell the format from {output.suffix!r}: name the file *.md, *.html or "
            "*.docx, or give --format (egovcode writes no PDF: print the HTML or convert the "
            "Word file)."
        )
    else:
        fmt = _known(default, "the project's `format`")
    if fmt == "docx" and not to_file:
        raise ReportUsageError("a Word document cannot go to stdout; give -o FILE.docx.")
    return fmt


def _known(value: str, where: str) -> Format:
    for fmt in FORMATS:
        if value == fmt:
            return fmt
    raise ReportUsageError(f"{where} {value!r}: choose one of {', '.join(FORMATS)}.")


def _suffix(fmt: Format) -> str:
    return next(ext for ext, f in EXTENSIONS.items() if f == fmt)
