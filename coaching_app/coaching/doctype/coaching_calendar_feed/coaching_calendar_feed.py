# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class CoachingCalendarFeed(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		last_used_on: DF.Datetime
		token: DF.Data
		user: DF.Link
	# end: auto-generated types

	def before_insert(self):
		self.token = new_token()

	def regenerate_token(self):
		self.db_set("token", new_token())


def new_token() -> str:
	return frappe.generate_hash(length=40)
