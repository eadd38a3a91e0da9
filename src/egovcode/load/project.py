"""Finding a project on disk and loading every file in it, collecting problems as diagnostics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from egovcode.check.diagnostic import Diagnostic, Report, Severity
from egovcode.check.registry import CODES
from egovcode.check.schema import validate
from egovcode.errors import ProjectNotFoundError
from egovcode.load.cache import Cache
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import SourceFile, YamlProblem, parse, read_yaml
from egovcode.model import CaseFile, Codebook, ProjectConfig
from egovcode.model.coding import CoderCoding, CodingFile
from egovcode.model.synthesis import Synthesis

CONFIG_NAMES = ("egovcode.yaml", "egovcode.yml")
SYNTHESIS_NAMES = ("synthesis.yaml", "synthesis.yml")
DEFAULT_CODEBOOK = "codebooks/indrajit.yaml"


@dataclass(slots=True)
class LoadedCase:
    source: SourceFile
    data: CaseFile
    kept: dict[str, list[int]] = field(default_factory=dict)

    def path_of(self, section: str, index: int) -> tuple[str, int]:
        """The YAML path of item ``index`` of ``section`` as it stands in the file."""
        kept = self.kept.get(section)
        return (section, kept[index] if kept is not None else index)

    def dropped_ids(self, section: str) -> set[str]:
        """The ids of the items of ``section`` left out because they are invalid (already
        reported), so nothing else is reported as citing an unknown one of them."""
        kept = self.kept.get(section)
        if kept is None:
            return set()
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode

        node = self.source.node_at((section,))
        if not isinstance(node, SequenceNode):
            return set()
        out: set[str] = set()
        for i, item in enumerate(node.value):
            if i in kept or not isinstance(item, MappingNode):
                continue
            for key, value in item.value:
                if (
                    isinstance(key, ScalarNode)
                    and key.value == "id"
                    and isinstance(value, ScalarNode)
                ):
                    out.add(value.value)
        return out


@dataclass(slots=True)
class LoadedCoding:
    """One coder's file; ``folder`` is the coder folder's name (it must equal ``data.coder``)."""

    source: SourceFile
    data: CodingFile
    folder: str


@dataclass(slots=True)
class Project:
    """Everything read from a project folder, with the problems met on the way."""

    root: Path
    config: ProjectConfig
    config_source: SourceFile | None = None
    codebook: Codebook | None = None
    codebook_source: SourceFile | None = None
    cases: list[LoadedCase] = field(default_factory=list)
    case_paths: list[Path] = field(default_factory=list)
    codings: list[LoadedCoding] = field(default_factory=list)
    coding_paths: list[Path] = field(default_factory=list)
    synthesis: Synthesis | None = None
    synthesis_source: SourceFile | None = None
    report: Report = field(default_factory=Report)

    @property
    def complete(self) -> bool:
        """Whether every case file, and every item in it, could be read."""
        return len(self.cases) == len(self.case_paths) and not any(c.kept for c in self.cases)

    def synthetic_coders(self) -> set[str]:
        """Coders whose codings are demonstration data: every coder when the config says
        ``synthetic: true``, else those with a coder file that says so."""
        if self.config.synthetic:
            return {c.data.coder for c in self.codings}
        return {c.data.coder for c in self.codings if c.data.synthetic}

    def machine_coders(self) -> set[str]:
        """Coders whose files a machine wrote (``egovcode suggest``: they carry a provenance).
        Their suggestions are no one's coding: reports leave them out of the coders and the
        agreement."""
        return {c.data.coder for c in self.codings if c.data.provenance is not None}

    def sources(self) -> list[SourceFile]:
        """Every file read, config and codebook first, then cases in path order."""
        out = [s for s in (self.config_source, self.codebook_source) if s is not None]
        out.extend(case.source for case in self.cases)
        return out


def find_project(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The project folder: ``explicit`` if given, else the first folder at or above ``start``
    that holds an ``egovcode.yaml`` or a ``cases/`` folder."""
    if explicit is not None:
        if not explicit.is_dir():
            raise ProjectNotFoundError(f"--project {explicit} is not a folder.")
        if not _is_project(explicit):
            raise ProjectNotFoundError(
                f"--project {explicit} is not an egovcode project: it has neither an "
                "egovcode.yaml nor a cases/ folder."
            )
        return explicit.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_project(folder):
            return folder
    raise ProjectNotFoundError(
        f"No egovcode project found: looked for egovcode.yaml or a cases/ folder in {here} "
        "and every folder above it (give --project DIR, or run `egovcode init` to start one)."
    )


def _is_project(folder: Path) -> bool:
    return any((folder / name).is_file() for name in CONFIG_NAMES) or (folder / "cases").is_dir()


def default_codebook_path() -> Path:
    """The codebook shipped inside the package (used when a project has none of its own)."""
    return Path(str(resources.files("egovcode").joinpath("data", DEFAULT_CODEBOOK)))


#: Told (files read, files to read) after each case and coder file, e.g. to show progress.
Progress = Callable[[int, int], None]


