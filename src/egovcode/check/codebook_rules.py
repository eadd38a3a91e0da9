"""Codebook lint rules: one small class per rule, each with an id, a severity and examples.

A rule's ``check`` yields diagnostics; ``good`` and ``bad`` are codebook snippets that pass and
fail it (tests run every rule on both, and ``docs/codebook-rules.md`` is generated from them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make
from egovcode.load.project import Project
from egovcode.load.yamlfile import SourceFile
from egovcode.model import Codebook


@dataclass(frozen=True, slots=True)
class LintContext:
    """What a rule may look at: the codebook, its file, the project's languages and cases."""

    codebook: Codebook
    source: SourceFile
    languages: list[str]
    project: Project | None = None


class Rule:
    code = ""
    good = ""
    bad = ""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        raise NotImplementedError


_HEAD = 'id: cb\nversion: "1"\ntitle: {en: T, id: T}\nlanguages: [en, id]\ncodes:\n'
_FULL = (
    "    definition: {en: Building apps., id: Membangun aplikasi.}\n"
    "    inclusion: {en: Apps., id: Aplikasi.}\n"
    "    exclusion: {en: Networks., id: Jaringan.}\n"
    "    examples: {en: [a portal], id: [portal]}\n"
)


def _code(cid: str, label: str, extra: str = "", full: bool = True) -> str:
    return f"  - id: {cid}\n    label: {{en: {label}, id: {label} (id)}}\n{extra}" + (
        _FULL if full else ""
    )


class DuplicateId(Rule):
    code = "EGC401"
    good = _HEAD + _code("APP", "Apps") + _code("REG", "Rules")
    bad = _HEAD + _code("APP", "Apps") + _code("APP", "Rules")

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        seen: set[str] = set()
        for i, code in enumerate(ctx.codebook.codes):
            if code.id in seen:
                yield make(
                    self.code,
                    f"code id {code.id!r} is defined twice",
                    ctx.source,
                    ("codes", i, "id"),
                )
            seen.add(code.id)


class DuplicateLabel(Rule):
    code = "EGC402"
    good = _HEAD + _code("APP", "Apps") + _code("REG", "Rules")
    bad = _HEAD + _code("APP", "Apps") + _code("REG", "Apps")

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        # An imported codebook (``origin:`` set) may repeat a label under different parents,
        # as NVivo, ATLAS.ti and qc allow; labels must then differ among siblings only.
        siblings = ctx.codebook.origin is not None
        seen: dict[tuple[str, str, str | None], str] = {}
        for i, code in enumerate(ctx.codebook.codes):
            for lang, label in sorted(code.label.items()):
                key = (lang, label.strip().casefold(), code.parent if siblings else None)
                if key in seen and seen[key] != code.id:
                    yield make(
                        self.code,
                        f"code {code.id!r} has the same {lang} label as {seen[key]!r}: {label!r}",
                        ctx.source,
                        ("codes", i, "label", lang),
                    )
                seen.setdefault(key, code.id)


class UnknownParent(Rule):
    code = "EGC403"
    good = _HEAD + _code("APP", "Apps") + _code("APP.X", "Portal", "    parent: APP\n")
    bad = _HEAD + _code("APP", "Apps") + _code("APP.X", "Portal", "    parent: APPS\n")

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        ids = {c.id for c in ctx.codebook.codes}
        for i, code in enumerate(ctx.codebook.codes):
            if code.parent is not None and code.parent not in ids:
                yield make(
                    self.code,
                    f"code {code.id!r} names unknown parent {code.parent!r}",
                    ctx.source,
                    ("codes", i, "parent"),
                )
            if code.replaced_by is not None and code.replaced_by not in ids:
                yield make(
                    self.code,
                    f"code {code.id!r} is replaced by unknown code {code.replaced_by!r}",
                    ctx.source,
                    ("codes", i, "replaced_by"),
                )


class ParentCycle(Rule):
    code = "EGC404"
    good = UnknownParent.good
    bad = _HEAD + _code("A", "One", "    parent: B\n") + _code("B", "Two", "    parent: A\n")

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        parent = {c.id: c.parent for c in ctx.codebook.codes}
        reported: set[str] = set()
        for i, code in enumerate(ctx.codebook.codes):
            chain = [code.id]
            on_chain = {code.id}
            current = code.parent
            while current is not None and current in parent and current not in on_chain:
                chain.append(current)
                on_chain.add(current)
                current = parent[current]
            if current == code.id and code.id not in reported:
                reported.update(chain)
                loop = " -> ".join([*chain, code.id])
                yield make(
                    self.code,
                    f"codes form a cycle of parents: {loop}",
                    ctx.source,
                    ("codes", i, "parent"),
                )


class MissingLabel(Rule):
    code = "EGC405"
    good = _HEAD + _code("APP", "Apps")
    bad = _HEAD + "  - id: APP\n    label: {en: Apps}\n" + _FULL

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        yield from _missing(self.code, ctx, "label")


class MissingDefinition(Rule):
    code = "EGC406"
    good = _HEAD + _code("APP", "Apps")
    bad = _HEAD + _code("APP", "Apps", "    definition: {en: Building apps.}\n", full=False)

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.codebook.origin is not None:
            return  # an imported codebook: foreign tools do not require definitions
        yield from _missing(self.code, ctx, "definition")


