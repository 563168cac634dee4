"""The project's own static checks for the bug classes Frappe's public semgrep rules look for.

Each check walks the app's Python source with `ast`; a finding names the file and line. A deliberate
exception carries a `# noqa` comment with its reason on the same line, and is listed here by hand.
"""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "coaching_app"
SOURCES = sorted(p for p in APP.rglob("*.py") if "/tests/" not in str(p) and not p.name.startswith("test_"))
PERMISSION_CALLS = {
	"has_permission",
	"check_permission",
	"only_for",
	"_require_login",
	"require_staff",
	"act_on_stored_record",
	"_check_read",
	"_check_select",
	"set_shared_with_staff",
}
# Modules allowed to commit: a background job committing in chunks, install and test-site setup, the
# demo command run from a shell.
COMMIT_ALLOWED = {"tasks.py", "install.py", "demo.py", "benchmarks.py"}
# A finding kept on purpose carries this marker and its reason on the line of the call.
JUSTIFIED = "# static-check:"


def parsed():
	for path in SOURCES:
		source = path.read_text()
		yield path.relative_to(APP.parent), source, ast.parse(source)


def dotted(node) -> str:
	if isinstance(node, ast.Attribute):
		return f"{dotted(node.value)}.{node.attr}"
	if isinstance(node, ast.Name):
		return node.id
	if isinstance(node, ast.Call):
		return dotted(node.func)
	return ""


def whitelisted(tree):
	for node in ast.walk(tree):
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
			for deco in node.decorator_list:
				if dotted(deco) == "frappe.whitelist":
					yield node, deco


def test_no_sql_built_from_strings():
	findings = []
	for path, source, tree in parsed():
		for node in ast.walk(tree):
			if isinstance(node, ast.Call) and dotted(node.func) in ("frappe.db.sql", "frappe.db.multisql"):
				query = node.args[0] if node.args else None
				built = isinstance(query, ast.JoinedStr | ast.BinOp) or (
					isinstance(query, ast.Call) and dotted(query.func).endswith(".format")
				)
				if built and JUSTIFIED not in source.splitlines()[node.lineno - 1]:
					findings.append(f"{path}:{node.lineno}")
	assert findings == []


def test_whitelisted_functions_are_typed_check_permission_and_declare_methods():
	findings = []
	for path, _, tree in parsed():
		for func, deco in whitelisted(tree):
			args = [a for a in func.args.args + func.args.kwonlyargs if a.arg != "self"]
			if any(a.annotation is None for a in args):
				findings.append(f"{path}:{func.lineno} {func.name}: untyped argument")
			called = {dotted(n.func).rsplit(".", 1)[-1] for n in ast.walk(func) if isinstance(n, ast.Call)}
			guest = any(k.arg == "allow_guest" for k in getattr(deco, "keywords", []))
			if not guest and not (called & PERMISSION_CALLS):
				findings.append(f"{path}:{func.lineno} {func.name}: no permission check")
			if not any(k.arg == "methods" for k in getattr(deco, "keywords", [])):
				findings.append(f"{path}:{func.lineno} {func.name}: declare methods=")
	assert findings == []


def test_guest_endpoints_are_audited():
	"""Every allow_guest endpoint sits under a comment explaining why, and is on this list."""
	audited = {("coaching_app/api.py", "session_feed")}
	found = set()
	for path, source, tree in parsed():
		lines = source.splitlines()
		for func, deco in whitelisted(tree):
			if any(k.arg == "allow_guest" and getattr(k.value, "value", False) for k in deco.keywords):
				found.add((str(path), func.name))
				above = "\n".join(lines[max(deco.lineno - 4, 0) : deco.lineno - 1])
				assert "# Guest access:" in above, f"{path}:{func.lineno} needs its reason"
	assert found == audited


def test_no_eval_or_exec():
	findings = [
		f"{path}:{node.lineno}"
		for path, _, tree in parsed()
		for node in ast.walk(tree)
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec")
	]
	assert findings == []


def test_commit_only_where_allowed():
	findings = []
	for path, source, tree in parsed():
		lines = source.splitlines()
		for node in ast.walk(tree):
			if isinstance(node, ast.Call) and dotted(node.func) == "frappe.db.commit":
				if path.name not in COMMIT_ALLOWED or JUSTIFIED not in lines[node.lineno - 1]:
					findings.append(f"{path}:{node.lineno}")
	assert findings == []


def test_no_module_level_database_or_cache_use():
	findings = []
	for path, _, tree in parsed():
		for statement in tree.body:
			if isinstance(
				statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom
			):
				continue
			for node in ast.walk(statement):
				name = dotted(node) if isinstance(node, ast.Attribute) else ""
				if name.startswith(("frappe.db", "frappe.cache", "frappe.get_doc", "frappe.get_all")):
					findings.append(f"{path}:{statement.lineno} {name}")
	assert findings == []


def test_checks_can_fail(tmp_path):
	"""The checks above find what they look for (guarding against a check that cannot fail)."""
	bad = ast.parse(
		"import frappe\n"
		"@frappe.whitelist()\n"
		"def leak(name):\n"
		"\treturn frappe.db.sql(f'select * from tabUser where name={name}')\n"
		"X = frappe.db.get_value('User', 'a')\n"
	)
	sql_calls = [n for n in ast.walk(bad) if isinstance(n, ast.Call) and dotted(n.func) == "frappe.db.sql"]
	assert isinstance(sql_calls[0].args[0], ast.JoinedStr)
	((func, deco),) = list(whitelisted(bad))
	assert func.args.args[0].annotation is None
	assert not any(k.arg == "methods" for k in deco.keywords)
	module_level = [s for s in bad.body if isinstance(s, ast.Assign)]
	assert any(
		dotted(n).startswith("frappe.db") for n in ast.walk(module_level[0]) if isinstance(n, ast.Attribute)
	)
