"""The package's shape, read from its source with ``ast`` (nothing is imported):

- no module imports another that imports it back, directly or around a longer loop;
- the layers point one way: core knows no Qt, matplotlib, store or window; the store
  knows no window, chart or report; the exchange and the charts know no window.

Every ``import`` counts, at module level or inside a function (a function-level import
is only a loop put off until the first call). Imports under ``if TYPE_CHECKING:`` do
not count: they are never run, they only name types for the checker.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "dk_desktop"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def _module_name(path: Path, root: Path, package: str) -> str:
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, at any depth, except those under
    ``if TYPE_CHECKING:`` (their ``else:`` branch still counts)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """Absolute dotted names a statement imports: ``from .a import b`` gives ``pkg.a.b``,
    which is module b if there is one, else a name inside module ``pkg.a``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [prefix if alias.name == "*" else f"{prefix}.{alias.name}" for alias in node.names]


def import_graph(root: Path, package: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(imports inside the package, other top-level packages imported) per module."""
    files = {_module_name(path, root, package): path for path in sorted(root.rglob("*.py"))}
    inside: dict[str, set[str]] = {name: set() for name in files}
    outside: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            for target in _imported_names(node, name, path.name == "__init__.py"):
                if target == package or target.startswith(package + "."):
                    # the most precise module the name is: pkg.a.b if a module, else pkg.a
                    # (the packages above it, run first by Python, are not counted: every
                    # submodule of a package would otherwise loop with its __init__)
                    while target not in files and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target != name and target in files:
                        inside[name].add(target)
                elif target:
                    outside[name].add(target.split(".")[0])
    return inside, outside


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One loop (first module repeated at the end) for each group of modules that
    import each other (Tarjan's strongly connected components, then a shortest loop)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # recursion: the package has a few hundred modules
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)

    cycles = []
    for group in sorted(groups):
        members = set(group)
        start = group[0]
        # breadth-first from start, inside the group, back to start
        paths = {start: [start]}
        queue = [start]
        loop: list[str] | None = None
        while queue and loop is None:
            current = queue.pop(0)
            for successor in sorted(graph[current] & members):
                if successor == start:
                    loop = paths[current] + [start]
                    break
                if successor not in paths:
                    paths[successor] = paths[current] + [successor]
                    queue.append(successor)
        assert loop is not None
        cycles.append(loop)
    return cycles


INSIDE, OUTSIDE = import_graph(ROOT, PACKAGE)


def test_the_graph_is_read_from_the_package() -> None:
    # Not an empty graph that trivially has no loops: known imports are found.
    assert "dk_desktop.core.model" in INSIDE
    assert "dk_desktop.core.numbers" in INSIDE["dk_desktop.core.words"]
    assert "PySide6" in OUTSIDE["dk_desktop.ui.app"]


def test_no_module_imports_one_that_imports_it_back() -> None:
    cycles = find_cycles(INSIDE)
    if cycles:
        pytest.fail(
            "modules that import each other (one loop per group):\n"
            + "\n".join("  " + " → ".join(cycle) for cycle in cycles)
        )


# layer → (other layers of the package it must not import, libraries it must not import)
LAYERS = {
    "core": ({"store", "exchange", "charts", "reports", "ui"}, {"PySide6", "matplotlib"}),
    "store": ({"ui", "charts", "reports"}, {"PySide6", "matplotlib"}),
    "exchange": ({"ui"}, {"PySide6"}),
    "charts": ({"ui"}, {"PySide6"}),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_layers_point_one_way(layer: str) -> None:
    forbidden_layers, forbidden_libraries = LAYERS[layer]
    wrong = []
    for module in sorted(INSIDE):
        if not module.startswith(f"{PACKAGE}.{layer}.") and module != f"{PACKAGE}.{layer}":
            continue
        for target in sorted(INSIDE[module]):
            if target.split(".")[1:2] and target.split(".")[1] in forbidden_layers:
                wrong.append(f"{module} imports {target}")
        for library in sorted(OUTSIDE[module] & forbidden_libraries):
            wrong.append(f"{module} imports {library}")
    assert not wrong, f"{layer} reaches up:\n  " + "\n  ".join(wrong)


# --- the checker itself, on a small package written for it -------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checker_finds_loops_through_functions_and_relative_imports(tmp_path: Path) -> None:
    _write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def later():\n    from .sub.c import thing\n",
            "sub/__init__.py": "",
            "sub/c.py": "from ..a import name\nimport json\n",
            "d.py": "from pkg.a import x\n",  # imports a, nobody imports d: no loop
        },
    )
    inside, outside = import_graph(tmp_path / "pkg", "pkg")
    assert inside["pkg.a"] == {"pkg.b"}
    assert inside["pkg.b"] == {"pkg.sub.c"}
    assert inside["pkg.sub.c"] == {"pkg.a"}
    assert outside["pkg.sub.c"] == {"json"}
    assert find_cycles(inside) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]]


def test_the_checker_leaves_out_type_checking_imports(tmp_path: Path) -> None:
    _write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": (
                "import typing\nfrom typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .a import A\n"
                "if typing.TYPE_CHECKING:\n    from . import a\nelse:\n    import os\n"
            ),
        },
    )
    inside, outside = import_graph(tmp_path / "pkg", "pkg")
    assert inside["pkg.b"] == set()
    assert outside["pkg.b"] == {"typing", "os"}
    assert find_cycles(inside) == []