def load_project(
    root: Path, limits: Limits | None = None, progress: Progress | None = None
) -> Project:
    """Read the config, the codebook and every case file; problems go to ``project.report``."""
    limits = limits or Limits.from_env()
    project = Project(root=root, config=ProjectConfig())
    report = project.report
    cache = Cache.for_project(root, limits)

    config_path = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    if config_path is not None:
        # a bad key takes its default; the others (the codebook above all) still count
        source, config, _ = _load(
            config_path, root, ProjectConfig, report, limits, cache, salvage=("*",)
        )
        project.config_source = source
        if config is not None:
            project.config = config

    codebook_path = root / project.config.codebook
    if not codebook_path.is_file():
        explicit = (
            project.config_source is not None and "codebook" in project.config.model_fields_set
        )
        if explicit or project.config.codebook != DEFAULT_CODEBOOK:
            report.diagnostics.append(
                _file_diag(
                    "EGC301",
                    f"codebook {project.config.codebook} does not exist",
                    project.config_source.display if project.config_source else None,
                )
            )
        else:
            codebook_path = default_codebook_path()
    if codebook_path.is_file():
        project.codebook_source, project.codebook, _ = _load(
            codebook_path, root, Codebook, report, limits, cache
        )
    # every later entry depends on the config and the codebook, byte for byte
    cache.depend_on(*(_bytes_of(p) for p in (config_path, codebook_path)))

    paths = project.case_paths = _glob(root, project.config.cases)
    if not paths:
        report.diagnostics.append(
            _file_diag("EGC302", f"no case files match {', '.join(project.config.cases)}", None)
        )
    report.diagnostics.extend(_skipped_case_files(root, paths))
    for done, path in enumerate(paths, 1):
        source, case, kept = _load(
            path,
            root,
            CaseFile,
            report,
            limits,
            cache,
            salvage=("indices", "sources", "excerpts"),
            # an error in the case block must not hide the checks of the excerpts
            placeholders={"case": {"id": path.stem, "name": path.stem, "type": "other"}},
        )
        if source is not None and case is not None:
            project.cases.append(LoadedCase(source, case, kept))
        if progress is not None:
            progress(done, len(paths))
    _load_codings(project, limits, cache, progress)
    synthesis_path = next((root / n for n in SYNTHESIS_NAMES if (root / n).is_file()), None)
    if synthesis_path is not None:
        project.synthesis_source, project.synthesis, _ = _load(
            synthesis_path, root, Synthesis, report, limits, cache
        )
    cache.prune()
    return project


def _skipped_case_files(root: Path, read: list[Path]) -> list[Diagnostic]:
    """A warning for each YAML file under ``cases/`` that the case globs do not read (a case
    saved as ``.yml``, or in a subfolder): it would silently drop out of every count."""
    folder = root / "cases"
    if not folder.is_dir():
        return []
    taken = set(read)
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (".yaml", ".yml") and path not in taken and path.is_file():
            display = display_name(path, root)
            out.append(
                _file_diag(
                    "EGC322",
                    f"{display} is not read: no glob under `cases:` matches it",
                    display,
                )
            )
    return out


def _load_codings(
    project: Project, limits: Limits, cache: Cache | None = None, progress: Progress | None = None
) -> None:
    """Read every coder file. A folder whose name starts with ``_`` or ``.`` is not a coder's
    (no coder id can start so): egovcode keeps its merge records in ``codings/_merge/``."""
    paths = _glob(project.root, project.config.codings)
    project.coding_paths = [p for p in paths if not p.parent.name.startswith(("_", "."))]
    before = len(project.case_paths)
    for done, path in enumerate(project.coding_paths, before + 1):
        source, coding, _ = _load(path, project.root, CodingFile, project.report, limits, cache)
        if source is not None and coding is None:
            coding = _salvage_codings(source, limits)
        if source is not None and coding is not None:
            project.codings.append(LoadedCoding(source, coding, path.parent.name))
        if progress is not None:
            progress(done, before + len(project.coding_paths))


def _salvage_codings(source: SourceFile, limits: Limits) -> CodingFile | None:
    """The coder file without its invalid entries (already reported), so later checks still
    see the rest; None when the problem is outside ``codings``."""
    data = parse(source.text, limits)
    if not isinstance(data, dict) or not isinstance(data.get("codings"), dict):
        return None
    good: dict[Any, Any] = {}
    for key, value in data["codings"].items():
        try:
            if value is not None:  # null: not yet rated
                CoderCoding.model_validate(value)
        except ValidationError:
            continue
        good[key] = value
    try:
        return CodingFile.model_validate({**data, "codings": good})
    except ValidationError:
        return None


def _bytes_of(path: Path | None) -> bytes:
    try:
        return b"" if path is None else path.read_bytes()
    except OSError:
        return b""


def display_name(path: Path, root: Path) -> str:
    """A path as shown in diagnostics: relative to the project, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return f"<egovcode>/{path.name}" if "egovcode" in path.parts else path.as_posix()


def _glob(root: Path, patterns: list[str]) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _load(
    path: Path,
    root: Path,
    model: Any,
    report: Report,
    limits: Limits,
    cache: Cache | None = None,
    salvage: tuple[str, ...] = (),
    placeholders: dict[str, dict[str, Any]] | None = None,
) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
    display = display_name(path, root)
    report.files.append(display)
    try:
        source, data = read_yaml(path, display, limits, cache)
    except YamlProblem as problem:
        report.diagnostics.append(
            Diagnostic(
                code=problem.code,
                severity=Severity(CODES[problem.code].severity),
                message=problem.message,
                file=display,
                line=problem.line,
                column=problem.column,
                hint=problem.hint or CODES[problem.code].hint,
            )
        )
        return None, None, {}
    except OSError as exc:
        report.diagnostics.append(
            _file_diag("EGC004", f"cannot read the file: {exc.strerror}", display)
        )
        return None, None, {}
    value, problems, kept = validate(model, data, source, salvage, placeholders)
    report.diagnostics.extend(problems)
    return source, value, kept


def _file_diag(code: str, message: str, file: str | None) -> Diagnostic:
    entry = CODES[code]
    return Diagnostic(
        code=code,
        severity=Severity(entry.severity),
        message=message,
        file=file,
        line=1 if file else None,
        column=1 if file else None,
        hint=entry.hint,
    )
