"""Mutation fuzzing of a real project: mutate one file, then every command must end cleanly.

A *mutation* is data (:class:`Mutation`): which file, what kind of change, where and with what
payload. The same engine serves the short hypothesis run in ``tests/test_fuzz.py`` and the long
run of ``benchmarks/fuzz.py``. The outcome of a command is clean when it exits 0, 1 or 2 and
prints no traceback and no "internal error" (exit 70 is always a defect).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]

#: The project files that are mutated: the bundled study, as a user would have it.
PROJECT_PARTS = ("cases", "codebooks", "codings", "templates")
CONFIG = "egovcode.yaml"
CONFIG_TEXT = """\
title: {en: Digital public services, id: Layanan publik digital}
codebook: codebooks/indrajit.yaml
cases: ["cases/*.yaml"]
codings: ["codings/*/*.yaml"]
languages: [en, id]
lang: en
format: md
pseudonymise: false
"""

KINDS = (
    "byte-flip",
    "byte-insert",
    "byte-delete",
    "line-delete",
    "line-duplicate",
    "line-swap",
    "indent-more",
    "indent-less",
    "indent-tab",
    "value",
    "key",
    "reference",
    "feature",
)

#: Values and YAML features that broke, or could break, a loader or a later command.
PAYLOADS = (
    "2024-02-30",
    "2023-13-01",
    "1999-12-31 23:59:60",
    "!!int x",
    "!!float tiga",
    "!!bool mungkin",
    "!!timestamp kemarin",
    "!!str 12",
    "!!binary aGFsbw==",
    "!!set {a, b}",
    "!!python/object/apply:os.system ['true']",
    "9" * 4400,
    "1" * 40,
    "-1e400",
    ".nan",
    ".Inf",
    "0x1F",
    "0o17",
    "1_000",
    "12:30:00",
    "1:45",
    "yes",
    "off",
    "~",
    "null",
    "[]",
    "{}",
    "[a, [b, [c]]]",
    "{x: 1}",
    "&anchor value",
    "*anchor",
    "*nowhere",
    "'unterminated",
    '"unterminated',
    "'it''s'",
    '"with \\e[31m escape"',
    '"bell \\a and \\x1b]0;title\\x07"',
    '"nul \\0 byte"',
    "a: b: c",
    "kata: sistemnya: rusak",
    "- item",
    "| block",
    ">- folded",
    "? complex",
    "---",
    "...",
    "%YAML 1.1",
    "# comment only",
    "x" * 5000,
    "🙂 emoji and ṭext",
    "\u202eRTL override",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    "::error::injected",
    "",
    " ",
    "\t",
    "../../etc/passwd",
    "/etc/hostname",
    "APP",
    "APP.PORTAL",
    "GOAL",
    "supporting",
    "interview",
    "kediri",
    "jember",
    "ana",
    "en",
    "id",
    "fr",
    "0",
    "-5",
    "3.14",
    "2024",
    "true",
)

FEATURES = (
    "x-anchor: &a {k: v}",
    "x-alias: *a",
    "<<: *a",
    "--- !!map",
    "%TAG ! tag:example.com,2000:",
    "!!omap [a: 1]",
    "? [a, b]\n: c",
    "&r [*r]",
    "k: !custom tag",
    "k: [&x 1, *x, *x]",
    "\ufeff",
    "\x85",
)

_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.\-]*)(\s*:\s*)(.*)$")
_ID = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)+\b|\b[A-Z]{2,}\b")


@dataclass(frozen=True, slots=True)
class Mutation:
    """One change to one file: ``at`` and ``pick`` are fractions in [0, 1) that choose a place
    and a payload, so the same mutation applies to any version of the file."""

    file: str
    kind: str
    at: float
    pick: float

    def apply(self, text: str) -> str:
        return mutate(text, self.kind, self.at, self.pick)


def _index(fraction: float, size: int) -> int:
    return min(size - 1, max(0, int(fraction * size))) if size else 0


def mutate(text: str, kind: str, at: float, pick: float) -> str:
    """``text`` with one change of ``kind`` at fraction ``at``; ``pick`` chooses the payload."""
    payload = PAYLOADS[_index(pick, len(PAYLOADS))]
    if kind.startswith("byte"):
        i = _index(at, len(text) + 1)
        if kind == "byte-delete":
            return text[:i] + text[i + 1 :]
        char = chr(_index(pick, 0x3000)) if pick < 0.9 else chr(0x10000 + _index(pick, 0xFFFF))
        if 0xD800 <= ord(char) <= 0xDFFF:
            char = "\ufffd"
        if kind == "byte-flip":
            return text[:i] + char + text[i + 1 :]
        return text[:i] + char + text[i:]
    lines = text.split("\n")
    i = _index(at, len(lines))
    if kind == "line-delete":
        del lines[i]
    elif kind == "line-duplicate":
        lines.insert(i, lines[i])
    elif kind == "line-swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent-more":
        lines[i] = " " * (1 + _index(pick, 4)) + lines[i]
    elif kind == "indent-less":
        lines[i] = lines[i][min(len(lines[i]) - len(lines[i].lstrip(" ")), 1 + _index(pick, 4)) :]
    elif kind == "indent-tab":
        stripped = lines[i].lstrip(" ")
        lines[i] = "\t" * max(1, (len(lines[i]) - len(stripped)) // 2) + stripped
    elif kind in ("value", "key"):
        j = _nearest(lines, i, lambda line: _KEY_LINE.match(line) is not None)
        if j is not None:
            m = _KEY_LINE.match(lines[j])
            assert m is not None
            lead, key, sep, value = m.groups()
            if kind == "value":
                lines[j] = f"{lead}{key}{sep}{payload}"
            else:
                lines[j] = f"{lead}{_typo(key, pick)}{sep}{value}"
    elif kind == "reference":
        found = [(n, m) for n, line in enumerate(lines) for m in _ID.finditer(line)]
        if found:
            n, m = found[_index(at, len(found))]
            ids = sorted({m2.group() for _, m2 in found})
            other = ids[_index(pick, len(ids))] if pick < 0.6 else _typo(m.group(), pick)
            lines[n] = lines[n][: m.start()] + other + lines[n][m.end() :]
    elif kind == "feature":
        feature = FEATURES[_index(pick, len(FEATURES))]
        indent = " " * (len(lines[i]) - len(lines[i].lstrip(" ")))
        lines.insert(i, indent + feature.replace("\n", "\n" + indent))
    return "\n".join(lines)


def _nearest(lines: list[str], i: int, ok: object) -> int | None:
    for j in [*range(i, len(lines)), *range(i - 1, -1, -1)]:
        if ok(lines[j]):  # type: ignore[operator]
            return j
    return None


def _typo(word: str, pick: float) -> str:
    if not word:
        return "x"
    k = _index(pick, len(word))
    choice = _index(pick * 7 % 1, 4)
    if choice == 0:
        return word[:k] + word[k + 1 :] or "x"
    if choice == 1:
        return word[:k] + word[k] * 2 + word[k + 1 :]
    if choice == 2:
        return word.upper() if word != word.upper() else word.lower()
    return word + "_x"


def project_files(root: Path) -> list[str]:
    """The mutable files of the project at ``root``, project-relative, sorted."""
    out = [CONFIG]
    for part in PROJECT_PARTS:
        out.extend(
            p.relative_to(root).as_posix()
            for p in sorted((root / part).rglob("*"))
            if p.is_file() and p.suffix in (".yaml", ".j2")
        )
    return out


def make_project(target: Path) -> Path:
    """A copy of the bundled project (with an explicit config) at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, target / part, dirs_exist_ok=True)
    (target / CONFIG).write_text(CONFIG_TEXT, encoding="utf-8")
    (target / "templates" / "report.md.j2").write_text(
        "# {{ title }}\n{% for case in cases %}- {{ case.name }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    return target


@dataclass(frozen=True, slots=True)
class Outcome:
    command: tuple[str, ...]
    exit_code: int
    output: str

    @property
    def clean(self) -> bool:
        return self.exit_code in (0, 1, 2) and not _crashed(self.output)


def _crashed(output: str) -> bool:
    return "Traceback (most recent call last)" in output or "internal error" in output


#: Every command run on a mutant that validates, with arguments that need no further input.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("tally",),
    ("tally", "--by", "source-kind", "--format", "csv"),
    ("tally", "--by", "valence", "--level", "all", "--format", "md"),
    ("cooccur", "--format", "json"),
    ("query",),
    ("query", "--text", "layanan", "--format", "csv"),
    ("codebook", "show", "--definitions"),
    ("codebook", "show", "--format", "json"),
    ("codebook", "check"),
    ("export", "json", "-o", "-"),
    ("export", "csv", "-o", "-"),
    ("export", "sqlite", "-o", "{tmp}/out.db", "--force"),
    ("render",),
    ("render", "--format", "html", "--lang", "id"),
    ("render", "--template", "report.md.j2"),
    ("agree", "--format", "json"),
    ("merge", "--rule", "majority", "--dry-run"),
)


