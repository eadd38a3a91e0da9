"""Validated case and coder files rebuilt from their own dump, without validating them again.

A case or coder file is validated once; what validation gave is kept as
``model_dump(exclude_unset=True)`` (the warm-run entry, and the cold run itself, which swaps each
validated file for its rebuilt twin). Rebuilding sets each model's fields directly, as pydantic's
``model_construct`` does, and gives a model equal to the validated one, with the same fields set.
It also makes the data leaner than validation leaves it: identifiers, codes, valences and
locators are interned (one string object per distinct value), models with the same set fields
share one fields-set object, equal lists of codes share one list, a field left at an empty-dict
default shares one empty dict, and a coder's codings with the same codes, valence and memo share
one frozen ``CoderCoding``. These containers belong to frozen models and are never changed in place
(nothing in egovcode does; a change would show in every model sharing them). The dump must
come from a validated model of the same egovcode version: this module trusts its types
(``tests/test_warm.py`` checks rebuilt == validated on every example).
"""

from __future__ import annotations

from collections.abc import Callable
from sys import intern
from typing import Any, TypeVar

from pydantic import BaseModel

from egovcode.model.case import CaseFile, CaseInfo, Excerpt, Index, Source
from egovcode.model.coding import CoderCoding, CodingFile, Provenance, Suggestion

M = TypeVar("M", bound=BaseModel)
_EMPTY: dict[str, Any] = {}
_set = object.__setattr__


class _Plan:
    """How to fill one model's fields: the defaults in field order, and the fields whose
    default is made fresh for each model (a new empty list or dict)."""

    __slots__ = ("factories", "template")

    def __init__(self, model: type[BaseModel]) -> None:
        self.template: dict[str, Any] = {}
        self.factories: list[tuple[str, Callable[[], Any]]] = []
        for name, info in model.model_fields.items():
            factory = info.default_factory
            if factory is dict:
                self.template[name] = _EMPTY  # shared: see the module's docstring
            else:
                self.template[name] = None if factory is not None else info.default
                if factory is not None:
                    self.factories.append((name, factory))  # type: ignore[arg-type]


