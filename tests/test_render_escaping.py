"""Case data is data: Markdown, HTML and template syntax in an excerpt render literally."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from egovcode.report.escape import md_block, md_inline
from tests.conftest import run_cli
from tests.render_fixture import PROJECT


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path]) -> Path:
    return tree(PROJECT)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", r"a \| b"),
        ("**x**", r"\*\*x\*\*"),
        ("_x_", r"\_x\_"),
        ("`code`", r"\`code\`"),
        ("<script>", r"\<script\>"),
        ("[a](b)", r"\[a\](b)"),
        ("&amp; R&D", r"\&amp; R&D"),
        ("# not a heading", r"\# not a heading"),
        ("#hashtag", "#hashtag"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("2.91 and 1.0", "2.91 and 1.0"),
        ("{{ 7*7 }}", r"{{ 7\*7 }}"),
        ("line one\nline two", "line one line two"),
        ("~~strike~~", r"\~\~strike\~\~"),
    ],
)
def test_md_inline(text: str, escaped: str) -> None:
    assert md_inline(text) == escaped


def test_md_block_keeps_paragraphs_and_drops_indentation() -> None:
    assert md_block("one\ntwo\n\n    # three", "> ") == "> one two\n>\n> \\# three"


@pytest.mark.parametrize(
    "text",
    ["a | b **c** _d_ `e` <f> [g](h) ~~i~~ &amp;", "# h", "1. x", "- y", "> q", "***"],
)
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = MarkdownIt("commonmark").enable("table").render(md_inline(text))
    inner = re.sub(r"^<p>|</p>\n$", "", html)
    assert inner == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_markdown_report_keeps_hostile_text_literal(project: Path) -> None:
    result = run_cli("render", "--project", str(project), "--lang", "id")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert not re.search(r"\b(49|36)\b", out)  # {{ 7*7 }} and {{ 6*6 }} were never evaluated
    assert r"{{ 7\*7 }}" in out
    assert r"Kolom a \| b, \*\*tebal\*\*, \<script\>alert(1)\</script\>" in out
    assert "<script>" not in out
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(out)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>tebal</strong>" not in html
    # the hostile | did not add a column: every row of a table has as many cells as its header
    for table in re.findall(r"(?:^\|.*\|\n)+", out, flags=re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
        assert len(widths) == 1, table


def test_html_report_is_autoescaped(project: Path) -> None:
    result = run_cli("render", "--project", str(project), "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    prose = re.sub(r"<svg.*?</svg>", "", out, flags=re.S)  # chart coordinates are numbers too
    assert "{{ 7*7 }}" in out and not re.search(r"\b(49|36)\b", prose)
    assert "<b>tags</b>" not in out and "&lt;b&gt;tags&lt;/b&gt;" in out


def test_markdown_template_rendered_as_html_is_escaped(project: Path) -> None:
    brief = Path(__file__).resolve().parents[1] / "docs" / "examples" / "brief.md.j2"
    result = run_cli(
        "render", "--project", str(project), "--format", "html", "--template", str(brief)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<script" not in result.stdout
