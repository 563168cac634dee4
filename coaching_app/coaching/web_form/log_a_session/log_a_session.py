import frappe

from coaching_app.web_forms import agreements_to_log, current_value, offer


def get_context(context):
	"""Records are guarded by the DocType's permissions and the app's permission hooks; the Agreement field
	offers the coach's running agreements by coachee name."""
	offer(
		context, "agreement", agreements_to_log(frappe.session.user, keep=current_value(context, "agreement"))
	)
	return context