class Builder:
    """Rebuilds models from dumps; one per load, so shared values stay within it."""

    def __init__(self) -> None:
        self._plans: dict[type[BaseModel], _Plan] = {}
        self._sets: dict[tuple[str, ...], set[str]] = {}
        self._codings: dict[tuple[Any, ...], CoderCoding] = {}
        self._lists: dict[tuple[str, ...], list[str]] = {}

    def forget(self) -> None:
        """Drop the lookup tables (what was built keeps its shared values); call it when a
        load is done, so the tables do not outlive it."""
        self._codings.clear()
        self._lists.clear()

    def codes(self, codes: list[str]) -> list[str]:
        """One shared, interned list per distinct list of codes."""
        key = tuple(codes)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = [intern(c) for c in codes]
        return found

    def make(self, model: type[M], given: dict[str, Any]) -> M:
        """``model`` with the fields in ``given`` (already built) and defaults for the rest."""
        plan = self._plans.get(model)
        if plan is None:
            plan = self._plans[model] = _Plan(model)
        values = plan.template.copy()
        values.update(given)  # the fields keep the model's order
        if len(values) != len(plan.template):
            raise KeyError(
                f"{model.__name__} has no field {sorted(set(given) - set(plan.template))}"
            )
        for name, factory in plan.factories:
            if name not in given:
                values[name] = factory()
        keys = tuple(given)
        fields = self._sets.get(keys)
        if fields is None:
            fields = self._sets[keys] = set(keys)
        m = model.__new__(model)
        _set(m, "__dict__", values)
        _set(m, "__pydantic_fields_set__", fields)
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", None)
        return m

    def case_file(self, dump: dict[str, Any]) -> CaseFile:
        """The case file of ``dump`` (which it takes over: the dump is changed in place)."""
        given = dump
        given["case"] = self.make(CaseInfo, dump["case"])
        if "indices" in dump:
            given["indices"] = [self.make(Index, i) for i in dump["indices"]]
        if "sources" in dump:
            given["sources"] = [self._source(s) for s in dump["sources"]]
        if "excerpts" in dump:
            given["excerpts"] = self._excerpts(dump["excerpts"])
        if "language" in dump:
            given["language"] = intern(dump["language"])
        return self.make(CaseFile, given)

    def _source(self, dump: dict[str, Any]) -> Source:
        given = dump
        given["id"] = intern(dump["id"])
        given["kind"] = intern(dump["kind"])
        return self.make(Source, given)

    def _excerpts(self, dumps: list[dict[str, Any]]) -> list[Excerpt]:
        """The excerpts of a case: ``make`` unrolled, the one loop that runs per excerpt."""
        plan = self._plans.get(Excerpt)
        if plan is None:
            plan = self._plans[Excerpt] = _Plan(Excerpt)
        template, factories, size = plan.template, plan.factories, len(plan.template)
        sets = self._sets
        new = Excerpt.__new__
        out: list[Excerpt] = []
        for given in dumps:
            given["id"] = intern(given["id"])  # coder files name it too
            given["source"] = intern(given["source"])
            for name in ("locator", "lang", "valence", "coder", "form", "speaker"):
                value = given.get(name)
                if value is not None:
                    given[name] = intern(value)
            codes = given.get("codes")
            if codes is not None:
                given["codes"] = self.codes(codes)
            span = given.get("span")
            if span is not None:
                start, end = span
                given["span"] = (start, end)
            values = template.copy()
            values.update(given)
            if len(values) != size:
                raise KeyError(f"Excerpt has no field {sorted(set(given) - set(template))}")
            for name, factory in factories:
                if name not in given:
                    values[name] = factory()
            keys = tuple(given)
            fields = sets.get(keys)
            if fields is None:
                fields = sets[keys] = set(keys)
            m = new(Excerpt)
            _set(m, "__dict__", values)
            _set(m, "__pydantic_fields_set__", fields)
            _set(m, "__pydantic_extra__", None)
            _set(m, "__pydantic_private__", None)
            out.append(m)
        return out

    def coding_file(self, dump: dict[str, Any]) -> CodingFile:
        """The coder file of ``dump`` (which it takes over: the dump is changed in place)."""
        given = dump
        if dump.get("provenance") is not None:
            given["provenance"] = self.make(Provenance, dump["provenance"])
        if "codings" in dump:
            shared = self._codings
            out: dict[str, CoderCoding | None] = {}
            for k, v in dump["codings"].items():
                if v is None:
                    out[intern(k)] = None
                    continue
                if "suggested" in v:
                    out[intern(k)] = self._coding(v)
                    continue
                # Frozen and equal, so shared: codings repeat a limited number of code sets.
                key = (tuple(v["codes"]), v.get("valence"), v.get("memo"), "valence" in v, len(v))
                found = shared.get(key)
                if found is None:
                    found = shared[key] = self._coding(v)
                out[intern(k)] = found
            given["codings"] = out
        return self.make(CodingFile, given)

    def _coding(self, dump: dict[str, Any]) -> CoderCoding:
        given = dump
        given["codes"] = self.codes(dump["codes"])
        if dump.get("valence") is not None:
            given["valence"] = intern(dump["valence"])
        if "suggested" in dump:
            given["suggested"] = {
                intern(k): self.make(Suggestion, v) for k, v in dump["suggested"].items()
            }
        return self.make(CoderCoding, given)


def _nested_fields(model: type[BaseModel]) -> set[str]:
    """``Model.field`` for every field under ``model`` that holds models (what the Builder must
    rebuild by hand; a test keeps this list and the Builder in step)."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        inner = _models_in(info.annotation)
        if inner:
            out.add(f"{model.__name__}.{name}")
            for found in inner:
                out |= _nested_fields(found)
    return out


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def dump(model: BaseModel) -> dict[str, Any]:
    """What :class:`Builder` rebuilds ``model`` from: its set fields, as plain data."""
    return model.model_dump(exclude_unset=True)
