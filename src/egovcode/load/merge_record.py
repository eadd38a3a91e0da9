"""The merge records, ``codings/_merge/<case>.yaml``: what the last ``egovcode merge`` wrote.

A record keeps, per excerpt, the rule, every coder's codes and valence, the consensus, the
disputed codes and what the merge left in the case file, so no coder's work is lost in the case
file and the next merge can tell its own writing from edits made by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from egovcode.check.schema import validate
from egovcode.errors import DataError
from egovcode.load.dump import to_data
from egovcode.load.limits import Limits
from egovcode.load.project import display_name
from egovcode.load.yamlfile import YamlProblem, read_yaml
from egovcode.model.coding import MergeRecord

MERGE_FOLDER = Path("codings") / "_merge"

HEADER = """\
# Written by `egovcode merge`; do not edit by hand. Per excerpt: the rule, every coder's codes and
# valence, the consensus, the disputed codes (some coders applied them, not all), those the rule
# left unresolved, and what the merge wrote into the case file (so the next merge can tell hand
# edits). The coders' own files under codings/<coder>/ are never changed.
"""


def record_path(root: Path, case: str) -> Path:
    return root / MERGE_FOLDER / f"{case}.yaml"


def read_records(root: Path, cases: list[str]) -> dict[str, MergeRecord]:
    """The records of ``cases`` that exist; a record that cannot be read raises DataError."""
    out: dict[str, MergeRecord] = {}
    for case in cases:
        path = record_path(root, case)
        if not path.is_file():
            continue
        display = display_name(path, root)
        try:
            source, data = read_yaml(path, display, Limits.from_env())
        except YamlProblem as problem:
            raise DataError(
                f"{display}:{problem.line or 1}:{problem.column or 1}: {problem.message}; "
                "delete the record to merge afresh (hand-made codes then count as hand edits)."
            ) from None
        value, problems, _ = validate(MergeRecord, data, source)
        if value is None or value.case != case:
            first = problems[0] if problems else None
            where = f"{display}:{first.line}:{first.column}: {first.message}" if first else display
            raise DataError(
                f"{where}: not a merge record of case {case!r}; delete it to merge afresh."
            )
        out[case] = value
    return out


class _Dumper(yaml.SafeDumper):
    """Block mappings, lists of codes in flow style (``codes: [A, B]``)."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(list, _list)


def dump_record(record: MergeRecord) -> str:
    """The record as YAML text: a header comment, then the data (no timestamp: same merge,
    same bytes)."""
    text = yaml.dump(
        to_data(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return HEADER + text
