"""The Jinja2 environment reports are rendered in.

* Undefined variables are errors (``StrictUndefined``), reported with template name and line.
* Templates are looked up in order: the ``--template PATH`` file (under its own file name), the
  project's ``templates/`` folder, then the defaults shipped in ``egovcode/data/templates/``. So a
  project overrides a default by saving a file of the same name, and a default's partials
  (``_*.j2``) remain available to an override.
* Escaping follows the template's file name: ``*.html.j2`` / ``*.svg.j2`` autoescape; Markdown
  templates escape data with the ``md`` and ``mdquote`` filters.
* The environment is sandboxed: a template shared with a project cannot reach Python internals.
* Templates are read only from the project's ``templates/`` folder and the package: a name that
  resolves (through a symlink, a symlinked folder or ``..``) to a file outside ``templates/`` is
  refused, so a cloned project cannot pull a local file into its report. A file given with
  ``--template PATH`` is read because the user named it; its includes obey the same rule.
* Rendering is bounded: it stops with an error after ``EGOVCODE_TEMPLATE_SECONDS`` seconds
  (default 120), ``EGOVCODE_TEMPLATE_BYTES`` of output (default 512 MiB) or
  ``EGOVCODE_TEMPLATE_MEMORY`` bytes of memory beyond what egovcode held before (default 2 GiB;
  main thread on Linux). A power whose result would have more than a million bits, or a text or
  list repeated past the output limit (``'x' * 10**10``), stops at once: no signal can interrupt
  one such operation.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FunctionLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    nodes,
    pass_context,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from egovcode.report import svg
from egovcode.report.errors import TemplateError
from egovcode.report.escape import md_block, md_inline
from egovcode.report.numbers import format_number

PROJECT_TEMPLATES = "templates"
HTML_SUFFIXES = (".html.j2", ".html", ".htm", ".svg.j2")


def is_html(name: str | None) -> bool:
    return bool(name) and str(name).endswith(HTML_SUFFIXES)


class _RecordingLoader(BaseLoader):
    """A loader that remembers which file each template name came from (for error lines)."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner
        self.names: dict[str, str] = {}

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if filename:
            self.names[filename] = template
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class ConfinedLoader(BaseLoader):
    """Templates from one folder only: every name is resolved (symlinks included) and a file
    outside the folder is refused with an error rather than read or silently skipped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        from jinja2.loaders import split_template_path

        root = self.folder.resolve()
        path = root.joinpath(*split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateError(template, None, "the template is a broken symlink") from None
        if not real.is_relative_to(root) or not real.is_file():
            raise TemplateError(
                template,
                None,
                f"resolves to a file outside the project's {PROJECT_TEMPLATES}/ folder (a "
                "symlink?); templates are read only from there and from egovcode itself",
            )
        return real.read_text(encoding="utf-8"), str(path), lambda: True

    def list_templates(self) -> list[str]:
        root = self.folder.resolve()
        found = []
        for path in root.rglob("*"):
            try:
                inside = path.resolve(strict=True).is_relative_to(root) and path.is_file()
            except (OSError, RuntimeError):
                continue
            if inside:
                found.append(path.relative_to(root).as_posix())
        return sorted(found)


def make_environment(
    project_root: Path | None = None, template_file: Path | None = None
) -> Environment:
    """An environment with egovcode's filters, globals and loader order (see module docstring)."""
    loaders: list[BaseLoader] = []
    if template_file is not None:
        loaders.append(_single_file(template_file))
    if project_root is not None and (project_root / PROJECT_TEMPLATES).is_dir():
        loaders.append(ConfinedLoader(project_root / PROJECT_TEMPLATES))
    loaders.append(PackageLoader("egovcode", "data/templates"))
    env = _BoundedEnvironment(
        loader=_RecordingLoader(ChoiceLoader(loaders)),
        undefined=StrictUndefined,
        autoescape=is_html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        # no constant folding: Jinja's optimizer would run filters (`'x'|center(10**10)`) while
        # compiling, outside the time and memory limits of rendering
        optimized=False,
    )
    env.filters.update(num=_num, md=_md, mdquote=_mdquote, label=_label, cssstring=_css_string)
    env.globals.update(heatmap_svg=_heatmap, bars_svg=_bars)
    return env


