"""Coach pool directory: active pool coaches by skill, showing only what each chose to publish."""

import frappe
from frappe import _

from coaching_app.matching import pool_coaches
from coaching_app.utils import require_login

no_cache = 1


def get_context(context):
	context.no_cache = 1
	require_login("/coach-pool")
	skill = frappe.form_dict.get("skill") or None
	coaches = pool_coaches(("bio", "story", "passions", "what_i_bring", "show_bio_in_pool"))
	directory = []
	for coach in coaches:
		if skill and skill not in coach.skills:
			continue
		shown = coach.show_bio_in_pool
		directory.append(
			frappe._dict(
				name=coach.name,
				full_name=coach.full_name,
				skills=coach.skills,
				bio=coach.bio if shown else None,
				story=coach.story if shown else None,
				passions=coach.passions if shown else None,
				what_i_bring=coach.what_i_bring if shown else None,
				has_room=coach.has_room,
			)
		)
	context.coaches = directory
	context.skills = sorted({s for coach in coaches for s in coach.skills})
	context.current_skill = skill
	context.title = _("Coach Pool")
	context.show_sidebar = True
