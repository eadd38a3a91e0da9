"""``egovcode serve`` on the command line: options, the printed URL, 127.0.0.1 only."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from egovcode.serve import run as serve_run
from egovcode.serve.views import Settings
from tests.conftest import Result
from tests.serve_project import write_project


def test_serve_prints_the_url_with_a_token_and_binds_127_0_0_1(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "p")
    seen: dict[str, Any] = {}

    def fake_run(self: Any, sockets: list[socket.socket]) -> None:
        seen["address"] = sockets[0].getsockname()
        seen["app"] = self.config.app

    monkeypatch.setattr("uvicorn.Server.run", fake_run)
    result = cli("serve", "--project", str(root), "--port", "0", "--no-browser", "--lang", "id")
    assert result.exit_code == 0, result.stderr
    host, port = seen["address"]
    assert host == "127.0.0.1"
    line = result.stdout.strip()
    assert line.startswith(f"egovcode workbench: http://127.0.0.1:{port}/?token=")
    assert len(line.split("token=")[1]) >= 40
    assert "Ctrl+C" in result.stderr


def test_serve_refuses_a_bad_coder_name_and_a_language_the_project_lacks(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = write_project(tmp_path / "p")
    result = cli("serve", "--project", str(root), "--coder", "../ana", "--no-browser")
    assert result.exit_code == 2
    assert "not a valid coder id" in result.stderr
    result = cli("serve", "--project", str(root), "--lang", "fr", "--no-browser")
    assert result.exit_code == 2
    assert "--lang 'fr'" in result.stderr


def test_a_taken_port_is_a_clear_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = write_project(tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli("serve", "--project", str(root), "--port", str(port), "--no-browser")
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_a_running_workbench_answers_only_with_the_token(tmp_path: Path) -> None:
    running = serve_run.start_in_thread(Settings(write_project(tmp_path / "p")))
    try:
        base = f"http://127.0.0.1:{running.port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base, timeout=10)
        assert refused.value.code == 403
        request = urllib.request.Request(base, headers={"X-Egovcode-Token": running.token})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
            assert "Desa Alpha" in answer.read().decode("utf-8")
    finally:
        running.stop()
    assert not running.thread.is_alive()


def test_without_the_extra_the_command_says_how_to_install_it(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    root = write_project(tmp_path / "p")

    def never(self: Any, sockets: list[socket.socket]) -> None:
        raise AssertionError("the server must not start without its extra")

    monkeypatch.setattr("uvicorn.Server.run", never)
    for name in ("egovcode.serve.run", "egovcode.serve.app"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    for name in [n for n in sys.modules if n == "starlette" or n.startswith("starlette.")]:
        monkeypatch.setitem(sys.modules, name, None)  # as if starlette were not installed
    result = cli("serve", "--project", str(root), "--port", "0", "--no-browser")
    assert result.exit_code == 2
    assert "the workbench needs its extra (starlette" in result.stderr
    assert "pip install 'egovcode[serve]'" in result.stderr
