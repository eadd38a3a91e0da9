"""The workbench's saves: JSON in, the core's editing functions, JSON out.

Every save names the version of the file its page was built from and is refused (409) when the
file on disk is no longer that one. The edit itself is made by :mod:`egovcode.edit` (the same
functions and the same comment-keeping editor as the command line); the bytes before and after
are kept so the last save can be undone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from egovcode.check.registry import CODES
from egovcode.edit.errors import EditError
from egovcode.edit.excerpts import add_excerpt, delete_excerpt, set_coding
from egovcode.errors import EgovcodeError
from egovcode.load.project import Project, load_project
from egovcode.serve import views
from egovcode.serve.history import History, NothingToUndo, StaleFile, require_version
from egovcode.serve.i18n import Words

#: The largest request body a save may send.
MAX_BODY = 1024 * 1024


class BadRequest(EgovcodeError):
    """A request the page would never send (wrong shape or type)."""


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: dict[str, Any]


def parse_body(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_BODY:
        raise BadRequest(f"the request is larger than {MAX_BODY:,} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
        # a lone surrogate (JSON "\ud800") is no character: it could never be written as UTF-8
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest("the request is not JSON") from None
    except UnicodeEncodeError:
        raise BadRequest("the request holds a lone surrogate (\\ud800 to \\udfff)") from None
    except RecursionError:
        raise BadRequest("the request nests lists or objects too deeply") from None
    if not isinstance(data, dict):
        raise BadRequest("the request is not a JSON object")
    return data


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{key!r} must be text")
    return value


def _codes(data: dict[str, Any]) -> list[str]:
    codes = data.get("codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise BadRequest("'codes' must be a list of code ids")
    return codes


def _span(data: dict[str, Any]) -> tuple[int, int]:
    span = data.get("span")
    if (
        not isinstance(span, list)
        or len(span) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in span)
    ):
        raise BadRequest("'span' must be [start, end]")
    return span[0], span[1]


class Saves:
    """The save operations of one workbench, with its history of saves to undo."""

    def __init__(self, settings: views.Settings) -> None:
        self.settings = settings
        self.history = History()

    @property
    def words(self) -> Words:
        return Words(self.settings.lang)

    def run(self, action: str, data: dict[str, Any], excerpt: str = "") -> Answer:
        """Carry out one save and turn every refusal into a clear answer."""
        w = self.words
        try:
            if action == "undo":
                change = self.history.undo()
                return Answer(200, {"ok": True, "message": w("undone", file=change.display)})
            project = load_project(self.settings.root)
            if action == "add":
                return self._add(project, data)
            if action == "set":
                return self._set(project, data, excerpt)
            return self._delete(project, data, excerpt)
        except StaleFile as exc:
            return Answer(
                409,
                {
                    "ok": False,
                    "code": "EGC742",
                    "message": w("stale", file=exc.display),
                    "hint": CODES["EGC742"].hint,
                },
            )
        except EditError as exc:
            message = f"{exc.message} ({exc.code})"
            return Answer(
                400, {"ok": False, "code": exc.code, "message": message, "hint": exc.hint}
            )
        except NothingToUndo:
            return Answer(400, {"ok": False, "message": w("nothing_to_undo")})
        except views.NotFound as exc:
            return Answer(404, {"ok": False, "message": str(exc)})
        except EgovcodeError as exc:
            return Answer(400, {"ok": False, "message": str(exc)})
        except OSError as exc:  # a file that cannot be read or written (permissions, disk full)
            where = f" ({exc.filename})" if exc.filename else ""
            return Answer(500, {"ok": False, "message": f"{exc.strerror or exc}{where}"})

    def _case_target(self, project: Project, case: str, excerpt: str = "") -> tuple[Path, str]:
        loaded = views.find_case(project, case)
        if excerpt and all(e.id != excerpt for e in loaded.data.excerpts):
            raise views.NotFound(f"case {case!r} has no excerpt {excerpt!r}")
        return loaded.source.path, loaded.source.display

    def _add(self, project: Project, data: dict[str, Any]) -> Answer:
        if self.settings.coder:
            raise BadRequest("in coder mode excerpts are rated, not made")
        case = _text(data, "case", required=True) or ""
        path, display = self._case_target(project, case)
        before = require_version(path, display, data.get("version"))
        change = add_excerpt(
            project,
            case,
            _text(data, "source", required=True) or "",
            _span(data),
            codes=_codes(data),
            valence=_text(data, "valence") or None,
            memo=_text(data, "memo") or None,
            key=data.get("key") is True,
        )
        self.history.record(path, display, before)
        return Answer(
            200,
            {
                "ok": True,
                "excerpt": change.excerpt,
                "message": self.words("saved", id=change.excerpt, file=display),
                "notes": list(change.notes),
            },
        )

    def _set(self, project: Project, data: dict[str, Any], excerpt: str) -> Answer:
        case = _text(data, "case", required=True) or ""
        coder = self.settings.coder
        path, display = self._case_target(project, case, excerpt)
        if coder:
            path, display = views.coder_target(project, coder, case)
        before = require_version(path, display, data.get("version"))
        key = data.get("key")
        change = set_coding(
            project,
            excerpt,
            _codes(data),
            valence=_text(data, "valence"),
            memo=_text(data, "memo"),
            key=key if isinstance(key, bool) and not coder else None,
            coder=coder,
        )
        self.history.record(path, display, before)
        return Answer(
            200,
            {
                "ok": True,
                "excerpt": change.excerpt,
                "message": self.words("saved", id=change.excerpt, file=change.file),
                "notes": list(change.notes),
            },
        )

    def _delete(self, project: Project, data: dict[str, Any], excerpt: str) -> Answer:
        if self.settings.coder:
            raise BadRequest("in coder mode excerpts are rated, not deleted")
        case = _text(data, "case", required=True) or ""
        path, display = self._case_target(project, case, excerpt)
        before = require_version(path, display, data.get("version"))
        change = delete_excerpt(project, excerpt)
        self.history.record(path, display, before)
        return Answer(
            200, {"ok": True, "message": self.words("deleted", id=change.excerpt, file=display)}
        )
