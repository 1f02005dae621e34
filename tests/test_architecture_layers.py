"""The apps depend on each other one way (docs/architecture.md): no cycle between apps, counting every import,
also those placed inside functions, and few of those, each saying why it is not at the top of its module.

import-linter (`lint-imports`, run by `make test`) checks the declared layers; this test checks what no layer
list can forget: a new app that joins a cycle, or imports hidden in functions to dodge one.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "innoinfra"
MAX_INNER_IMPORTS = 20


def _apps() -> set[str]:
    return {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) >= 2 and "migrations" not in parts:
            yield path, parts


def _target(node, parts, apps) -> str | None:
    """The other app an import statement reaches, if any."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = list(parts[:-1])[: len(parts) - node.level]
            names = base + ([node.module] if node.module else [])
        else:
            names = (node.module or "").split(".")
        candidates = [names] + [[*names, alias.name] for alias in node.names]
    elif isinstance(node, ast.Import):
        candidates = [alias.name.split(".") for alias in node.names]
    else:
        return None
    for dotted in candidates:
        dotted = dotted[1:] if dotted and dotted[0] == PACKAGE.name else (dotted if node_is_relative(node) else [])
        if dotted and dotted[0] in apps and dotted[0] != parts[0]:
            return dotted[0]
    return None


def node_is_relative(node) -> bool:
    return isinstance(node, ast.ImportFrom) and bool(node.level)


def _inside_function(node, parents) -> bool:
    parent = parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
            return True
        parent = parents.get(parent)
    return False


def _has_reason(lines: list[str], node) -> bool:
    """A comment on the import itself, or on the line above it or above the block of imports it belongs to."""
    if any("#" in lines[i] for i in range(node.lineno - 1, node.end_lineno)):
        return True
    i = node.lineno - 2
    while i >= 0 and lines[i].strip().startswith(("from ", "import ")):
        i -= 1
    return i >= 0 and lines[i].strip().startswith("#")


def dependencies():
    """Edges between apps, and the cross-app imports placed inside functions as (`file:line`, has a reason)."""
    apps = _apps()
    edges: dict[str, set[str]] = defaultdict(set)
    inner: list[tuple[str, bool]] = []
    for path, parts in _modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        lines = source.splitlines()
        for node in ast.walk(tree):
            target = _target(node, parts, apps)
            if target is None:
                continue
            edges[parts[0]].add(target)
            if _inside_function(node, parents):
                inner.append((f"innoinfra/{'/'.join(parts)}:{node.lineno}", _has_reason(lines, node)))
    return edges, inner


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of apps that reach each other (strongly connected, more than one app)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in sorted(edges.get(app, ())):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in sorted(set(edges) | {a for targets in edges.values() for a in targets}):
        if app not in index:
            visit(app)
    return found


def test_no_two_apps_import_each_other_even_through_others():
    edges, _inner = dependencies()
    assert edges["demo"] and edges["portal"], "the walk must see the apps' imports"
    assert cycles(edges) == []


def test_few_imports_hide_inside_functions_and_each_says_why():
    _edges, inner = dependencies()
    assert len(inner) <= MAX_INNER_IMPORTS, "\n".join(place for place, _ in inner)
    assert [place for place, reason in inner if not reason] == []


def test_the_cycle_finder_sees_a_cycle_through_a_third_app():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []


def test_an_import_inside_a_function_needs_a_comment():
    source = "def f():\n    # registry not ready at import time\n    from x import y\n\ndef g():\n    from x import z\n"
    tree = ast.parse(source)
    lines = source.splitlines()
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [_has_reason(lines, n) for n in imports] == [True, False]
