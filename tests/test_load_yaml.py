"""The safe, bounded YAML reader: what it accepts, what it refuses, and where it points."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from egovcode.load.limits import Limits
from egovcode.load.yamlfile import SourceFile, YamlProblem, decode, parse, read_yaml

LIMITS = Limits()


def problem(text: str, limits: Limits = LIMITS) -> tuple[str, int | None, int | None]:
    with pytest.raises(YamlProblem) as info:
        parse(text, limits)
    return info.value.code, info.value.line, info.value.column


def test_plain_data_keeps_yaml_types() -> None:
    data = parse("a: 1\nb: [x, 2.5, true, null, 2024-10-23]\n", LIMITS)
    assert data == {"a": 1, "b": ["x", 2.5, True, None, dt.date(2024, 10, 23)]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", ("EGC006", 3, 1)),
        ("x: !!python/object/apply:os.system [ls]\n", ("EGC009", 1, 4)),
        ("x: !!binary aGVsbG8=\n", ("EGC009", 1, 4)),
        ("x: !!set {a, b}\n", ("EGC009", 1, 4)),
        ("base: &b {k: 1}\nx:\n  <<: *b\n", ("EGC009", 3, 3)),
        ("a: &a [*a]\n", ("EGC012", 1, 4)),
        ("a: 1\n---\nb: 2\n", ("EGC011", 2, 1)),
        ("a: [1, 2\nb: 3\n", ("EGC005", 2, 2)),
        ("# only a comment\n", ("EGC004", 1, 1)),
        ("", ("EGC004", 1, 1)),
        ("? [a, b]\n: 1\n", ("EGC104", 1, 3)),
    ],
)
def test_refused_documents(text: str, expected: tuple[str, int, int]) -> None:
    assert problem(text) == expected


def test_billion_laughs_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    code, _, _ = problem("\n".join(lines) + "\n")
    assert code == "EGC007"


def test_a_few_aliases_are_fine() -> None:
    assert parse("a: &x {k: 1}\nb: *x\n", LIMITS) == {"a": {"k": 1}, "b": {"k": 1}}


def test_nesting_is_bounded() -> None:
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    assert problem(deep)[0] == "EGC008"
    assert parse("a: " + "[" * 10 + "]" * 10 + "\n", LIMITS) is not None


def test_size_is_bounded() -> None:
    with pytest.raises(YamlProblem) as info:
        decode(b"a: 1\n" * 100, Limits(max_bytes=100))
    assert info.value.code == "EGC001"


def test_encodings() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\r\n", LIMITS) == "a: 1\r\n"
    with pytest.raises(YamlProblem) as info:
        decode("a: 1\nb: caf\xe9\n".encode("latin-1"), LIMITS)
    assert (info.value.code, info.value.line, info.value.column) == ("EGC002", 2, 7)
    with pytest.raises(YamlProblem) as info:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", LIMITS)
    assert (info.value.code, info.value.line) == ("EGC003", 3)


def test_crlf_positions(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n  - y\r\n")
    source, data = read_yaml(path, "x.yaml")
    assert data == {"a": 1, "b": ["x", "y"]}
    assert source.locate(("b", 1)) == (4, 5)


def test_locate_walks_keys_and_indices() -> None:
    text = "case:\n  id: k\nexcerpts:\n  - id: e1\n    codes: [A, B]\n"
    source = SourceFile(path=Path("x"), display="x", text=text)
    assert source.locate(("excerpts", 0, "codes", 1)) == (5, 16)
    assert source.locate(("excerpts", 0, "codes"), key=True) == (5, 5)
    # a missing key or a validator's branch name stops at the nearest ancestor
    assert source.locate(("excerpts", 0, "missing")) == (4, 5)
    assert source.locate(("case", "id", "str")) == (2, 7)


def test_lean_resolver_gives_pyyaml_safe_tags() -> None:
    """The faster resolver must tag every node exactly as PyYAML's safe resolver does."""
    import yaml
    from yaml.nodes import MappingNode, Node, SequenceNode

    from egovcode.load.yamlfile import _compose
    from tests.conftest import REPO

    def tags(node: Node | None, out: list[tuple[str, str]]) -> list[tuple[str, str]]:
        assert node is not None
        out.append((type(node).__name__, node.tag))
        if isinstance(node, SequenceNode):
            for child in node.value:
                tags(child, out)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                tags(key, out)
                tags(value, out)
        return out

    tricky = (
        "a: no\nb: ''\nc: ~\nd: 1.10\ne: 2023-10-01\nf: !!str 1\n"
        "g: [1, 'x', null, .inf, -.NaN, 0x1F, 0o17, 1:20, =, +1, 1e3]\n"
        "t: 2001-12-14t21:59:43.10-05:00\n"
        "h:\ni: {Yes: On, off: NO, y: n}\n"
    )
    texts = [tricky] + [p.read_text("utf-8") for p in sorted(REPO.glob("cases/*.yaml"))]
    for text in texts:
        assert tags(_compose(text), []) == tags(yaml.compose(text, Loader=yaml.SafeLoader), [])


def test_parse_restores_the_garbage_collector() -> None:
    import gc

    assert gc.isenabled()
    parse("a: 1\n", LIMITS)
    assert gc.isenabled()
    with pytest.raises(YamlProblem):
        parse("a: [\n", LIMITS)
    assert gc.isenabled()