def _missing(rule: str, ctx: LintContext, field: str) -> Iterator[Diagnostic]:
    for i, code in enumerate(ctx.codebook.codes):
        values: dict[str, str] = getattr(code, field)
        for lang in ctx.languages:
            if not values.get(lang, "").strip():
                path = ("codes", i, field) if values else ("codes", i)
                yield make(rule, f"code {code.id!r} has no {field} in {lang!r}", ctx.source, path)


class MissingCriteria(Rule):
    code = "EGC407"
    good = _HEAD + _code("APP", "Apps")
    bad = _HEAD + _code(
        "APP",
        "Apps",
        "    definition: {en: Building apps., id: Membangun aplikasi.}\n"
        "    examples: {en: [a portal], id: [portal]}\n",
        full=False,
    )

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for i, code in enumerate(ctx.codebook.codes):
            absent = [f for f in ("inclusion", "exclusion") if not getattr(code, f)]
            if absent:
                yield make(
                    self.code,
                    f"code {code.id!r} has no {' or '.join(absent)} criteria",
                    ctx.source,
                    ("codes", i),
                )


class MissingExamples(Rule):
    code = "EGC408"
    good = _HEAD + _code("APP", "Apps")
    bad = _HEAD + _code(
        "APP",
        "Apps",
        "    definition: {en: Building apps., id: Membangun aplikasi.}\n"
        "    inclusion: {en: Apps., id: Aplikasi.}\n    exclusion: {en: Nets., id: Jaringan.}\n",
        full=False,
    )

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for i, code in enumerate(ctx.codebook.codes):
            if not any(code.examples.values()):
                yield make(self.code, f"code {code.id!r} has no examples", ctx.source, ("codes", i))


class SharedKeyword(Rule):
    code = "EGC409"
    good = (
        _HEAD
        + _code("APP", "Apps", "    keywords: {en: [portal]}\n")
        + _code("REG", "Rules", "    keywords: {en: [decree]}\n")
    )
    bad = (
        _HEAD
        + _code("APP", "Apps", "    keywords: {en: [portal]}\n")
        + _code("REG", "Rules", "    keywords: {en: [Portal]}\n")
    )

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        owner: dict[tuple[str, str], str] = {}
        for i, code in enumerate(ctx.codebook.codes):
            for lang, words in sorted(code.keywords.items()):
                for j, word in enumerate(words):
                    key = (lang, word.strip().casefold())
                    if key in owner and owner[key] != code.id:
                        yield make(
                            self.code,
                            f"keyword {word!r} ({lang}) is claimed by {owner[key]!r} "
                            f"and {code.id!r}",
                            ctx.source,
                            ("codes", i, "keywords", lang, j),
                        )
                    owner.setdefault(key, code.id)


class UnusedCode(Rule):
    code = "EGC410"
    good = ""
    bad = ""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.project is None or not ctx.project.cases or not ctx.project.complete:
            return  # usage is unknown while a case file cannot be read
        used = {code for lc in ctx.project.cases for e in lc.data.excerpts for code in e.codes}
        children = defaultdict(list)
        for c in ctx.codebook.codes:
            if c.parent:
                children[c.parent].append(c.id)
        for i, code in enumerate(ctx.codebook.codes):
            if code.id in used or children[code.id] or code.deprecated:
                continue
            used.add(code.id)  # report a duplicated id once
            yield make(
                self.code,
                f"code {code.id!r} is never applied in the project",
                ctx.source,
                ("codes", i, "id"),
            )


class DeprecatedInUse(Rule):
    code = "EGC411"
    good = ""
    bad = ""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.project is None:
            return
        deprecated = {c.id: c.replaced_by for c in ctx.codebook.codes if c.deprecated}
        for lc in ctx.project.cases:
            for i, excerpt in enumerate(lc.data.excerpts):
                for j, code in enumerate(excerpt.codes):
                    if code in deprecated:
                        instead = deprecated[code]
                        yield make(
                            self.code,
                            f"excerpt {excerpt.id!r} uses deprecated code {code!r}",
                            lc.source,
                            (*lc.path_of("excerpts", i), "codes", j),
                            hint=f"Recode it as {instead!r}." if instead else None,
                        )


class KindDiffersFromParent(Rule):
    """A factor filed under a component (or the reverse) would be counted with that component."""

    code = "EGC412"
    good = (
        _HEAD
        + _code("APP", "Apps", "    kind: component\n")
        + _code("FAC", "Factors", "    kind: factor\n")
        + _code("FAC.WILL", "Will", "    parent: FAC\n")
    )
    bad = (
        _HEAD
        + _code("APP", "Apps", "    kind: component\n")
        + _code("APP.WILL", "Will", "    parent: APP\n    kind: factor\n")
    )

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from egovcode.model.tree import CodeTree

        tree = CodeTree(ctx.codebook)
        for i, code in enumerate(ctx.codebook.codes):
            if not code.kind or not code.parent or code.parent not in tree:
                continue
            inherited = tree.kind(code.parent)
            if inherited != code.kind:
                yield make(
                    self.code,
                    f"code {code.id!r} is of kind {code.kind!r} but its parent "
                    f"{code.parent!r} is of kind {inherited!r}",
                    ctx.source,
                    ("codes", i, "kind"),
                )


RULES: tuple[Rule, ...] = (
    DuplicateId(),
    DuplicateLabel(),
    UnknownParent(),
    ParentCycle(),
    MissingLabel(),
    MissingDefinition(),
    MissingCriteria(),
    MissingExamples(),
    SharedKeyword(),
    UnusedCode(),
    DeprecatedInUse(),
    KindDiffersFromParent(),
)
