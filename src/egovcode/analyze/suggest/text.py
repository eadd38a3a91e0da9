"""Words and their stems: the features both machine coders read.

Stemming uses the Snowball stemmers (``snowballstemmer``, in the ``suggest`` extra): one small,
pure-Python package that covers English (Porter2) and Indonesian (Tala's algorithm), among others.
A language without a Snowball stemmer is matched on lower-cased words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from egovcode.errors import EgovcodeError

#: A word: letters and digits, with inner hyphens or apostrophes ("super-app", "don't").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

#: ISO 639-1 language tags -> Snowball algorithm names.
SNOWBALL = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "id": "indonesian",
    "it": "italian",
    "ms": "indonesian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


class MissingExtraError(EgovcodeError):
    """An optional dependency is not installed (a usage error: the message says what to install)."""


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, in order."""
    return [w.lower() for w in WORD.findall(text)]


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The stemming function for a language tag (``en``, ``id``, ``pt-BR``, ...)."""
    name = SNOWBALL.get(lang.split("-")[0].lower())
    if name is None:
        return _identity
    try:
        import snowballstemmer
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError(
            "egovcode suggest needs the 'suggest' extra: pip install 'egovcode[suggest]'"
        ) from exc
    algorithm = snowballstemmer.stemmer(name)
    return cache(algorithm.stemWord)


def _identity(word: str) -> str:
    return word


def stems(text: str, lang: str) -> list[str]:
    """The stems of the words of ``text``, read as language ``lang``."""
    stem = stemmer(lang)
    return [stem(w) for w in words(text)]
