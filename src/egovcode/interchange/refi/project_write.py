"""Writing an import plan into a folder: a new project, or a merge into an existing one.

All files are written together or not at all (``egovcode.output.commit_files``), and only under
the target folder. A merge adds cases, sources, texts and coder files, appends new codes to the
codebook through the comment-keeping YAML editor, and refuses any id that clashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from egovcode.check.diagnostic import Diagnostic
from egovcode.errors import DataError
from egovcode.interchange.refi.guids import SIDECAR, SIDECAR_HEADER, Sidecar, load_sidecar
from egovcode.interchange.refi.importer import Plan
from egovcode.load.dump import dump_yaml
from egovcode.output import PlannedWrite, commit_files

if TYPE_CHECKING:
    from egovcode.load.project import Project

HEADER = "# Imported from {origin} by `egovcode import`.\n"
#: Codebook rules that imported codebooks never meet (criteria and examples are egovcode's).
IMPORT_LINT_IGNORE = ["EGC407", "EGC408"]


class ImportClash(DataError):
    """The import would reuse ids of the target project (EGC812)."""


class ImportInvalid(DataError):
    """The merge would leave the target project's codebook failing ``validate``; nothing is
    written. ``diagnostics`` are the errors the merge would bring (those already there before
    it are not counted)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


@dataclass(slots=True)
class Written:
    files: list[str] = field(default_factory=list)
    merged: bool = False


def is_project(folder: Path) -> bool:
    return (folder / "egovcode.yaml").is_file() or (folder / "cases").is_dir()


#: Excerpt keys in the order of the model (and of hand-written case files).
EXCERPT_ORDER = ("id", "source", "locator", "speaker", "span", "lang", "text", "translations",
                 "codes", "valence", "coder", "memo")  # fmt: skip
#: A block list of plain ids or numbers under ``codes:`` or ``span:``, written in flow style.
_FLOW = re.compile(r"^( *)(codes|span):\n((?:\1- [A-Za-z0-9][A-Za-z0-9_.\-]*\n)+)", re.MULTILINE)


def _flow(match: re.Match[str]) -> str:
    items = [line.split("- ", 1)[1] for line in match.group(3).splitlines()]
    return f"{match.group(1)}{match.group(2)}: [{', '.join(items)}]\n"


def _strip(case: dict[str, Any]) -> dict[str, Any]:
    out = dict(case)
    if "excerpts" in out:
        out["excerpts"] = [{k: e[k] for k in EXCERPT_ORDER if k in e} for e in out["excerpts"]]
    return out


def _yaml(plan: Plan, data: Any) -> bytes:
    text = _FLOW.sub(_flow, dump_yaml(_clean(plan, data)))
    return (HEADER.format(origin=plan.origin) + text).encode("utf-8")


_LINE_END = re.compile(r"\r\n?")
#: C0 and C1 control characters but tab and line feed, which ``validate`` refuses (EGC120).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(plan: Plan, data: Any) -> Any:
    """``data`` with CRLF and CR in its strings as LF and other control characters removed (a
    foreign tool's names and notes may hold them; ``validate`` would refuse them), counted."""
    if isinstance(data, str):
        text = _LINE_END.sub("\n", data)
        text, n = _CONTROL.subn("", text)
        if n:
            plan.counts["control characters removed from names and notes"] += n
        return text
    if isinstance(data, dict):
        return {_clean(plan, k): _clean(plan, v) for k, v in data.items()}
    if isinstance(data, list):
        return [_clean(plan, v) for v in data]
    return data


def _sidecar_bytes(sidecar: Sidecar) -> bytes:
    return (SIDECAR_HEADER + dump_yaml(sidecar.to_data())).encode("utf-8")


