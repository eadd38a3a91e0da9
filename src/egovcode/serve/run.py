"""Starting the workbench: bind 127.0.0.1, print the URL with its token, serve until Ctrl+C."""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from egovcode.errors import EgovcodeError
from egovcode.serve.app import create_app
from egovcode.serve.security import new_token
from egovcode.serve.views import Settings

HOST = "127.0.0.1"


class ServeError(EgovcodeError):
    """The workbench cannot start (the port is taken, the extra is not installed)."""


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (port 0: one the system picks); never another address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise ServeError(
            f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another --port."
        ) from None
    sock.listen(128)
    return sock


@dataclass
class Running:
    """A workbench served from a background thread (for tests and screenshots)."""

    url: str
    token: str
    port: int
    server: Any
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _server(settings: Settings, sock: socket.socket, token: str) -> Any:
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - the extra is installed with dev
        raise ServeError("the workbench needs its extra: pip install 'egovcode[serve]'") from None
    port = sock.getsockname()[1]
    app = create_app(settings, token, port)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)


def start_in_thread(settings: Settings, port: int = 0) -> Running:
    """Serve in a daemon thread and return once the server accepts connections."""
    sock = bind(port)
    token = new_token()
    server = _server(settings, sock, token)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        thread.join(timeout=0.02)
    real = sock.getsockname()[1]
    return Running(f"http://{HOST}:{real}/?token={token}", token, real, server, thread)


def serve(
    settings: Settings,
    port: int,
    *,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve until interrupted; ``announce`` receives the URL with the token."""
    sock = bind(port)
    token = new_token()
    server = _server(settings, sock, token)
    url = f"http://{HOST}:{sock.getsockname()[1]}/?token={token}"
    announce(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])
