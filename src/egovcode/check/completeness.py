"""What a case file says that no output can show, or leaves out that the output needs.

- A translation into a language the project does not list (``translations: {eng: …}`` where
  ``languages: [en, id]``) never appears in any output: warning EGC220, with the closest listed
  language as a did-you-mean.
- An interview source without ``informant_role``: the report and ``query`` attribute its evidence
  by role, so the reader would not learn who spoke: warning EGC221.
"""

from __future__ import annotations

from collections.abc import Iterator

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make, suggest
from egovcode.load.project import LoadedCase, Project


def check_completeness(project: Project) -> list[Diagnostic]:
    """Translations no output shows and interviews without a role, in every case file."""
    languages = list(project.config.languages)
    out: list[Diagnostic] = []
    for loaded in project.cases:
        out.extend(_translations(loaded, languages))
        out.extend(_roles(loaded))
    return out


def _translations(loaded: LoadedCase, languages: list[str]) -> Iterator[Diagnostic]:
    listed = ", ".join(languages)
    for i, excerpt in enumerate(loaded.data.excerpts):
        for lang in excerpt.translations:
            if lang in languages:
                continue
            close = suggest(lang, languages)
            yield make(
                "EGC220",
                f"excerpt {excerpt.id!r} has a translation into {lang!r}, which is not one of the "
                f"project's languages ({listed}), so no output shows it",
                loaded.source,
                (*loaded.path_of("excerpts", i), "translations", lang),
                key=True,
                hint=(
                    f"{close} Write the translation under that key."
                    if close
                    else f"Use one of {listed} as the key, or add {lang!r} to `languages:` in "
                    "egovcode.yaml."
                ),
            )


def _roles(loaded: LoadedCase) -> Iterator[Diagnostic]:
    for i, source in enumerate(loaded.data.sources):
        if source.kind == "interview" and not (source.informant_role or "").strip():
            yield make(
                "EGC221",
                f"interview source {source.id!r} has no informant_role, so its evidence is "
                "attributed to nobody in the report and in query",
                loaded.source,
                loaded.path_of("sources", i),
            )
