from frappe import _

from coaching_app.rules.css import css_string
from coaching_app.web_forms import use_phone_layout


def get_context(context):
	"""Records are guarded by the DocType's permissions and the app's permission hooks. Frappe shows an empty
	list's message only to people who may create records, and feedback requests are made by the program, so
	the list says what it is for while it holds nothing (the list page takes styles, not scripts)."""
	use_phone_layout(context)
	empty_message = _(
		"No feedback is asked of you right now. Once a year your program asks coaches and coachees about each other; the request then appears here and in your notifications."
	)
	context.style += (
		f"\n.web-list-table:empty::before {{ content: {css_string(empty_message)}; display: block;"
		" padding: 2rem 0; color: var(--text-muted, #6c7680); font-size: var(--text-sm, 13px); }"
	)
	return context
