from frappe import _

from coaching_app.web_forms import current_value, name_new_form, offer, pool_coaches_with_room, skills


def get_context(context):
	"""Records are guarded by the DocType's permissions and the app's permission hooks; the form offers every
	skill and the pool coaches who have room, by name."""
	offer(context, "skill", skills())
	offer(context, "preferred_coach", pool_coaches_with_room(keep=current_value(context, "preferred_coach")))
	name_new_form(context, _("Request a Coach"))
	return context
