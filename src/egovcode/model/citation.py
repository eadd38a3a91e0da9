"""A citation written inside a sentence or before a locator, without its closing full stop.

Reference-list entries end with a full stop ("Interview with the Head of IT, 2024."); inline, a
comma, a colon or a locator follows, so "…2024., transkrip, 00:04:10" or "According to …2024.:"
would double the punctuation. The stop of an abbreviation ("et al.", "dkk.", an initial "A.")
and an ellipsis are kept.
"""

from __future__ import annotations

#: Words whose full stop is an abbreviation's, in English and Indonesian citations (lower case).
ABBREVIATIONS = frozenset(
    {
        "al",
        "dkk",
        "ed",
        "eds",
        "hlm",
        "no",
        "vol",
        "p",
        "pp",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "dr",
        "st",
        "corp",
        "bros",
        "etc",
        "ibid",
        "op",
        "cit",
        "vs",
        "ca",
        "jl",
        "kab",
        "prov",
        "tbk",
    }
)


def inline_citation(citation: str) -> str:
    """``citation`` on one line, without a closing full stop that is not an abbreviation's."""
    text = " ".join(citation.split())
    if not text.endswith(".") or text.endswith(".."):
        return text
    word = text[:-1].rsplit(" ", 1)[-1].rsplit("(", 1)[-1]
    bare = word.rsplit(".", 1)[-1] if "." in word else word  # "A.R." -> "R"
    if (len(bare) == 1 and bare.isalpha()) or bare.casefold() in ABBREVIATIONS:
        return text
    return text[:-1]