def plan_files(plan: Plan, into: Path, *, force: bool) -> tuple[dict[Path, bytes], bool]:
    """The files to write and whether this is a merge; raises ImportClash on clashes."""
    if is_project(into):
        return _merge_files(plan, into), True
    files: dict[Path, bytes] = {}
    codebook_path = f"codebooks/{plan.codebook['id']}.yaml"
    config: dict[str, Any] = {
        "title": {plan.lang: plan.title},
        "codebook": codebook_path,
        "languages": [plan.lang],
        "lang": plan.lang,
        "lint": {"ignore": IMPORT_LINT_IGNORE},
    }
    if plan.coders:
        config["coders"] = plan.coders
    if plan.variables:
        config["variables"] = plan.variables
    files[into / "egovcode.yaml"] = _yaml(plan, config)
    files[into / codebook_path] = _yaml(plan, plan.codebook)
    _common(plan, into, files)
    files[into / SIDECAR] = _sidecar_bytes(plan.sidecar)
    if not force:
        existing = [p for p in files if p.exists()]
        if existing:
            raise DataError(
                f"{existing[0]} already exists; import into a new folder, or add --force."
            )
    return files, False


def _common(plan: Plan, into: Path, files: dict[Path, bytes]) -> None:
    for cid, case in plan.cases.items():
        files[into / "cases" / f"{cid}.yaml"] = _yaml(plan, _strip(case))
    for relative, data in plan.texts.items():
        files[into / relative] = data
    for (coder, cid), coding in sorted(plan.codings.items()):
        files[into / "codings" / coder / f"{cid}.yaml"] = _yaml(plan, coding)
    if plan.memos:
        files[into / "memos.yaml"] = _yaml(plan, {"memos": plan.memos})
    if plan.sets:
        files[into / "sets.yaml"] = _yaml(plan, {"sets": plan.sets})


def _merge_files(plan: Plan, into: Path) -> dict[Path, bytes]:
    from egovcode.load.project import load_project
    from egovcode.load.yamledit import AppendItems, edit_fields

    project = load_project(into)
    clashes: list[str] = []
    existing_cases = {c.data.case.id for c in project.cases}
    taken_ids = {s.id for c in project.cases for s in c.data.sources}
    taken_ids |= {e.id for c in project.cases for e in c.data.excerpts}
    for cid, case in plan.cases.items():
        if cid in existing_cases or (into / "cases" / f"{cid}.yaml").exists():
            clashes.append(f"case {cid!r}")
        for item in [*case.get("sources", []), *case.get("excerpts", [])]:
            if item["id"] in taken_ids:
                clashes.append(f"id {item['id']!r} (case {cid!r})")
    files: dict[Path, bytes] = {}
    new_codes: list[dict[str, Any]] = []
    codebook = project.codebook
    known = codebook.by_id() if codebook is not None else {}
    for item in plan.codebook.get("codes", []):
        code = known.get(item["id"])
        if code is None:
            new_codes.append(item)
        elif code.label.get(plan.lang, "").strip().casefold() != (
            item["label"][plan.lang].strip().casefold()
        ):
            clashes.append(
                f"code {item['id']!r} ({code.label.get(plan.lang)!r} here, "
                f"{item['label'][plan.lang]!r} imported)"
            )
    if plan.memos and (into / "memos.yaml").exists():
        clashes.append("memos.yaml (merge the notes by hand)")
    if plan.sets and (into / "sets.yaml").exists():
        clashes.append("sets.yaml (merge the sets by hand)")
    if clashes:
        raise ImportClash(
            f"{len(clashes)} id(s) of the import are already used in {into} (EGC812): "
            + "; ".join(clashes[:8])
            + ("; ..." if len(clashes) > 8 else "")
            + ". Import into a new folder, or rename them in one of the projects first."
        )
    if new_codes:
        path = into / project.config.codebook
        if project.codebook_source is None or not path.is_file():
            raise DataError(
                f"the project in {into} has no codebook file of its own to add the "
                f"{len(new_codes)} imported code(s) to; set `codebook:` in egovcode.yaml."
            )
        text = path.read_text(encoding="utf-8")
        languages = project.config.languages
        items = tuple(
            _clean(plan, _for_languages(item, plan.lang, languages)) for item in new_codes
        )
        if codebook is not None and codebook.origin is None:
            missing = [lang for lang in languages if lang != plan.lang]
            if missing:
                plan.notices.append(
                    f"{len(new_codes)} code(s) were added to {project.config.codebook} with "
                    f"their name as the label in every language; write their definitions in "
                    f"{', '.join(missing)} (`egovcode codebook check` lists them, EGC406)"
                )
        merged = edit_fields(text, [AppendItems(("codes",), items)])
        _refuse_invalid_codebook(project, path, merged)
        files[path] = merged.encode("utf-8")
    _common(plan, into, files)
    sidecar = load_sidecar(into)
    for kind, table in plan.sidecar.ids.items():
        for key, value in table.items():
            sidecar.keep(kind, key, value)
    sidecar.times.update(plan.sidecar.times)
    files[into / SIDECAR] = _sidecar_bytes(sidecar)
    return files


