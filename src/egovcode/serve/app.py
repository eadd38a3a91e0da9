"""The Starlette application: pages, the package's own assets and the JSON API for saves."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from egovcode.check.validate import validate_project
from egovcode.load.project import load_project
from egovcode.serve import views
from egovcode.serve.api import BadRequest, Saves, parse_body
from egovcode.serve.i18n import Words
from egovcode.serve.security import Gate

#: The only files served besides the pages: the package's own stylesheet and script.
ASSETS = {
    "workbench.css": "text/css; charset=utf-8",
    "workbench.js": "text/javascript; charset=utf-8",
}


def _json_for_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("egovcode", "data/serve/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = _json_for_script
    return env


@dataclass
class Workbench:
    """One running workbench: its settings, its token and the saves it can undo."""

    settings: views.Settings
    token: str
    port: int
    env: Environment = field(default_factory=environment)
    lock: threading.Lock = field(default_factory=threading.Lock)
    saves: Saves = field(init=False)

    def __post_init__(self) -> None:
        self.saves = Saves(self.settings)

    @property
    def words(self) -> Words:
        return Words(self.settings.lang)

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(
            w=self.words.data, lang=self.words.lang, coder=self.settings.coder or "", **context
        )

    def page(self, name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render(name, **context))

    def refuse(self, reason: str, status: int) -> tuple[bytes, str]:
        """The body of a refused request: a short page in the workbench's language."""
        html = self.render("refused.html.j2", message=self.words(reason))
        return html.encode("utf-8"), "text/html; charset=utf-8"

    # -- pages -----------------------------------------------------------------------------
    async def project(self, request: Request) -> Response:
        with self.lock:
            loaded, _ = validate_project(self.settings.root)
            context = views.project_page(loaded, self.settings)
        return self.page("project.html.j2", **context)

    async def source(self, request: Request) -> Response:
        case = request.path_params["case"]
        source = request.path_params["source"]
        with self.lock:
            loaded = load_project(self.settings.root)
            try:
                context = views.source_page(loaded, self.settings, case, source)
            except views.NotFound:
                return self._not_found(self.words("no_source", case=case, source=source))
        return self.page("source.html.j2", **context)

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return self._not_found(name)
        data = resources.files("egovcode").joinpath("data", "serve", "static", name).read_bytes()
        return Response(data, media_type=ASSETS[name])

    # -- saves -------------------------------------------------------------------------------
    async def save(self, request: Request, action: str) -> Response:
        """``POST /api/excerpts`` (a new excerpt), ``/api/excerpts/ID`` (its coding),
        ``/api/excerpts/ID/delete`` and ``/api/undo``."""
        try:
            data = parse_body(await request.body())
        except BadRequest as exc:
            return JSONResponse({"ok": False, "message": str(exc)}, status_code=400)
        excerpt = request.path_params.get("excerpt", "")
        with self.lock:
            answer = self.saves.run(action, data, excerpt)
        return JSONResponse(answer.body, status_code=answer.status)

    def _not_found(self, message: str) -> Response:
        return HTMLResponse(self.render("refused.html.j2", message=message), status_code=404)


def _action(bench: Workbench, action: str) -> Any:
    async def endpoint(request: Request) -> Response:
        return await bench.save(request, action)

    return endpoint


def create_app(settings: views.Settings, token: str, port: int) -> Any:
    """The workbench for ``settings`` behind its gate (token, Host, Origin)."""
    bench = Workbench(settings, token, port)
    routes = [
        Route("/", bench.project, methods=["GET"]),
        Route("/source/{case}/{source}", bench.source, methods=["GET"]),
        Route("/static/{name}", bench.asset, methods=["GET"]),
        Route("/api/excerpts", _action(bench, "add"), methods=["POST"]),
        Route("/api/excerpts/{excerpt}", _action(bench, "set"), methods=["POST"]),
        Route("/api/excerpts/{excerpt}/delete", _action(bench, "delete"), methods=["POST"]),
        Route("/api/undo", _action(bench, "undo"), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.bench = bench
    return Gate(app, token, port, bench.refuse)
