"""The project's own static checks for the bug classes Frappe's public semgrep rules look for.

Each check walks Python source with `ast` and returns its findings, each naming the file and line. A finding
kept on purpose carries the marker `# static-check:` and its reason on the line of the call. Every check
runs on the app's source, which must give no finding, and on a small bad sample, which must.
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
	"require_member",
}
# Modules allowed to commit: a notice job committing in chunks, install and test-site setup, the demo
# command run from a shell.
COMMIT_ALLOWED = {"notices.py", "digest.py", "install.py", "demo.py"}
JUSTIFIED = "# static-check:"
AUDITED_GUEST_ENDPOINTS = {("coaching_app/api.py", "session_feed")}


def app_sources():
	return [(str(path.relative_to(APP.parent)), path.read_text()) for path in SOURCES]


def parse(sources):
	for path, source in sources:
		yield path, source.splitlines(), ast.parse(source)


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


def calls(tree, *names):
	return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and dotted(n.func) in names]


def sql_built_from_strings(sources) -> list[str]:
	findings = []
	for path, lines, tree in parse(sources):
		for node in calls(tree, "frappe.db.sql", "frappe.db.multisql"):
			query = node.args[0] if node.args else None
			built = isinstance(query, ast.JoinedStr | ast.BinOp) or (
				isinstance(query, ast.Call) and dotted(query.func).endswith(".format")
			)
			if built and JUSTIFIED not in lines[node.lineno - 1]:
				findings.append(f"{path}:{node.lineno}")
	return findings


def unsafe_whitelisted_functions(sources) -> list[str]:
	findings = []
	for path, _, tree in parse(sources):
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
	return findings


def unaudited_guest_endpoints(sources) -> list[str]:
	"""allow_guest endpoints not on AUDITED_GUEST_ENDPOINTS or without a `# Guest access:` reason above."""
	findings = []
	for path, lines, tree in parse(sources):
		for func, deco in whitelisted(tree):
			if any(k.arg == "allow_guest" and getattr(k.value, "value", False) for k in deco.keywords):
				above = "\n".join(lines[max(deco.lineno - 4, 0) : deco.lineno - 1])
				if (path, func.name) not in AUDITED_GUEST_ENDPOINTS or "# Guest access:" not in above:
					findings.append(f"{path}:{func.lineno} {func.name}")
	return findings


def eval_or_exec(sources) -> list[str]:
	return [
		f"{path}:{node.lineno}"
		for path, _, tree in parse(sources)
		for node in ast.walk(tree)
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec")
	]


def commits_outside_allowed(sources) -> list[str]:
	return [
		f"{path}:{node.lineno}"
		for path, lines, tree in parse(sources)
		for node in calls(tree, "frappe.db.commit")
		if Path(path).name not in COMMIT_ALLOWED or JUSTIFIED not in lines[node.lineno - 1]
	]


def module_level_database_or_cache_use(sources) -> list[str]:
	findings = []
	for path, _, tree in parse(sources):
		for statement in tree.body:
			if isinstance(
				statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom
			):
				continue
			used = [
				dotted(node)
				for node in ast.walk(statement)
				if isinstance(node, ast.Attribute)
				and dotted(node).startswith(("frappe.db", "frappe.cache", "frappe.get_doc", "frappe.get_all"))
			]
			if used:
				findings.append(f"{path}:{statement.lineno} {used[0]}")
	return findings


CHECKS = (
	sql_built_from_strings,
	unsafe_whitelisted_functions,
	unaudited_guest_endpoints,
	eval_or_exec,
	commits_outside_allowed,
	module_level_database_or_cache_use,
)

# Each check's bad sample, and what the check must report on it.
BAD_SAMPLES = {
	sql_built_from_strings: (
		"import frappe\ndef leak(name):\n\treturn frappe.db.sql(f'select * from tabUser where name={name}')\n",
		["coaching_app/bad.py:3"],
	),
	unsafe_whitelisted_functions: (
		"import frappe\n@frappe.whitelist()\ndef leak(name):\n\treturn frappe.get_all('Coaching Note')\n",
		[
			"coaching_app/bad.py:3 leak: untyped argument",
			"coaching_app/bad.py:3 leak: no permission check",
			"coaching_app/bad.py:3 leak: declare methods=",
		],
	),
	unaudited_guest_endpoints: (
		"import frappe\n@frappe.whitelist(allow_guest=True, methods=['GET'])\ndef feed(token: str):\n\treturn token\n",
		["coaching_app/bad.py:3 feed"],
	),
	eval_or_exec: ("def run(code):\n\treturn eval(code)\n", ["coaching_app/bad.py:2"]),
	commits_outside_allowed: (
		"import frappe\ndef save():\n\tfrappe.db.commit()  # static-check: said to be fine\n",
		["coaching_app/bad.py:3"],
	),
	module_level_database_or_cache_use: (
		"import frappe\nX = frappe.db.get_value('User', 'a')\n",
		["coaching_app/bad.py:2 frappe.db.get_value"],
	),
}


def test_the_app_source_has_no_finding():
	sources = app_sources()
	assert {check.__name__: check(sources) for check in CHECKS} == {check.__name__: [] for check in CHECKS}


def test_each_check_reports_its_bad_sample():
	assert set(BAD_SAMPLES) == set(CHECKS)
	for check, (source, expected) in BAD_SAMPLES.items():
		assert check([("coaching_app/bad.py", source)]) == expected, check.__name__


def test_a_justified_finding_is_kept_only_where_allowed():
	commit = "import frappe\ndef job():\n\tfrappe.db.commit()  # static-check: chunked job\n"
	assert commits_outside_allowed([("coaching_app/notices.py", commit)]) == []
	assert commits_outside_allowed([("coaching_app/api.py", commit)]) == ["coaching_app/api.py:3"]
