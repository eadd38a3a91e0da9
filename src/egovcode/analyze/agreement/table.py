"""Reading an agreement table: a long CSV with the header ``unit,coder,code``.

One row per applied code. A row with an empty code means the coder rated the unit and applied
no code; a unit with no row for a coder was not rated by that coder (missing data). Fields are
stripped of surrounding spaces; blank lines and rows of empty fields are skipped; the header's
names may be in any order and any case; a UTF-8 BOM is allowed.

In ``single`` mode each coder gives each unit one category, and an empty code is the category
``(none)``: the coder's judgement that no category applies, which can agree or disagree with
another coder's. In ``multi`` mode each code is present or absent.

Every problem is collected with its 1-based line and column and a stable code (``EGC501`` to
``EGC509``, listed in :data:`TABLE_PROBLEMS`); any problem raises :class:`AgreementTableError`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from egovcode.analyze.agreement.ordering import id_key, sorted_ids
from egovcode.analyze.agreement.result import (
    AgreementResult,
    Disagreement,
    Mode,
    agreement_multi,
    agreement_single,
    disagreements,
)
from egovcode.errors import DataError, EgovcodeError
from egovcode.load.limits import Limits

COLUMNS = ("unit", "coder", "code")
#: The category of an empty code in single mode.
NO_CATEGORY = "(none)"

#: code -> (title, hint), for the diagnostics registry and the docs.
TABLE_PROBLEMS: dict[str, tuple[str, str]] = {
    "EGC501": (
        "Agreement table has no data",
        "Write the header line unit,coder,code and then one row per applied code.",
    ),
    "EGC502": (
        "Agreement table is not valid UTF-8",
        "Re-save the file as UTF-8 (a BOM is allowed); latin-1 or cp1252 bytes are not.",
    ),
    "EGC503": (
        "Agreement table header is wrong",
        "Make the first line exactly: unit,coder,code",
    ),
    "EGC504": (
        "Row does not have three fields",
        "Give each row a unit, a coder and a code (empty for none); quote a field with a comma.",
    ),
    "EGC505": ("Row has an empty unit", "Fill in the unit id, or delete the row."),
    "EGC506": ("Row has an empty coder", "Fill in the coder id, or delete the row."),
    "EGC507": ("Row repeats an earlier row", "Delete one of the two rows."),
    "EGC508": (
        "Coder gave a unit more than one category",
        "In single mode each coder gives each unit one category; keep one row, or use "
        "--mode multi if several codes may apply.",
    ),
    "EGC509": (
        "Agreement table is not readable CSV",
        "Close the quote that is left open, or remove the NUL bytes (is it a binary file?).",
    ),
}


@dataclass(frozen=True, slots=True)
class TableProblem:
    """One problem in an agreement table; ``line`` and ``column`` are 1-based (header: line 1,
    column = field number)."""

    code: str
    message: str
    line: int
    column: int
    hint: str

    @property
    def title(self) -> str:
        return _entry(self.code)[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


def _entry(code: str) -> tuple[str, str]:
    """Title and hint: the table's own codes, or a limit shared with the project (EGC330)."""
    if code in TABLE_PROBLEMS:
        return TABLE_PROBLEMS[code]
    from egovcode.check.registry import CODES

    return CODES[code].title, CODES[code].hint


def _problem(code: str, message: str, line: int, column: int) -> TableProblem:
    return TableProblem(code, message, line, column, _entry(code)[1])


class AgreementTableError(DataError):
    """An agreement table has problems; ``problems`` lists every one, in line order."""

    def __init__(self, problems: Sequence[TableProblem], source: str = "<table>") -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column, p.code)))
        self.source = source
        first = self.problems[0]
        more = len(self.problems) - 1
        super().__init__(
            f"{source}:{first.line}:{first.column}: {first.message} ({first.code})"
            + (f"; and {more} more problem(s)" if more else "")
        )


