"""Finding a project on disk and loading every file in it, collecting problems as diagnostics."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from egovcode.check.diagnostic import Diagnostic, Report, Severity
from egovcode.check.registry import CODES
from egovcode.check.schema import validate
from egovcode.errors import ProjectNotFoundError
from egovcode.load.bounds import codebook_problems
from egovcode.load.cache import Cache, digest
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import (
    VALUE_PROBLEMS,
    FileChangedError,
    SourceFile,
    YamlProblem,
    decode,
    parse_lenient,
    read_yaml,
)
from egovcode.model import CaseFile, Codebook, ProjectConfig
from egovcode.model.coding import CoderCoding, CodingFile
from egovcode.model.construct import Builder, dump
from egovcode.model.synthesis import Synthesis

if TYPE_CHECKING:
    from egovcode.load.parallel import Parsed, Pool
    from egovcode.load.warm import WarmEntry

CONFIG_NAMES = ("egovcode.yaml", "egovcode.yml")
SYNTHESIS_NAMES = ("synthesis.yaml", "synthesis.yml")
DEFAULT_CODEBOOK = "codebooks/indrajit.yaml"


class LoadedCase:
    """A case file read: its source file, its validated data and which items a salvage kept.

    ``data`` may come later: a file served from the warm-run entry keeps its model there until
    it is first asked for (``validate`` on an unchanged project never asks).
    """

    __slots__ = ("_data", "_later", "kept", "source")

    def __init__(
        self, source: SourceFile, data: CaseFile | Later, kept: dict[str, list[int]] | None = None
    ) -> None:
        self.source = source
        self._data: CaseFile | None = None
        self._later: Later | None = None
        if isinstance(data, Later):
            self._later = data
        else:
            self._data = data
        self.kept = kept if kept is not None else {}

    @property
    def data(self) -> CaseFile:
        if self._data is None:
            assert self._later is not None
            made: CaseFile = self._later.get()
            self._data, self._later = made, None
        return self._data

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


class LoadedCoding:
    """One coder's file; ``folder`` is the coder folder's name (it must equal ``data.coder``).
    ``data`` may come later, as for :class:`LoadedCase`."""

    __slots__ = ("_data", "_later", "folder", "source")

    def __init__(self, source: SourceFile, data: CodingFile | Later, folder: str) -> None:
        self.source = source
        self._data: CodingFile | None = None
        self._later: Later | None = None
        if isinstance(data, Later):
            self._later = data
        else:
            self._data = data
        self.folder = folder

    @property
    def data(self) -> CodingFile:
        if self._data is None:
            assert self._later is not None
            made: CodingFile = self._later.get()
            self._data, self._later = made, None
        return self._data


class Later:
    """A model made when first needed (see :class:`egovcode.load.warm.Stored`)."""

    def get(self) -> Any:
        raise NotImplementedError


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
    #: every YAML file read, in order, with the hash of its bytes (or why it could not be read)
    reads: list[tuple[str, str]] = field(default_factory=list)
    #: the cache's context: the hash of the loader's limits, the config and the codebook
    context: str = ""

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
    root: Path,
    limits: Limits | None = None,
    progress: Progress | None = None,
    warm: WarmEntry | None = None,
    release: bool = False,
) -> Project:
    """Read the config, the codebook and every case file; problems go to ``project.report``.

    With ``warm`` (see :mod:`egovcode.load.warm`), a case or coder file whose bytes the last
    run validated is not parsed or validated again, and every file validated now is recorded.
    With ``release``, each case and coder file's text is let go once the file is loaded (read
    again if asked for, and refused if the file changed meanwhile); the editing commands keep
    the text they loaded, so an edit applies to exactly what was read.
    """
    limits = limits or Limits.from_env()
    project = Project(root=root, config=ProjectConfig())
    report = project.report
    cache = warm.cache if warm is not None else Cache.for_project(root, limits)
    reads = project.reads

    config_path = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    if config_path is not None:
        # a bad key takes its default; the others (the codebook above all) still count
        source, config, _ = _load(
            config_path, root, ProjectConfig, report, limits, cache, salvage=("*",), reads=reads
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
            codebook_path, root, Codebook, report, limits, cache, reads=reads
        )
    if project.codebook is not None and project.codebook_source is not None:
        beyond = codebook_problems(project.codebook, project.codebook_source, limits)
        if beyond:  # refused: no later check or command walks a codebook beyond the limits
            report.diagnostics.extend(beyond)
            project.codebook = None
    # every later entry depends on the config and the codebook, byte for byte
    cache.depend_on(*(_bytes_of(p) for p in (config_path, codebook_path)))
    project.context = cache.context
    if warm is not None:
        warm.begin(cache.context)
    files = _Files(root, report, limits, cache, warm, reads, release)

    paths = project.case_paths = _glob(root, project.config.cases)
    if not paths:
        report.diagnostics.append(
            _file_diag("EGC302", f"no case files match {', '.join(project.config.cases)}", None)
        )
    report.diagnostics.extend(_skipped_case_files(root, paths))
    project.coding_paths = _coding_paths(root, project.config.codings)
    report.diagnostics.extend(_coder_limit(project, limits))
    files.prepare([(p, "case") for p in paths] + [(p, "coding") for p in project.coding_paths])
    try:
        _load_cases(project, files, progress)
        _load_codings(project, files, progress)
    finally:
        files.close()
    synthesis_path = next((root / n for n in SYNTHESIS_NAMES if (root / n).is_file()), None)
    if synthesis_path is not None:
        project.synthesis_source, project.synthesis, _ = _load(
            synthesis_path, root, Synthesis, report, limits, cache, reads=reads
        )
    cache.prune()
    return project


class _Files:
    """Reads case and coder files: from the warm entry when their bytes are unchanged, else
    parsed and validated (and then recorded in it). Each file's model is rebuilt lean from its
    dump, and its text let go (read again on demand)."""

    def __init__(
        self,
        root: Path,
        report: Report,
        limits: Limits,
        cache: Cache,
        warm: WarmEntry | None,
        reads: list[tuple[str, str]],
        release: bool,
    ) -> None:
        self.root, self.report, self.limits, self.cache = root, report, limits, cache
        self.warm = warm
        self.release = release
        self.reads = reads
        self.builder = warm.builder if warm is not None else Builder()
        self._pool: Pool | None = None
        self._shas: dict[Path, str] = {}

    def load(self, path: Path, kind: str) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
        display = display_name(path, self.root)
        known = self._shas.pop(path, None)
        raw = None
        if self.warm is not None and known is None:
            raw = _small_bytes(path, self.limits)
        if self.warm is not None and (known is not None or raw is not None):
            sha = known if known is not None else digest(raw or b"")
            served = self.warm.take(display, sha, kind)
            if served is not None:
                self.report.files.append(display)
                self.report.diagnostics.extend(served.diagnostics)
                self.reads.append((display, sha))
                served_file = SourceFile(path, display, sha=sha, outline=served.outline)
                if served.stored is None:
                    return served_file, None, served.kept
                served.stored.fallback = functools.partial(self.again, served_file, kind)
                return served_file, served.stored, served.kept
        if self._pool is not None and path in self._pool:
            done = self._pool.result(path)
            if done is not None:
                return self._adopt(path, display, kind, done)
        before = len(self.report.diagnostics)
        # With the project entry on, it holds this file: no per-file entry besides.
        cache = self.cache if self.warm is None else None
        source, data, kept = validate_file(
            path, self.root, kind, self.report, self.limits, cache, self.reads, raw
        )
        del raw
        if source is None:
            return None, None, {}
        assert source.sha is not None
        own = self.report.diagnostics[before:]
        if self.warm is not None:
            data = self.warm.keep(display, source.sha, kind, data, kept, own, source.outline)
        elif data is not None:
            build = self.builder.case_file if kind == "case" else self.builder.coding_file
            data = build(dump(data))
        if self.release:
            source.release()
        return source, data, kept

    def _adopt(
        self, path: Path, display: str, kind: str, done: Parsed
    ) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
        """A file a worker process parsed and validated (see :mod:`egovcode.load.parallel`)."""
        from egovcode.load.warm import diagnostic_from, outline_from

        self.report.files.append(display)
        own = [diagnostic_from(d) for d in done.diagnostics]
        self.report.diagnostics.extend(own)
        self.reads.extend(done.reads)
        if done.sha is None:
            return None, None, {}
        outline = outline_from(done.outline)
        source = SourceFile(path, display, sha=done.sha, outline=outline)
        if self.warm is not None:
            data = self.warm.keep_line(display, done.sha, kind, done.line, done.kept, own, outline)
        elif done.line is not None:
            build = self.builder.case_file if kind == "case" else self.builder.coding_file
            data = build(json.loads(done.line))
        else:
            data = None
        return source, data, done.kept

    def prepare(self, items: list[tuple[Path, str]]) -> None:
        """Hand the files the warm entry cannot serve to worker processes, when there are
        enough of them to pay (see :func:`egovcode.load.parallel.jobs`)."""
        if not self.release:
            return  # the editing commands keep each file's text: read here
        from egovcode.load.parallel import Pool, jobs

        todo: list[tuple[Path, str]] = []
        size = 0
        for path, kind in items:
            if self.warm is not None:
                raw = _small_bytes(path, self.limits)
                if raw is None:
                    continue
                sha = self._shas[path] = digest(raw)
                if self.warm.has(display_name(path, self.root), sha, kind):
                    continue
                size += len(raw)
            else:
                try:
                    size += path.stat().st_size
                except OSError:
                    continue
            todo.append((path, kind))
        workers = jobs(size)
        if workers > 1 and len(todo) > 1:
            self._pool = Pool(workers, self.root, self.limits, todo)

    def close(self) -> None:
        self.builder.forget()
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def again(self, source: SourceFile, kind: str) -> Any:
        """The model of a file served from the warm entry whose line cannot be read any more:
        validated again from the file (which must still have the bytes served)."""
        data = _lenient(source.text, self.limits)
        model = CaseFile if kind == "case" else CodingFile
        value, _, _ = validate(model, data, source) if data is not None else (None, [], {})
        if value is None and kind != "case":
            value = _salvage_codings(source, self.limits)
        if value is None:
            raise FileChangedError(f"{source.display} cannot be read again; run the command again.")
        source.release()
        return value


def validate_file(
    path: Path,
    root: Path,
    kind: str,
    report: Report,
    limits: Limits,
    cache: Cache | None,
    reads: list[tuple[str, str]],
    raw: bytes | None = None,
) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
    """Parse and validate one case (``kind`` "case") or coder file, salvaging what can be;
    text that YAML cut short without an error (:mod:`egovcode.check.yamltraps`) is reported
    too, while the file's text is at hand."""
    found = _validate_file(path, root, kind, report, limits, cache, reads, raw)
    if found[0] is not None:
        from egovcode.check.yamltraps import file_traps

        report.diagnostics.extend(file_traps(found[0]))
    return found


