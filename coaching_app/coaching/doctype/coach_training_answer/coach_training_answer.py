# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CoachTrainingAnswer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer: DF.SmallText
		answered_on: DF.Datetime
		attempts: DF.Int
		module: DF.Data
		module_title: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		passed: DF.Check
	# end: auto-generated types

	pass
