import frappe
from frappe import _

from coaching_app.web_forms import agreements_to_log, current_value, name_new_form, offer, use_phone_layout

# The action a step became is filled in by the app once the session is saved; nothing to type on the form.
STYLE = '.web-form [data-fieldname="new_action_steps"] .grid-static-col[data-fieldname="action"] { display: none; }'


def get_context(context):
	"""Records are guarded by the DocType's permissions and the app's permission hooks; the Agreement field
	offers the coach's running agreements by coachee name, and the action steps fit a phone."""
	offer(
		context, "agreement", agreements_to_log(frappe.session.user, keep=current_value(context, "agreement"))
	)
	use_phone_layout(context, STYLE)
	name_new_form(context, _("Log a Session"))
	return context