def codebook_errors(project: Project, path: Path, text: str) -> list[Diagnostic]:
    """The errors ``validate`` would report in the project's codebook if it read ``text``
    (model and lint checks, the config's ``lint:`` settings applied) that it does not report
    now. They carry no line: the file was not written."""
    import dataclasses

    from egovcode.check.codebook_check import lint_codebook
    from egovcode.check.schema import validate
    from egovcode.load.limits import Limits
    from egovcode.load.yamlfile import SourceFile, YamlProblem, parse_outlined
    from egovcode.model import Codebook

    display = project.codebook_source.display if project.codebook_source else path.name
    try:
        data, outline = parse_outlined(text, Limits.from_env())
    except YamlProblem as problem:  # pragma: no cover - the editor writes parseable YAML
        return [_unplaced(problem.code, problem.message, display, problem.hint)]
    source = SourceFile(path=path, display=display, text=text, outline=outline)
    codebook, problems, _ = validate(Codebook, data, source)
    if codebook is not None:
        after = dataclasses.replace(project, codebook=codebook, codebook_source=source)
        problems = [*problems, *lint_codebook(after)]
    before = {(d.code, d.message) for d in lint_codebook(project)}
    return [
        _unplaced(d.code, d.message, display, d.hint)
        for d in problems
        if d.severity.value == "error" and (d.code, d.message) not in before
    ]


def _unplaced(code: str, message: str, display: str, hint: str | None) -> Diagnostic:
    from egovcode.check.diagnostic import Severity
    from egovcode.check.registry import CODES

    return Diagnostic(code, Severity(CODES[code].severity), message, display, None, None, hint)


def _refuse_invalid_codebook(project: Project, path: Path, text: str) -> None:
    from egovcode.check.codebook_rules import RULES

    errors = codebook_errors(project, path, text)
    if not errors:
        return
    codes = sorted({d.code for d in errors})
    message = (
        f"the imported codes would give {len(errors)} error(s) in {errors[0].file} (listed "
        "above), so nothing was written. Import into a new folder instead (an imported "
        "codebook does not need definitions in every language)"
    )
    if set(codes) <= {rule.code for rule in RULES}:
        message += (
            f", or let the project accept them with `lint: {{ignore: [{', '.join(codes)}]}}` "
            "in egovcode.yaml and import again"
        )
    raise ImportInvalid(message + ".", errors)


def _for_languages(item: dict[str, Any], lang: str, languages: list[str]) -> dict[str, Any]:
    """A code for a codebook in ``languages``: a REFI name is no translation, so it is the
    label in every language; the definition stays in the language it was written in."""
    out = dict(item)
    out["label"] = {code: item["label"][lang] for code in languages} if languages else item["label"]
    return out


def write_files(files: dict[Path, bytes], into: Path) -> Written:
    """Write every file, all or nothing, creating folders under ``into`` only."""
    root = into.resolve()
    writes = []
    for path in sorted(files):
        resolved = path.resolve()
        resolved.relative_to(root)  # raises ValueError: never outside --into
        resolved.parent.mkdir(parents=True, exist_ok=True)
        expected = path.read_bytes() if path.exists() else None
        writes.append(PlannedWrite(path, files[path], expected))
    commit_files(writes)
    return Written([p.relative_to(into).as_posix() for p in sorted(files)])