def _validate_file(
    path: Path,
    root: Path,
    kind: str,
    report: Report,
    limits: Limits,
    cache: Cache | None,
    reads: list[tuple[str, str]],
    raw: bytes | None = None,
) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
    if kind == "case":
        return _load(
            path,
            root,
            CaseFile,
            report,
            limits,
            cache,
            salvage=("indices", "sources", "excerpts"),
            # an error in the case block must not hide the checks of the excerpts
            placeholders={"case": {"id": path.stem, "name": path.stem, "type": "other"}},
            reads=reads,
            raw=raw,
        )
    source, data, kept = _load(path, root, CodingFile, report, limits, cache, reads=reads, raw=raw)
    if source is not None and data is None:
        data = _salvage_codings(source, limits)
    return source, data, kept


def _small_bytes(path: Path, limits: Limits) -> bytes | None:
    """The file's bytes, or None when it is too large or unreadable (``_load`` reports it)."""
    try:
        if path.stat().st_size > limits.max_bytes:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _skipped_case_files(root: Path, read: list[Path]) -> list[Diagnostic]:
    """A warning for each YAML file under ``cases/`` that the case globs do not read (a case
    saved as ``.yml``, or in a subfolder): it would silently drop out of every count."""
    folder = root / "cases"
    if not folder.is_dir():
        return []
    taken = set(read)
    out = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in (".yaml", ".yml") or path in taken or _hidden(path, root):
            continue
        display = path.relative_to(root).as_posix()  # not resolved: it may be a broken link
        hint = None
        if path.is_file():
            why = "no glob under `cases:` matches it"
        else:
            hint = "Replace it with the case file, or remove it; the case drops out of every count."
            if path.is_dir():
                why = "it is a folder, not a file"
            elif path.is_symlink():
                why = "it is a symbolic link that leads nowhere (or to itself)"
            else:
                why = "it is not a regular file (a pipe or a device)"
        out.append(_file_diag("EGC322", f"{display} is not read: {why}", display, hint))
    return out


