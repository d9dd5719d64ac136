"""The package is layered: its modules import each other without cycles, at module level or inside functions
(imports under ``if TYPE_CHECKING:`` only name types and are left out)."""

import ast
from pathlib import Path
from typing import Dict, List, Set

import thidua

PACKAGE = Path(thidua.__file__).parent


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Set[str]:
    """The thidua modules a module's code imports, wherever the import statement stands."""
    found: Set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("thidua."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("thidua."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> Dict[str, Set[str]]:
    modules = {p.stem: p for p in PACKAGE.glob("*.py")}
    graph = {}
    for name, path in modules.items():
        if name == "__init__":  # the package's front door imports everything and nothing imports it back
            continue
        graph[name] = {m for m in _imports(ast.parse(path.read_text(encoding="utf-8"))) if m in modules}
        graph[name].discard("__init__")
    return graph


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    found: List[List[str]] = []
    state: Dict[str, int] = {}
    stack: List[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return found


def test_the_import_walk_sees_imports_inside_functions_and_skips_type_checking():
    tree = ast.parse("from . import a\nif TYPE_CHECKING:\n    from .b import B\n"
                     "def f():\n    from .c import C\n    import thidua.d\n")
    assert _imports(tree) == {"a", "c", "d"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) >= 10 and "report" in graph and "campaign" in graph
    assert cycles(graph) == []


def test_modules_other_than_the_front_door_never_import_it():
    submodules = {p.name.split(".")[0] for p in PACKAGE.iterdir() if p.suffix in (".py", ".so")}
    assert "_core" in submodules
    for name, path in ((p.stem, p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bad = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module is None
               for a in n.names if a.name not in submodules]
        assert not bad, f"{name} imports {bad} from the package's __init__"
