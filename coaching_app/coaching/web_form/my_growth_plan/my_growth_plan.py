import frappe
from frappe import _
from frappe.utils import escape_html

from coaching_app.coaching.doctype.growth_plan.growth_plan import framework_of
from coaching_app.rules.scoring import RATING_MAX, RATING_MIN
from coaching_app.web_forms import describe, name_new_form, set_columns, use_phone_layout


def get_context(context):
	"""Records are guarded by the DocType's permissions and the app's permission hooks. The coachee rates
	herself against her program's characteristics, read beside what each means; the characteristics and the
	coach's ratings are not hers to type into; the ratings fit a phone."""
	set_columns(
		context,
		"ratings",
		{
			"characteristic": {"read_only": 1},
			"coach_rating": {"read_only": 1},
			"self_rating": {"description": _("{0} to {1}").format(RATING_MIN, RATING_MAX)},
		},
	)
	describe(context, "ratings", characteristics_explained(frappe.session.user))
	use_phone_layout(context)
	name_new_form(context, _("My Growth Plan"))
	return context


def characteristics_explained(user: str) -> str:
	"""What each of the coachee's core characteristics means, and the scale, as the ratings' help text."""
	program = frappe.db.get_value("Coachee", {"user": user}, "program")
	framework = framework_of(program)
	rows = (
		frappe.get_all(
			"Core Characteristic",
			filters={"parent": framework, "parenttype": "Growth Framework"},
			fields=["characteristic", "description"],
			order_by="sort_order asc, idx asc",
		)
		if framework
		else []
	)
	scale = escape_html(
		_("Rate yourself from {0} (rarely true of you today) to {1} (consistently true).").format(
			RATING_MIN, RATING_MAX
		)
	)
	lines = [
		f"<b>{escape_html(row.characteristic)}</b>: {escape_html(row.description)}"
		if row.description
		else f"<b>{escape_html(row.characteristic)}</b>"
		for row in rows
	]
	return "<br>".join([scale, *lines])
