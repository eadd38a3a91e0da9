"""The one exception of the editing functions: a refusal with a stable code and a hint."""

from __future__ import annotations

from egovcode.errors import DataError


class EditError(DataError):
    """An edit that was refused; nothing was written.

    ``code`` is a registry code (``EGC720``–``EGC739``), ``hint`` says how to go on, and
    ``file``/``line``/``column`` (1-based) point at the place concerned when there is one. The
    exit code is 2 when the request names something the project does not have (``usage``),
    else 1.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        usage: bool = False,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        from egovcode.check.registry import CODES

        self.code = code
        self.message = message
        self.hint = hint or CODES[code].hint
        self.file = file
        self.line = line
        self.column = column
        self.exit_code = 2 if usage else 1
        where = f"{file}:{line}:{column}: " if file and line and column else ""
        super().__init__(f"{where}{message} ({code})\n  hint: {self.hint}")
