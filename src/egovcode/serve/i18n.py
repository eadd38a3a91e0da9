"""The workbench's fixed text in English and Indonesian (``data/serve/strings.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

LANGUAGES = ("en", "id")


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    text = (
        resources.files("egovcode")
        .joinpath("data", "serve", "strings.yaml")
        .read_text(encoding="utf-8")
    )
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


class Words:
    """One language's strings; ``w("saved", id=...)`` fills the fields of a string."""

    def __init__(self, lang: str) -> None:
        table = _catalogue()
        self.lang = lang if lang in table else "en"
        self.data = table[self.lang]

    def __call__(self, key: str, **fields: object) -> str:
        text = self.data[key]
        return text.format(**fields) if fields else text
