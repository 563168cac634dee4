"""The app's own import graph, every import statement counted (those inside functions too): no cycle, and
the scheduler module is imported by nobody (hooks name it by its dotted path)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "coaching_app"


def module_name(path: Path) -> str:
	parts = list(path.relative_to(APP.parent).with_suffix("").parts)
	if parts[-1] == "__init__":
		parts.pop()
	return ".".join(parts)


def imported_modules(tree: ast.AST, known: set[str]) -> set[str]:
	"""The app's modules an import statement names (`from a import b` counts a.b when b is a module)."""
	found = set()
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			names = [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
			names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
		else:
			continue
		for name in names:
			if name in known:
				found.add(name)
	return found


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
	known = set(sources)
	return {name: imported_modules(ast.parse(source), known) - {name} for name, source in sources.items()}


def app_graph() -> dict[str, set[str]]:
	sources = {
		module_name(path): path.read_text()
		for path in APP.rglob("*.py")
		if "/tests/" not in str(path) and not path.name.startswith("test_")
	}
	return import_graph(sources)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
	"""Every cycle found by a depth-first walk, each as the path that closes it."""
	found, state = [], {}

	def visit(node, path):
		state[node] = "open"
		for target in sorted(graph.get(node, ())):
			if state.get(target) == "open":
				found.append([*path[path.index(target) :], target])
			elif target not in state:
				visit(target, [*path, target])
		state[node] = "done"

	for node in sorted(graph):
		if node not in state:
			visit(node, [node])
	return found


def test_no_import_cycle():
	assert cycles(app_graph()) == []


def test_nothing_imports_the_scheduler_module():
	assert [name for name, targets in app_graph().items() if "coaching_app.tasks" in targets] == []


def test_the_cycle_finder_finds_a_cycle():
	graph = import_graph(
		{
			"coaching_app.a": "from coaching_app import b\n",
			"coaching_app.b": "def f():\n\tfrom coaching_app.a import g\n",
			"coaching_app.c": "import coaching_app.a\n",
		}
	)
	assert graph == {
		"coaching_app.a": {"coaching_app.b"},
		"coaching_app.b": {"coaching_app.a"},
		"coaching_app.c": {"coaching_app.a"},
	}
	assert cycles(graph) == [["coaching_app.a", "coaching_app.b", "coaching_app.a"]]