def _load_cases(project: Project, files: _Files, progress: Progress | None = None) -> None:
    total = len(project.case_paths) + len(project.coding_paths)
    for done, path in enumerate(project.case_paths, 1):
        source, case, kept = files.load(path, "case")
        if source is not None and case is not None:
            project.cases.append(LoadedCase(source, case, kept))
        if progress is not None:
            progress(done, total)


def _coding_paths(root: Path, patterns: list[str]) -> list[Path]:
    """Every coder file. A folder whose name starts with ``_`` or ``.`` is not a coder's
    (no coder id can start so): egovcode keeps its merge records in ``codings/_merge/``."""
    return [p for p in _glob(root, patterns) if not p.parent.name.startswith(("_", "."))]


def _coder_limit(project: Project, limits: Limits) -> list[Diagnostic]:
    """EGC330 at the first file of the first coder past the limit: agreement compares every
    pair of coders, so their number is refused before it grows out of bounds."""
    coders = sorted({p.parent.name for p in project.coding_paths})
    if len(coders) <= limits.max_coders:
        return []
    first = next(p for p in project.coding_paths if p.parent.name == coders[limits.max_coders])
    message = f"{len(coders):,} coders have files in codings/; the limit is {limits.max_coders}"
    return [_file_diag("EGC330", message, display_name(first, project.root))]