#: The most bits a power may have (a million bits is some 300,000 digits).
MAX_POWER_BITS = 1_000_000


class _LiteralFolding(CodeGenerator):
    """Jinja's code generator, folding only literals into the compiled template: its default
    runs filters on constants while compiling (``'x'|center(10**10)``), outside the time and
    memory limits of rendering."""

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if not isinstance(node, nodes.TemplateData | nodes.Const):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with ``**``, ``*`` and ``%`` checked before they run: one such operation on
    huge operands (``2**10**9``, ``'x' * 10**10``) runs in C, where the time limit cannot stop
    it; and with no filter run while compiling."""

    code_generator_class = _LiteralFolding
    intercepted_binops = frozenset({"**", "*", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and _ints(left, right)
            and right > 0
            and right * abs(left).bit_length() > MAX_POWER_BITS
            and abs(left) > 1
        ):
            raise _TooLong(f"a power of more than {MAX_POWER_BITS:,} bits; stopped")
        if operator == "*":
            limit = _limit("EGOVCODE_TEMPLATE_BYTES", 2**29)
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and _ints(times)
                    and len(seq) * times > limit
                ):
                    raise _TooLong(
                        f"repeating {len(seq):,} item(s) would pass the limit of {limit:,}; stopped"
                    )
        if operator == "%" and isinstance(left, str):
            limit = _limit("EGOVCODE_TEMPLATE_BYTES", 2**29)
            widths = (int(n) for n in re.findall(r"%[-#0 +]*\.?(\d+)", left[:10_000]))
            if any(width > limit for width in widths):
                raise _TooLong(f"a field wider than the limit of {limit:,}; stopped")
        return super().call_binop(context, operator, left, right)


def _ints(*values: Any) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _single_file(path: Path) -> BaseLoader:
    name = path.name

    def load(wanted: str) -> tuple[str, str, Callable[[], bool]] | None:
        if wanted != name:
            return None
        return path.read_text(encoding="utf-8"), str(path), lambda: True

    return FunctionLoader(load)


@pass_context
def _num(context: Context, value: object) -> str:
    """Write a number in the report's language: ``{{ 2.91|num }}`` is "2,91" in Indonesian.
    None (a missing value) writes nothing."""
    return "" if value is None else format_number(value, str(context.get("lang", "en")))


def _md(text: object) -> str:
    """Literal text as one line of Markdown; None writes nothing."""
    return "" if text is None else md_inline(text)


def _mdquote(text: object, prefix: str = "> ") -> str:
    """Literal text as a Markdown block quote (or other ``prefix``), paragraphs kept."""
    return "" if text is None else md_block(text, prefix)


def _css_string(text: object) -> Markup:
    """Text for inside a double-quoted CSS string (``content: "..."``): every character but
    letters, digits and spaces written as a CSS escape, so nothing can end the string, the rule or
    the ``<style>`` element."""
    out = []
    for ch in "" if text is None else " ".join(str(text).split()):
        out.append(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} ")
    return Markup("".join(out))


@pass_context
def _label(context: Context, code: str) -> str:
    """A code's label in the report's language: ``{{ "APP"|label }}``."""
    labels = context.get("labels") or {}
    return str(labels.get(code, code))


@pass_context
def _heatmap(context: Context, coverage: dict[str, Any] | None = None) -> Markup:
    """The coverage heat map as inline SVG (for HTML templates)."""
    cover = coverage if coverage is not None else context["coverage"]
    t = context["t"]
    neutral_only = t.get("hand_in", {}).get("neutral_only", "neutral only")
    return Markup(
        svg.heatmap(
            cover, context["lang"], t["heatmap_title"], t["valence"], neutral_only=neutral_only
        )
    )


@pass_context
def _bars(context: Context, coverage: dict[str, Any] | None = None) -> Markup:
    """The stacked bar chart of supporting/inhibiting excerpts as inline SVG."""
    cover = coverage if coverage is not None else context["coverage"]
    t = context["t"]
    return Markup(svg.bars(cover, context["lang"], t["bars_title"], t["valence"]))


def load_template(env: Environment, name: str) -> Template:
    """The template ``name``; a syntax error becomes a TemplateError with its line."""
    try:
        with _memory_limit(_limit("EGOVCODE_TEMPLATE_MEMORY", 2**31)):
            return env.get_template(name)
    except MemoryError:
        raise TemplateError(name, None, "the template needed more memory than the limit") from None
    except TemplateSyntaxError as exc:
        raise TemplateError(exc.name or name, exc.lineno, exc.message or "syntax error") from None
    except UnicodeDecodeError:
        raise TemplateError(name, None, "the file is not UTF-8 text") from None


def render_template(env: Environment, template: Template, context: dict[str, Any]) -> str:
    """Render, turning any failure inside template code into a TemplateError naming the line.

    Rendering stops with a TemplateError when it runs longer or writes more than the limits
    (see the module docstring).
    """
    try:
        with (
            _time_limit(_limit("EGOVCODE_TEMPLATE_SECONDS", 120)),
            _memory_limit(_limit("EGOVCODE_TEMPLATE_MEMORY", 2**31)),
        ):
            return _bounded(template.generate(context), _limit("EGOVCODE_TEMPLATE_BYTES", 2**29))
    except TemplateSyntaxError as exc:  # an {% include %} or {% import %} that does not compile
        raise TemplateError(
            exc.name or str(template.name), exc.lineno, exc.message or "syntax error"
        ) from None
    except TemplateNotFound as exc:
        raise TemplateError(
            str(template.name),
            _line_in(env, sys.exc_info()[2])[1],
            f"template {exc.name!r} not found",
        ) from None
    except TemplateError:
        raise
    except _TooLong as exc:
        where = _line_in(env, exc.__traceback__)
        raise TemplateError(where[0] or str(template.name), where[1], str(exc)) from None
    except MemoryError as exc:
        where = _line_in(env, exc.__traceback__)
        message = "the template needed more memory than the limit; stopped"
        raise TemplateError(where[0] or str(template.name), where[1], message) from None
    except Exception as exc:
        where = _line_in(env, exc.__traceback__)
        if where[0] is None:
            raise
        detail = (
            str(exc)
            if exc.__class__.__module__.startswith("jinja2")
            else (f"{type(exc).__name__}: {exc}")
        )
        raise TemplateError(where[0], where[1], detail) from None


class _TooLong(Exception):
    """Rendering passed its time or size limit."""


def _limit(name: str, default: int) -> int:
    import os

    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def _bounded(chunks: Iterator[str], max_chars: int) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_chars:
            raise _TooLong(f"the report would be larger than {max_chars:,} characters; stopped")
        out.append(chunk)
    return "".join(out)


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise ``_TooLong`` inside the block after ``seconds`` (main thread on POSIX; elsewhere
    only the size limit applies)."""
    import signal
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _TooLong(f"the template ran longer than {seconds} seconds; stopped")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    """Let the block take at most ``extra`` bytes of address space beyond what the process holds,
    so a template that builds a huge value gets a MemoryError instead of exhausting the machine
    (main thread on Linux; elsewhere the time and size limits apply)."""
    import threading

    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            held = int(handle.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = held + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already tighter
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _line_in(env: Environment, tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost template frame of a traceback: (template name, 1-based line)."""
    loader = env.loader
    names = loader.names if isinstance(loader, _RecordingLoader) else {}
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in names:
            found = (names[filename], tb.tb_lineno)
        tb = tb.tb_next
    return found
