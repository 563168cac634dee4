"""Coach pool directory: active pool coaches by skill, showing only what each chose to publish."""

import frappe
from frappe import _

from coaching_app.rules.capacity import free_capacity
from coaching_app.utils import require_login

no_cache = 1


def get_context(context):
	context.no_cache = 1
	require_login("/coach-pool")
	skill = frappe.form_dict.get("skill") or None
	coaches = frappe.get_all(
		"Coach",
		filters={"in_coach_pool": 1, "status": "Active"},
		fields=[
			"name",
			"full_name",
			"bio",
			"story",
			"passions",
			"what_i_bring",
			"show_bio_in_pool",
			"capacity",
			"current_load",
		],
		order_by="full_name asc",
	)
	names = [c.name for c in coaches] or [""]
	skills: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Coach Skill", filters={"parenttype": "Coach", "parent": ("in", names)}, fields=["parent", "skill"]
	):
		skills.setdefault(row.parent, []).append(row.skill)
	directory = []
	for coach in coaches:
		coach_skills = sorted(skills.get(coach.name, []))
		if skill and skill not in coach_skills:
			continue
		directory.append(
			frappe._dict(
				name=coach.name,
				full_name=coach.full_name,
				skills=coach_skills,
				bio=coach.bio if coach.show_bio_in_pool else None,
				story=coach.story if coach.show_bio_in_pool else None,
				passions=coach.passions if coach.show_bio_in_pool else None,
				what_i_bring=coach.what_i_bring if coach.show_bio_in_pool else None,
				has_room=free_capacity(coach.capacity or 0, coach.current_load or 0) > 0,
			)
		)
	context.coaches = directory
	context.skills = sorted({s for values in skills.values() for s in values})
	context.current_skill = skill
	context.title = _("Coach Pool")
	context.show_sidebar = True
