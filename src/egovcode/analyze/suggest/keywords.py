"""The keyword coder: a code applies where its codebook keywords occur, matched on word stems.

For each code, the keywords of every language are stemmed in that language and matched as
whole-word phrases against the excerpt's text and translations in the same language. A code is
not applied where one of its ``exclusion_keywords`` occurs. The score of a code is
``1 - 0.5 ** k`` for ``k`` distinct matched keywords (0.5, 0.75, 0.875, ...), and the reason
lists the keywords as the codebook writes them. At the code level, a code is not suggested
where one of the codes below it is (the most specific code wins, as people code). At the
component level, the keywords of a component and of all codes below it count for the component.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from egovcode.analyze.suggest.corpus import Corpus, Unit
from egovcode.analyze.suggest.text import stems
from egovcode.model.types import LocalList

#: A stemmed phrase and the keyword as written, per language.
Phrase = tuple[tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class KeywordRules:
    """Per code: the phrases that apply it and the phrases that exclude it, per language."""

    include: dict[str, dict[str, list[Phrase]]]
    exclude: dict[str, dict[str, list[Phrase]]]
    level: str
    ancestors: dict[str, list[str]]


def keyword_rules(corpus: Corpus) -> KeywordRules:
    include: dict[str, dict[str, list[Phrase]]] = {}
    exclude: dict[str, dict[str, list[Phrase]]] = {}
    tree = corpus.tree
    for target in corpus.codes():
        members = tree.descendants(target) if corpus.level == "component" else [target]
        inc: dict[str, list[Phrase]] = {}
        exc: dict[str, list[Phrase]] = {}
        for cid in members:
            code = tree.codes[cid]
            _add(inc, code.keywords)
            _add(exc, code.exclusion_keywords)
        if inc:
            include[target] = inc
            exclude[target] = exc
    ancestors = {code: tree.ancestors(code) for code in include}
    return KeywordRules(include, exclude, corpus.level, ancestors)


def _add(into: dict[str, list[Phrase]], lists: LocalList) -> None:
    for lang, keywords in sorted(lists.items()):
        for keyword in keywords:
            phrase = tuple(stems(keyword, lang))
            if phrase and all(p != phrase for p, _ in into.get(lang, [])):
                into.setdefault(lang, []).append((phrase, keyword))


def _occurs(phrase: tuple[str, ...], tokens: list[str], starts: Mapping[str, list[int]]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in starts.get(phrase[0], ()))


def _matched(phrases: Iterable[Phrase], lang: str, tokens: Mapping[str, list[str]]) -> list[str]:
    words = tokens.get(lang)
    if not words:
        return []
    starts: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        starts.setdefault(w, []).append(i)
    return [written for phrase, written in phrases if _occurs(phrase, words, starts)]


def keyword_suggestions(rules: KeywordRules, unit: Unit) -> dict[str, tuple[float, list[str]]]:
    """Code -> (score, matched keywords) for every code whose keywords occur in the excerpt."""
    tokens: dict[str, list[str]] = {}
    for text, lang in unit.texts:
        tokens.setdefault(lang, []).extend(stems(text, lang))
    out: dict[str, tuple[float, list[str]]] = {}
    for code, by_lang in rules.include.items():
        found: list[str] = []
        for lang, phrases in by_lang.items():
            found.extend(k for k in _matched(phrases, lang, tokens) if k not in found)
        if not found:
            continue
        blocked = any(
            _matched(phrases, lang, tokens) for lang, phrases in rules.exclude[code].items()
        )
        if not blocked:
            out[code] = (round(1 - 0.5 ** len(found), 3), found)
    if rules.level == "code":
        covered = {a for code in out for a in rules.ancestors.get(code, ())}
        out = {code: v for code, v in out.items() if code not in covered}
    return out
