"""The package's shape: no import cycle between evalqa modules, no private name crossing a module boundary.

Every `from .x import y`, `from . import x` and `import evalqa.x` counts, also inside functions (a lazy
import still ties the two modules together).
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "evalqa"


def _module_name(path: Path) -> str:
    parts = ["evalqa", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every evalqa import of a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name in modules]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target not in modules:
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                # `from . import wording` imports a module; `from .figure import Figure` a name of one.
                out.append((sub, None, node.lineno) if sub in modules else (target, a.name, node.lineno))
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: {t for t, _, _ in _imports(m, p, modules) if t != m} for m, p in modules.items()}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_graph_sees_lazy_and_relative_imports():
    graph = _graph()
    assert "evalqa.parser" in graph["evalqa"]  # `from .parser import load_sheet`
    assert "evalqa.errors" in graph["evalqa.readers.text"]  # `from ..errors import SheetError`
    assert "evalqa.cells" in graph["evalqa.chunking"]  # imported inside a function
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = _find_cycle(_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_private_name_crosses_a_module():
    modules = _modules()
    bad = []
    for m, p in modules.items():
        imported_modules = set()
        for target, name, line in _imports(m, p, modules):
            if name is None:
                imported_modules.add(target.rpartition(".")[2])
            elif name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
                bad.append(f"{p.relative_to(PACKAGE)}:{line}: from {target} import {name}")
        # `from . import wording` then `wording._helper(...)` crosses the boundary too.
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in imported_modules and node.attr.startswith("_") \
                    and not node.attr.endswith("__"):
                bad.append(f"{p.relative_to(PACKAGE)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not bad, "private names imported across modules:\n" + "\n".join(bad)
