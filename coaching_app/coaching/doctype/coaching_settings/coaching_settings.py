# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt

from coaching_app.rules.feedback import ANONYMITY_FLOOR, anonymity_threshold

# Used wherever a setting was never saved (a fresh site before its first save, or a field added later).
DEFAULTS = {
	"default_commitment_months": 12,
	"renewal_notice_days": 30,
	"default_cadence": "Every Other Week",
	"default_coach_capacity": 5,
	"pool_booking_weight": 0.25,
	"coach_inactivity_days": 90,
	"first_session_minutes": 120,
	"default_session_minutes": 60,
	"max_actions_per_session": 2,
	"cadence_grace_days": 7,
	"feedback_anonymity_threshold": 3,
	"feedback_window_days": 30,
	"private_note_retention_days": 0,
}


class CoachingSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadence_grace_days: DF.Int
		coach_inactivity_days: DF.Int
		default_cadence: DF.Literal["Weekly", "Every Other Week", "Monthly"]
		default_coach_capacity: DF.Int
		default_commitment_months: DF.Int
		default_session_minutes: DF.Int
		feedback_anonymity_threshold: DF.Int
		feedback_window_days: DF.Int
		first_session_minutes: DF.Int
		max_actions_per_session: DF.Int
		pool_booking_weight: DF.Float
		private_note_retention_days: DF.Int
		renewal_notice_days: DF.Int
	# end: auto-generated types

	def validate(self):
		self.validate_commitment()
		self.validate_session_limits()
		self.validate_anonymity_threshold()

	def validate_commitment(self):
		if cint(self.default_commitment_months) < 1:
			frappe.throw(_("Default Commitment must be at least one month."), title=_("Invalid Commitment"))

	def validate_session_limits(self):
		if cint(self.max_actions_per_session) < 1:
			frappe.throw(
				_("Allow at least one new action step per session."), title=_("Invalid Action Step Limit")
			)

	def validate_anonymity_threshold(self):
		if cint(self.feedback_anonymity_threshold) < ANONYMITY_FLOOR:
			frappe.throw(
				_(
					"The feedback anonymity threshold cannot be below {0}: fewer people's answers would show one person's answer."
				).format(ANONYMITY_FLOOR),
				title=_("Threshold Too Low"),
			)


def get_settings() -> frappe._dict:
	"""Settings with defaults filled in for any value never saved."""
	saved = frappe.get_cached_doc("Coaching Settings")
	values = frappe._dict()
	for fieldname, default in DEFAULTS.items():
		value = saved.get(fieldname)
		if value in (None, ""):
			value = default
		values[fieldname] = (
			flt(value) if isinstance(default, float) else (cint(value) if isinstance(default, int) else value)
		)
	# Whatever is stored, no reader gets a threshold below the floor.
	values.feedback_anonymity_threshold = anonymity_threshold(values.feedback_anonymity_threshold)
	return values
