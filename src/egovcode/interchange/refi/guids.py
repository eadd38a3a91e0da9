"""Stable GUIDs for REFI-QDA, and the machine-written sidecar that keeps imported ones.

Without a sidecar, a GUID is UUIDv5 over a fixed egovcode namespace and ``"<kind>:<key>"``
(e.g. ``code:indrajit-egov/APP.PORTAL``), upper case, so two exports of the same project give
the same GUIDs and tools that match on GUIDs do not duplicate codes on re-import. GUIDs that came
in with an import are kept in ``refi/ids.yaml`` and reused on export.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The egovcode namespace for UUIDv5 GUIDs; never change it (GUIDs must stay stable).
NAMESPACE = uuid.UUID("6f0c5d2e-8d3a-5b7e-9a41-3e2f6c0b9d17")
SIDECAR = "refi/ids.yaml"
SIDECAR_HEADER = (
    "# Machine-written by `egovcode import`; do not edit by hand. It keeps the GUIDs and\n"
    "# timestamps of the REFI-QDA file so that `egovcode export qdpx` writes them back.\n"
    "# Deleting it is safe: export then derives stable GUIDs from the ids.\n"
)
KINDS = ("project", "users", "codes", "variables", "cases", "sources", "excerpts", "codings",
         "notes", "sets")  # fmt: skip


def stable_guid(kind: str, key: str) -> str:
    """The UUIDv5 GUID of ``kind:key``, upper case."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}")).upper()


@dataclass(slots=True)
class Sidecar:
    """GUIDs by kind and egovcode key, and creation times by GUID."""

    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    times: dict[str, str] = field(default_factory=dict)

    def guid(self, kind: str, key: str, stable: str | None = None) -> str:
        """The kept GUID of ``key``, or the stable one of ``stable`` (default ``key``)."""
        return self.ids.get(kind, {}).get(key) or stable_guid(kind.rstrip("s"), stable or key)

    def keep(self, kind: str, key: str, value: str, created: str | None = None) -> None:
        self.ids.setdefault(kind, {})[key] = value
        if created:
            self.times[value] = created

    def time(self, value: str) -> str | None:
        return self.times.get(value)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            k: dict(sorted(self.ids[k].items())) for k in KINDS if self.ids.get(k)
        }
        if self.times:
            data["times"] = dict(sorted(self.times.items()))
        return data

    @classmethod
    def from_data(cls, data: Any) -> Sidecar:
        sidecar = cls()
        if not isinstance(data, dict):
            return sidecar
        for kind in KINDS:
            table = data.get(kind)
            if isinstance(table, dict):
                sidecar.ids[kind] = {str(k): str(v).upper() for k, v in table.items()}
        times = data.get("times")
        if isinstance(times, dict):
            sidecar.times = {str(k).upper(): str(v) for k, v in times.items()}
        return sidecar


def load_sidecar(root: Path) -> Sidecar:
    """The project's sidecar, or an empty one (also when it is unreadable: it is optional)."""
    from egovcode.load.limits import Limits
    from egovcode.load.yamlfile import YamlProblem, read_yaml

    path = root / SIDECAR
    if not path.is_file():
        return Sidecar()
    try:
        _, data = read_yaml(path, SIDECAR, Limits.from_env())
    except (YamlProblem, OSError):
        return Sidecar()
    return Sidecar.from_data(data)
