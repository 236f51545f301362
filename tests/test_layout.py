"""The project's layout (design.md "A package per capability"): no two modules import each other, directly or
through others, and no file of supervision/ or consultations/ carries a capability in its name. The imports are
read from the source, those inside functions included, so a circle cannot hide behind a late import."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "disclosure", "requests_app", "review", "supervision", "consultations")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that `name` imports: `from a.b import c` names a.b.c when that is a module, else a.b."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = sources()
    known = set(modules)
    graph = {name: imports_of(name, path, known) for name, path in modules.items()}
    # A package's __init__ is imported with every module inside it; that is not an import of one by the other.
    for name in graph:
        graph[name] = {target for target in graph[name] if not name.startswith(f"{target}.")}
    return graph


def test_no_two_modules_import_each_other() -> None:
    assert circles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle_through_three_modules() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_relative_imports_resolve_to_the_module_they_name() -> None:
    graph = import_graph()
    assert "portal.models" in graph["portal.services"]
    assert "requests_app.states" in graph["requests_app.models"]


CAPABILITIES = {
    "annual",
    "complaint",
    "inspection",
    "evaluation",
    "assessment",
    "dashboard",
    "hearing",
    "comment",
    "meeting",
}


def test_each_capability_is_a_package_not_a_prefix() -> None:
    """A file name says what it is, its folder what it belongs to: supervision/complaints/views.py, never
    supervision/complaint_views.py nor supervision/complaints.py beside it."""
    misplaced = [
        str(path.relative_to(ROOT))
        for app in ("supervision", "consultations")
        for path in (ROOT / app).rglob("*.py")
        if not {"migrations", "commands"} & set(path.parts)
        and (
            path.stem.split("_")[0].removesuffix("s") in CAPABILITIES
            or (path.parent.name == app and path.stem.removesuffix("s") in CAPABILITIES)
        )
    ]
    assert misplaced == []


def test_no_template_comment_spans_lines() -> None:
    """Django's {# #} ends on its own line; one that goes on is printed on the page as text (it was, above 筛选 on
    every catalogue list): longer comments use {% comment %}."""
    open_ended = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert open_ended == []
