"""Install, uninstall and test-site hooks."""

import json
from pathlib import Path

import frappe

from coaching_app.coaching.doctype.coaching_settings.coaching_settings import DEFAULTS
from coaching_app.database import ensure_composite_indexes, ensure_postgres_indexes

FIXTURES = Path(__file__).parent / "fixtures"


def before_install():
	"""Refuse a Frappe release the app's access rules were not built against."""
	from frappe import _

	from coaching_app.rules.versions import MINIMUM, is_supported

	if not is_supported(frappe.__version__):
		frappe.throw(
			_("Coaching needs Frappe {0} or a later v15 release, or v16; this site runs {1}.").format(
				".".join(map(str, MINIMUM)), frappe.__version__
			),
			title=_("Frappe Version Not Supported"),
		)


def after_install():
	save_default_settings()
	ensure_postgres_indexes()
	ensure_composite_indexes()


def after_migrate():
	ensure_postgres_indexes()
	ensure_composite_indexes()


def save_default_settings(overwrite: bool = False):
	"""Store every default never saved, so reports and SQL that read Singles see real values."""
	stored = frappe.db.get_singles_dict("Coaching Settings")
	settings = frappe.get_single("Coaching Settings")
	for fieldname, default in DEFAULTS.items():
		if overwrite or stored.get(fieldname) in (None, ""):
			settings.set(fieldname, default)
	settings.flags.ignore_permissions = True
	settings.save()


def _fixture_names(filename: str) -> list[str]:
	return [row["name"] for row in json.loads((FIXTURES / filename).read_text())]


def before_uninstall():
	"""Remove the records this app shipped as fixtures, leaving anything another app still uses."""
	for workflow in _fixture_names("workflow.json"):
		frappe.delete_doc("Workflow", workflow, ignore_missing=True, force=True, ignore_permissions=True)

	states_in_use = set(frappe.get_all("Workflow Document State", pluck="state", distinct=True))
	for state in _fixture_names("workflow_state.json"):
		if state not in states_in_use:
			frappe.delete_doc(
				"Workflow State", state, ignore_missing=True, force=True, ignore_permissions=True
			)

	actions_in_use = set(frappe.get_all("Workflow Transition", pluck="action", distinct=True))
	for action in _fixture_names("workflow_action_master.json"):
		if action not in actions_in_use:
			frappe.delete_doc(
				"Workflow Action Master", action, ignore_missing=True, force=True, ignore_permissions=True
			)

	roles = _fixture_names("role.json")
	frappe.db.delete("Has Role", {"role": ("in", roles)})
	frappe.db.delete("Custom DocPerm", {"role": ("in", roles)})
	for role in roles:
		frappe.delete_doc("Role", role, ignore_missing=True, force=True, ignore_permissions=True)


def before_tests():
	"""Tests run against the shipped defaults, whatever a test site's settings were, and with an outbox
	so that notifications get as far as the email queue and the notification log."""
	frappe.clear_cache()
	save_default_settings(overwrite=True)
	ensure_test_outbox()
	mark_setup_complete()
	frappe.db.commit()  # static-check: the test runner's own setup step, not request code


def ensure_test_outbox():
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "Coaching Test Outbox",
			"email_id": "coaching-tests@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "localhost",
			"no_smtp_authentication": 1,
			"awaiting_password": 0,
		}
	).insert(ignore_permissions=True)


def mark_setup_complete():
	"""A test site skips the setup wizard, so the desk opens for browser tests."""
	frappe.db.set_single_value("System Settings", "setup_complete", 1)
	if frappe.db.has_column("Installed Application", "is_setup_complete"):
		frappe.db.set_value("Installed Application", {}, "is_setup_complete", 1)
