"""Writing models back as YAML that egovcode reads again unchanged."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

try:  # pragma: no branch
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def to_data(model: BaseModel) -> Any:
    """Plain data of a model, leaving out values equal to their defaults."""
    return model.model_dump(mode="json", exclude_defaults=True)


def dump_yaml(data: Any) -> str:
    """YAML text of plain data (or a model): block style, keys in model order, UTF-8 text.

    PyYAML quotes any string that YAML 1.1 would read as another type (``"no"``,
    ``"2023-10-01"``, ``"1.10"``), so the text reads back to the same values.
    """
    if isinstance(data, BaseModel):
        data = to_data(data)
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