def _load_codings(project: Project, files: _Files, progress: Progress | None = None) -> None:
    before = len(project.case_paths)
    total = before + len(project.coding_paths)
    for done, path in enumerate(project.coding_paths, before + 1):
        source, coding, _ = files.load(path, "coding")
        if source is not None and coding is not None:
            project.codings.append(LoadedCoding(source, coding, path.parent.name))
        if progress is not None:
            progress(done, total)


def _lenient(text: str, limits: Limits) -> Any:
    """The data of a file read before, a value that does not fit its type (an impossible date,
    already reported) kept as the text written; None when the file cannot be read at all."""
    try:
        return parse_lenient(text, limits)[0]
    except YamlProblem:
        return None


def _salvage_codings(source: SourceFile, limits: Limits) -> CodingFile | None:
    """The coder file without its invalid entries (already reported), so later checks still
    see the rest; None when the problem is outside ``codings``."""
    data = _lenient(source.text, limits)
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
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return f"<egovcode>/{path.name}" if "egovcode" in path.parts else path.as_posix()


def _glob(root: Path, patterns: list[str]) -> list[Path]:
    """The files the globs match, in path order. As in a shell, a hidden name (``.k.yaml``,
    macOS's ``._kediri.yaml`` beside every file copied to a USB stick) is no match."""
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file() and not _hidden(p, root))
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
    reads: list[tuple[str, str]] | None = None,
    raw: bytes | None = None,
) -> tuple[SourceFile | None, Any, dict[str, list[int]]]:
    display = display_name(path, root)
    report.files.append(display)
    bad_values: list[YamlProblem] = []
    try:
        source, data = read_yaml(path, display, limits, cache, raw)
    except YamlProblem as problem:
        lenient = (
            _read_lenient(path, display, limits, raw) if problem.code in VALUE_PROBLEMS else None
        )
        if lenient is None:
            if reads is not None:
                reads.append((display, f"problem {problem.code}"))
            report.diagnostics.append(_problem_diag(problem, display))
            return None, None, {}
        # One value that does not fit its type: every such value is reported, and the rest of
        # the file is checked with those values as the text written.
        source, data, bad_values = lenient
        report.diagnostics.extend(_problem_diag(p, display) for p in bad_values)
    except OSError as exc:
        if reads is not None:
            reads.append((display, f"error {exc.strerror}"))
        report.diagnostics.append(
            _file_diag("EGC004", f"cannot read the file: {exc.strerror}", display)
        )
        return None, None, {}
    if reads is not None:
        reads.append((display, source.sha or ""))
    value, problems, kept = validate(model, data, source, salvage, placeholders)
    if bad_values:  # reported already, where they stand
        places = {(p.line, p.column) for p in bad_values}
        problems = [d for d in problems if (d.line, d.column) not in places]
    report.diagnostics.extend(problems)
    return source, value, kept


def _read_lenient(
    path: Path, display: str, limits: Limits, raw: bytes | None = None
) -> tuple[SourceFile, Any, list[YamlProblem]] | None:
    """The file read with its ill-typed values kept as text (see ``parse_lenient``), or None."""
    try:
        raw = path.read_bytes() if raw is None else raw
        text = decode(raw, limits)
        data, outline, problems = parse_lenient(text, limits)
    except (YamlProblem, OSError):
        return None
    source = SourceFile(path=path, display=display, text=text, outline=outline, sha=digest(raw))
    return source, data, problems


def _problem_diag(problem: YamlProblem, display: str) -> Diagnostic:
    return Diagnostic(
        code=problem.code,
        severity=Severity(CODES[problem.code].severity),
        message=problem.message,
        file=display,
        line=problem.line,
        column=problem.column,
        hint=problem.hint or CODES[problem.code].hint,
    )


def _file_diag(code: str, message: str, file: str | None, hint: str | None = None) -> Diagnostic:
    entry = CODES[code]
    return Diagnostic(
        code=code,
        severity=Severity(entry.severity),
        message=message,
        file=file,
        line=1 if file else None,
        column=1 if file else None,
        hint=hint or entry.hint,
    )
