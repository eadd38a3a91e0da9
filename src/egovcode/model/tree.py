"""The code hierarchy of a codebook: parents, children and the component each code rolls up to."""

from __future__ import annotations

from egovcode.model.codebook import Code, Codebook
from egovcode.model.types import pick


class CodeTree:
    """Read-only view of a codebook's hierarchy. Tolerates unknown parents and cycles."""

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.codes: dict[str, Code] = codebook.by_id()
        self.order: dict[str, int] = {cid: i for i, cid in enumerate(self.codes)}
        self.children: dict[str, list[str]] = {cid: [] for cid in self.codes}
        for code in self.codes.values():
            if code.parent in self.children and code.parent != code.id:
                self.children[code.parent].append(code.id)
        self._components: dict[str, str] = {}  # asked once per coding: worth remembering

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.codes

    def ancestors(self, code_id: str) -> list[str]:
        """Parents from the nearest up to the root; stops at an unknown parent or a cycle."""
        out: list[str] = []
        seen = {code_id}
        current = self.codes.get(code_id)
        while current is not None and current.parent and current.parent not in seen:
            out.append(current.parent)
            seen.add(current.parent)
            current = self.codes.get(current.parent)
        return out

    def component(self, code_id: str) -> str:
        """The root ancestor a code rolls up to (the code itself when it is a root)."""
        found = self._components.get(code_id)
        if found is None:
            chain = [p for p in self.ancestors(code_id) if p in self.codes]
            found = self._components[code_id] = chain[-1] if chain else code_id
        return found

    def roots(self) -> list[str]:
        """Top-level codes in codebook order."""
        return [cid for cid in self.codes if self.component(cid) == cid]

    def descendants(self, code_id: str) -> list[str]:
        """The code and all codes below it, depth first in codebook order."""
        out: list[str] = []
        seen: set[str] = set()
        stack = [code_id]
        while stack:
            cid = stack.pop()
            if cid in seen:
                continue
            seen.add(cid)
            out.append(cid)
            stack.extend(reversed(self.children.get(cid, [])))
        return out

    def depth(self, code_id: str) -> int:
        return len(self.ancestors(code_id))

    def kind(self, code_id: str) -> str:
        """The code's kind, inherited from the nearest ancestor that states one."""
        for cid in [code_id, *self.ancestors(code_id)]:
            code = self.codes.get(cid)
            if code is not None and code.kind:
                return code.kind
        return "component"

    def label(self, code_id: str, lang: str) -> str:
        code = self.codes.get(code_id)
        return pick(code.label, lang) if code else code_id

    def definition(self, code_id: str, lang: str) -> str:
        code = self.codes.get(code_id)
        return pick(code.definition, lang) if code and code.definition else ""
