"""Checks of the app's own metadata that catch real mistakes before a bench ever sees them."""

import ast
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "coaching_app"
DOCTYPES = sorted((APP / "coaching" / "doctype").glob("*/*.json"))
METAS = {json.loads(p.read_text())["name"]: json.loads(p.read_text()) for p in DOCTYPES}
CORE_LINK_TARGETS = {"User", "Language", "DocType", "Role"}
NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading"}


def hooks():
	"""hooks.py as Frappe reads it; it imports only the pure lifecycle table, so no Frappe is needed."""
	import coaching_app.hooks as module

	return vars(module)


def snake(name):
	return name.lower().replace(" ", "_")


@pytest.mark.parametrize("name", sorted(METAS))
def test_doctype_is_consistent(name):
	meta = METAS[name]
	fieldnames = [f["fieldname"] for f in meta["fields"]]
	assert meta["module"] == "Coaching"
	assert meta["field_order"] == fieldnames, "field_order must list every field once, in order"
	assert len(set(fieldnames)) == len(fieldnames)
	for f in meta["fields"]:
		if f["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert f["options"] in METAS or f["options"] in CORE_LINK_TARGETS, f
		if f["fieldtype"] in ("Table", "Table MultiSelect"):
			assert METAS[f["options"]].get("istable"), f
		if f["fieldtype"] == "Dynamic Link":
			assert f["options"] in fieldnames
		if f.get("fetch_from"):
			link_field, _ = f["fetch_from"].split(".")
			assert link_field in fieldnames, f
		assert not (f["fieldtype"] in NO_VALUE and f.get("reqd")), f
	for key in ("title_field", "sort_field"):
		if meta.get(key) and meta[key] not in ("creation", "modified"):
			assert meta[key] in fieldnames, key
	for field in (meta.get("search_fields") or "").split(","):
		if field:
			assert field.strip() in fieldnames
	if meta.get("autoname", "").startswith("field:"):
		key = meta["autoname"].split(":")[1]
		assert next(f for f in meta["fields"] if f["fieldname"] == key).get("unique")
	if meta.get("autoname") == "naming_series:":
		assert "naming_series" in fieldnames


@pytest.mark.parametrize("name", sorted(METAS))
def test_controller_matches_doctype(name):
	folder = APP / "coaching" / "doctype" / snake(name)
	source = (folder / f"{snake(name)}.py").read_text()
	assert re.search(rf"^class {name.replace(' ', '')}\((\w+, )?Document\):", source, re.M)
	block = re.search(r"# begin: auto-generated types(.*?)# end: auto-generated types", source, re.S)
	assert block, "keep the generated type block"
	annotated = set(re.findall(r"^\t\t(\w+): DF\.", block.group(1), re.M))
	fields = {f["fieldname"] for f in METAS[name]["fields"] if f["fieldtype"] not in NO_VALUE}
	if METAS[name].get("istable"):
		fields |= {"parent", "parentfield", "parenttype"}
	assert annotated == fields, "regenerate the type annotations"


@pytest.mark.parametrize("name", sorted(n for n, m in METAS.items() if not m.get("istable")))
def test_every_doctype_has_an_integration_test(name):
	test_file = APP / "coaching" / "doctype" / snake(name) / f"test_{snake(name)}.py"
	assert test_file.exists()
	assert "assert" in test_file.read_text()


def test_no_docperm_for_everyone_or_guest():
	for name, meta in METAS.items():
		for perm in meta.get("permissions", []):
			assert perm["role"] not in ("All", "Guest"), name


def test_private_notes_are_for_coaches_only_and_untracked():
	note = METAS["Coaching Note"]
	assert {p["role"] for p in note["permissions"]} == {"Coach"}
	assert all(p.get("if_owner") for p in note["permissions"])
	assert not note.get("track_changes")
	assert not any(
		p.get(flag) for p in note["permissions"] for flag in ("export", "print", "email", "report", "share")
	)


def test_records_with_a_persons_story_cannot_be_shared():
	from coaching_app.rules.access import UNSHAREABLE_DOCTYPES

	assert UNSHAREABLE_DOCTYPES <= set(METAS)
	for name in UNSHAREABLE_DOCTYPES:
		granted = [p["role"] for p in METAS[name].get("permissions", []) if p.get("share")]
		assert not granted, f"{name} grants share to {granted}"
	# Every app DocType with a permission hook holds personal records, so none of them may be shared either;
	# the resource library and programs are reference data whose hooks scope them, not personal records.
	assert set(hooks()["has_permission"]) & set(METAS) - {"Coaching Resource", "Coaching Program"} <= (
		UNSHAREABLE_DOCTYPES
	)
	assert (
		hooks()["doc_events"]["DocShare"]["validate"]
		== "coaching_app.access.permissions.refuse_sharing_private_records"
	)


def test_doc_event_hooks_point_at_real_functions():
	from coaching_app.rules.access import COACHEE_CHOICE_FIELDS, OWNED_FIELDS

	events = hooks()["doc_events"]
	expected = (
		{"DocShare", "File", "Dashboard Chart", "Number Card"}
		| set(OWNED_FIELDS)
		| set(COACHEE_CHOICE_FIELDS)
	)
	assert expected <= set(events)
	for handlers in events.values():
		for path in handlers.values():
			module, _, func = path.rpartition(".")
			assert module.startswith("coaching_app."), path
			source = (APP.parent / f"{module.replace('.', '/')}.py").read_text()
			defined = {node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
			assert func in defined, path


def test_patches_listed_exist_and_every_patch_is_listed():
	listed = [
		line.strip()
		for line in (APP / "patches.txt").read_text().splitlines()
		if line.strip() and not line.startswith(("#", "["))
	]
	files = {
		"coaching_app." + ".".join(p.relative_to(APP).with_suffix("").parts)
		for p in (APP / "patches").rglob("*.py")
		if p.name != "__init__.py"
	}
	assert len(listed) == len(set(listed))
	assert set(listed) == files
	for path in listed:
		tree = ast.parse((APP.parent / (path.replace(".", "/") + ".py")).read_text())
		assert "execute" in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, path


def test_private_notes_feed_no_notification_report_form_card_or_workspace():
	"""Whatever staff or coachees open in the desk or the portal is built without reading private notes."""
	outlets = ("notification", "report", "web_form", "number_card", "dashboard_chart", "workspace")
	files = [
		path
		for outlet in outlets
		for path in (APP / "coaching" / outlet).rglob("*")
		if path.suffix in (".json", ".py", ".html", ".js", ".md")
	]
	assert len(files) > 20, "the outlets were found"
	for path in [*files, APP / "coaching" / "dashboard.py", *sorted((APP / "www").rglob("*"))]:
		if path.is_file():
			text = path.read_text()
			assert "Coaching Note" not in text and "coaching_note" not in text, path


def test_settings_defaults_match_the_form():
	source = (APP / "coaching" / "doctype" / "coaching_settings" / "coaching_settings.py").read_text()
	tree = ast.parse(source)
	defaults = next(
		ast.literal_eval(n.value)
		for n in tree.body
		if isinstance(n, ast.Assign) and n.targets[0].id == "DEFAULTS"
	)
	form = {
		f["fieldname"]: f["default"]
		for f in METAS["Coaching Settings"]["fields"]
		if f.get("default") is not None
	}
	assert set(defaults) == set(form)
	for fieldname, value in defaults.items():
		assert str(value) == form[fieldname], fieldname


def test_required_apps_is_a_one_line_literal():
	line = next(x for x in (APP / "hooks.py").read_text().splitlines() if x.startswith("required_apps"))
	assert re.fullmatch(r"required_apps = \[.*\]", line)


def test_permission_hooks_point_at_real_functions():
	source = (APP / "access" / "permissions.py").read_text()
	defined = {node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
	from coaching_app.rules.access import GUARDED_DOCTYPES

	h = hooks()
	for mapping in (h["permission_query_conditions"], h["has_permission"]):
		for doctype, path in mapping.items():
			assert doctype in METAS or doctype in GUARDED_DOCTYPES, doctype
			module, _, func = path.rpartition(".")
			assert module == "coaching_app.access.permissions" and func in defined, path


def test_overridden_frappe_methods_point_at_real_whitelisted_functions():
	tree = ast.parse((APP / "access" / "guard.py").read_text())
	whitelisted = {
		node.name
		for node in tree.body
		if isinstance(node, ast.FunctionDef)
		and any("whitelist" in ast.unparse(d) for d in node.decorator_list)
	}
	overrides = hooks()["override_whitelisted_methods"]
	assert set(overrides) == {
		"frappe.client.get_count",
		"frappe.desk.listview.get_group_by_count",
		"frappe.desk.search.search_link",
		"frappe.desk.search.search_widget",
		"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
	}
	for path in overrides.values():
		assert path.startswith("coaching_app.access.guard."), path
		assert path.rsplit(".", 1)[1] in whitelisted, path


def test_scheduled_jobs_exist():
	tasks = {n.name for n in ast.parse((APP / "tasks.py").read_text()).body if isinstance(n, ast.FunctionDef)}
	for paths in hooks()["scheduler_events"].values():
		for path in paths:
			assert path.startswith("coaching_app.tasks.") and path.rsplit(".", 1)[1] in tasks


def test_fixture_filters_cover_exactly_the_shipped_fixtures():
	for entry in hooks()["fixtures"]:
		shipped = json.loads((APP / "fixtures" / f"{snake(entry['dt'])}.json").read_text())
		(flt,) = entry["filters"]
		assert sorted(flt[2]) == sorted(row["name"] for row in shipped), entry["dt"]


def test_child_tables_of_coaching_records_are_guarded_with_their_real_parent():
	"""A child table left out of CHILD_TABLE_PARENTS would be listed by any user with role read on its parent."""
	from coaching_app.rules.access import CHILD_TABLE_PARENTS, RECORD_DOCTYPES

	parents_of = {}
	for name, meta in METAS.items():
		for f in meta["fields"]:
			if f["fieldtype"] in ("Table", "Table MultiSelect"):
				parents_of.setdefault(f["options"], set()).add(name)
	for child, parents in parents_of.items():
		if parents & RECORD_DOCTYPES:
			assert CHILD_TABLE_PARENTS.get(child) in parents, child
			assert len(parents) == 1, f"{child} has several parents: {parents}"
	for child, parent in CHILD_TABLE_PARENTS.items():
		assert METAS[child].get("istable") and parent in parents_of.get(child, set()), child


def test_owned_fields_exist():
	from coaching_app.rules.access import OWNED_FIELDS, OWNED_TABLES

	for doctype, fields in {**OWNED_FIELDS, **OWNED_TABLES}.items():
		names = {f["fieldname"] for f in METAS[doctype]["fields"]}
		assert set(fields) <= names, (doctype, set(fields) - names)


def defined_functions(module_path: str) -> set[str]:
	path = APP.parent / (module_path.replace(".", "/") + ".py")
	return {n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize(
	"hook", ["before_request", "update_website_context", "on_session_creation", "boot_session"]
)
def test_request_and_session_hooks_point_at_real_functions(hook):
	paths = hooks()[hook]
	for path in [paths] if isinstance(paths, str) else paths:
		module, _, func = path.rpartition(".")
		assert func in defined_functions(module), path


def test_portal_menu_routes_are_pages_of_the_app():
	pages = {p.stem for p in (APP / "www").glob("*.py")} | {
		json.loads(p.read_text())["route"] for p in (APP / "coaching" / "web_form").glob("*/*.json")
	}
	for item in hooks()["portal_menu_items"]:
		assert item["route"].lstrip("/") in {p.replace("_", "-") for p in pages}, item
		assert item["role"] in {"Coach", "Coachee", "Coaching Manager"}, item


# Frappe stores Data fields, names and a Notification's subject in varchar(140): PostgreSQL refuses a longer
# value when the record is installed, MariaDB in strict mode too.
STANDARD_RECORDS = sorted(
	p
	for folder in ("notification", "report", "workspace", "web_form", "print_format", "workflow")
	for p in (APP / "coaching" / folder).glob("*/*.json")
)


@pytest.mark.parametrize("path", STANDARD_RECORDS, ids=lambda p: p.stem)
def test_standard_records_fit_frappes_short_columns(path):
	record = json.loads(path.read_text())
	for key in ("name", "subject", "title", "report_name", "label", "route"):
		value = record.get(key)
		if isinstance(value, str):
			assert len(value) <= 140, f"{path.name}: {key} is {len(value)} characters, Frappe keeps 140"
