# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CoachingSessionReview(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Link
		description: DF.SmallText
		due_date: DF.Date
		measure: DF.SmallText
		outcome: DF.Literal["Open", "Done", "Dropped"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		review_notes: DF.SmallText
	# end: auto-generated types

	pass