@dataclass(frozen=True, slots=True)
class TableData:
    """An agreement table, read.

    ``codings`` (both modes): unit -> coder -> codes applied (empty set: rated, no code).
    ``ratings`` (single mode only, else None): unit -> coder -> category, ``(none)`` for an
    empty code. ``codes`` lists the categories (single) or codes (multi) that occur.
    """

    source: str
    mode: Mode
    units: tuple[str, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    codings: dict[str, dict[str, frozenset[str]]]
    ratings: dict[str, dict[str, str]] | None

    def agreement(self) -> AgreementResult:
        """The agreement statistics for this table's mode."""
        if self.ratings is not None:
            return agreement_single(self.ratings)
        return agreement_multi(self.codings)

    def disagreements(self) -> list[Disagreement]:
        """Units whose coders' code sets differ, sorted by unit."""
        return disagreements(self.codings)


def read_agreement_table(path: Path, mode: Mode) -> TableData:
    """Read an agreement table; raise :class:`AgreementTableError` listing every problem.

    A file that cannot be read at all (missing, a folder, too large) raises
    :class:`~egovcode.errors.EgovcodeError` with one sentence.
    """
    limit = Limits.from_env().max_bytes
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise EgovcodeError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise EgovcodeError(f"{path} is larger than the limit of {limit} bytes")
    return parse_agreement_table(data, mode, source=str(path))


def parse_agreement_table(data: bytes, mode: Mode, source: str = "<table>") -> TableData:
    """Parse the bytes of an agreement table (see :func:`read_agreement_table`)."""
    if mode not in ("single", "multi"):
        raise ValueError(f"mode must be 'single' or 'multi', not {mode!r}")
    text = _decode(data, source)
    records, problems = _records(text)
    if not records:
        problems.append(_problem("EGC501", "the file has no header and no rows", 1, 1))
        raise AgreementTableError(problems, source)
    header_line, header = records[0]
    index = _header_index(header, header_line, problems)
    if index is None:
        raise AgreementTableError(problems, source)
    given = _rows(records[1:], index, problems)
    if mode == "single":
        _check_single(given, index["code"] + 1, problems)
    if not given and not problems:
        problems.append(
            _problem("EGC501", "the table has a header but no rows", header_line + 1, 1)
        )
    if problems:
        raise AgreementTableError(problems, source)
    return _table_data(given, mode, source)


def _decode(data: bytes, source: str) -> str:
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        message = f"byte 0x{body[exc.start]:02X} is not valid UTF-8"
        raise AgreementTableError([_problem("EGC502", message, line, column)], source) from None
    if "\x00" in text:
        before_nul = text[: text.index("\x00")]
        line = before_nul.count("\n") + 1
        column = len(before_nul) - (before_nul.rfind("\n") + 1) + 1
        message = "the file holds a NUL character"
        raise AgreementTableError([_problem("EGC509", message, line, column)], source)
    return text


def _records(text: str) -> tuple[list[tuple[int, list[str]]], list[TableProblem]]:
    """Non-blank CSV records with the line each starts on; a CSV syntax error ends the reading."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    problems: list[TableProblem] = []
    last = 0
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if any(field.strip() for field in row):
                records.append((start, [field.strip() for field in row]))
    except csv.Error as exc:
        problems.append(_problem("EGC509", f"the CSV cannot be read from here: {exc}", last + 1, 1))
    return records, problems


def _header_index(
    header: list[str], line: int, problems: list[TableProblem]
) -> dict[str, int] | None:
    names = [name.lower() for name in header]
    if sorted(names) == sorted(COLUMNS):
        return {name: i for i, name in enumerate(names)}
    column = len(names) + 1
    for i, name in enumerate(names):
        if name not in COLUMNS or name in names[:i]:
            column = i + 1
            break
    found = ",".join(header)
    message = f"the header is {found!r}; it must name the columns unit, coder and code"
    problems.append(_problem("EGC503", message, line, column))
    return None


#: (unit, coder) -> [(code, line), ...] in file order
Given = dict[tuple[str, str], list[tuple[str, int]]]


def _rows(
    records: list[tuple[int, list[str]]], index: dict[str, int], problems: list[TableProblem]
) -> Given:
    given: Given = {}
    seen: dict[tuple[str, str, str], int] = {}
    coders: set[str] = set()
    max_coders = Limits().max_coders
    for line, row in records:
        if len(row) != len(COLUMNS):
            column = len(COLUMNS) + 1 if len(row) > len(COLUMNS) else len(row) + 1
            message = f"the row has {len(row)} field(s); it must have 3: unit, coder, code"
            problems.append(_problem("EGC504", message, line, column))
            continue
        unit, coder, code = (row[index[name]] for name in COLUMNS)
        if not unit:
            problems.append(_problem("EGC505", "the unit is empty", line, index["unit"] + 1))
        if not coder:
            problems.append(_problem("EGC506", "the coder is empty", line, index["coder"] + 1))
        if not unit or not coder:
            continue
        if coder not in coders and len(coders) >= max_coders:
            # every pair of coders is compared: refused before the pairs grow out of bounds
            message = f"coder {coder!r} is one more than the limit of {max_coders} coders"
            problems.append(_problem("EGC330", message, line, index["coder"] + 1))
            break
        coders.add(coder)
        key = (unit, coder, code)
        if key in seen:
            message = f"the row repeats line {seen[key]}"
            problems.append(_problem("EGC507", message, line, 1))
            continue
        seen[key] = line
        given.setdefault((unit, coder), []).append((code, line))
    return given


def _check_single(given: Given, code_column: int, problems: list[TableProblem]) -> None:
    for (unit, coder), entries in given.items():
        first_code, first_line = entries[0]
        for code, line in entries[1:]:
            message = (
                f"coder {coder!r} gave unit {unit!r} a second category {code or NO_CATEGORY!r}; "
                f"line {first_line} gave {first_code or NO_CATEGORY!r}"
            )
            problems.append(_problem("EGC508", message, line, code_column))


def _table_data(given: Given, mode: Mode, source: str) -> TableData:
    codings: dict[str, dict[str, frozenset[str]]] = {}
    ratings: dict[str, dict[str, str]] = {}
    for (unit, coder), entries in sorted(
        given.items(), key=lambda kv: (id_key(kv[0][0]), id_key(kv[0][1]))
    ):
        codings.setdefault(unit, {})[coder] = frozenset(code for code, _ in entries if code)
        ratings.setdefault(unit, {})[coder] = entries[0][0] or NO_CATEGORY
    if mode == "single":
        codes = sorted_ids(c for values in ratings.values() for c in values.values())
    else:
        codes = sorted_ids(c for values in codings.values() for s in values.values() for c in s)
    return TableData(
        source=source,
        mode=mode,
        units=tuple(codings),
        coders=tuple(sorted_ids(coder for _, coder in given)),
        codes=tuple(codes),
        codings=codings,
        ratings=ratings if mode == "single" else None,
    )
