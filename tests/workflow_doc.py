"""Run the console sessions of ``docs/workflow.md`` and check (or refresh) their output.

The page is a walk from transcripts to a report. Every ```console block is a session: a line
``$ COMMAND`` is run and the lines after it, up to the next ``$ `` line, are its output (its
stdout, then its stderr, as a terminal shows them for these commands). The sessions run one
after another in one temporary folder that holds copies of the sample transcripts from
``docs/examples/workflow/``. Besides ``egovcode`` itself the runner knows ``cd DIR``,
``head -n N FILE``, ``grep -F TEXT FILE`` and ``sed -i 's/OLD/NEW/' FILE`` (literal text, first
match on each line).

``python -m tests.workflow_doc`` rewrites the outputs after a deliberate change; read
``git diff docs/workflow.md`` before committing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "workflow.md"
SAMPLES = REPO / "docs" / "examples" / "workflow"

_BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)


def _run(command: str, cwd: Path) -> tuple[str, Path]:
    from tests.conftest import run_cli

    args = shlex.split(command)
    if args[0] == "cd":
        return "", (cwd / args[1]).resolve()
    if args[0] == "head" and args[1] == "-n":
        lines = (cwd / args[3]).read_text(encoding="utf-8").splitlines(keepends=True)
        return "".join(lines[: int(args[2])]), cwd
    if args[0] == "grep" and args[1] == "-F":
        lines = (cwd / args[3]).read_text(encoding="utf-8").splitlines(keepends=True)
        return "".join(line for line in lines if args[2] in line), cwd
    if args[0] == "sed" and args[1] == "-i":
        _, old, new, _ = args[2].split("/")
        path = cwd / args[3]
        text = path.read_text(encoding="utf-8")
        path.write_bytes("\n".join(ln.replace(old, new, 1) for ln in text.split("\n")).encode())
        return "", cwd
    if args[0] != "egovcode":
        raise ValueError(f"the workflow page runs only egovcode, cd, head, grep, sed: {command}")
    result = run_cli(*args[1:], cwd=cwd)
    return result.stdout + result.stderr, cwd


def render(page: str, workdir: Path) -> str:
    """``page`` with the output of every command replaced by what running it gives now."""
    cwd = workdir
    for sample in sorted(SAMPLES.iterdir()):
        shutil.copyfile(sample, workdir / sample.name)
    env = {"NO_COLOR": "1", "COLUMNS": "100", "SOURCE_DATE_EPOCH": None}
    saved = {k: os.environ.get(k) for k in env}
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value

    def session(match: re.Match[str]) -> str:
        nonlocal cwd
        out = []
        for line in match.group(2).splitlines():
            if not line.startswith("$ "):
                continue
            out.append(line + "\n")
            output, cwd = _run(line[2:].split("  #", 1)[0], cwd)
            out.append(output if not output or output.endswith("\n") else output + "\n")
        return match.group(1) + "".join(out) + match.group(3)

    try:
        return _BLOCK.sub(session, page)
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def rendered() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return render(PAGE.read_text(encoding="utf-8"), Path(tmp))


def main() -> int:
    PAGE.write_text(rendered(), encoding="utf-8")
    print(f"rewrote {PAGE.relative_to(REPO)}; read `git diff docs/workflow.md`", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