def run(runner: CliRunner, args: tuple[str, ...], root: Path, tmp: Path) -> Outcome:
    """Run ``egovcode ARGS`` in-process in ``root``; an escaping exception is a crash."""
    argv = [a.replace("{tmp}", str(tmp)) for a in args]
    old = Path.cwd()
    os.chdir(root)
    try:
        result = runner.invoke(_app(), argv, catch_exceptions=True)
    finally:
        os.chdir(old)
    output = result.stdout + result.stderr
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        import traceback

        text = "".join(traceback.format_exception(exc))
        return Outcome(tuple(args), 70, f"{output}\nTraceback (most recent call last)\n{text}")
    return Outcome(tuple(args), result.exit_code, output)


def _app():  # type: ignore[no-untyped-def]
    from egovcode.cli.app import app

    return app


@contextmanager
def mutated(root: Path, mutation: Mutation) -> Iterator[str]:
    """Apply ``mutation`` to its file under ``root`` for the duration; yields the new text."""
    path = root / mutation.file
    original = path.read_bytes()
    text = original.decode("utf-8")
    new = mutation.apply(text)
    path.write_bytes(new.encode("utf-8", errors="surrogatepass"))
    try:
        yield new
    finally:
        path.write_bytes(original)


def check_mutant(
    runner: CliRunner, root: Path, tmp: Path, mutation: Mutation, *, commands: bool = True
) -> tuple[Outcome, list[Outcome]]:
    """Validate the mutant; when it validates (and ``commands``), run every other command.

    Returns the validate outcome and those of the other commands.
    """
    with mutated(root, mutation):
        first = run(runner, ("validate", "--format", "parsable"), root, tmp)
        others: list[Outcome] = []
        if first.exit_code == 0 and commands:
            others = [run(runner, command, root, tmp) for command in COMMANDS]
        return first, others
