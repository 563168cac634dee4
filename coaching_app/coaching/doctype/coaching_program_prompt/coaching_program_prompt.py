# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CoachingProgramPrompt(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applies_to: DF.Literal["Every Session", "First Session", "Later Sessions"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		prompt: DF.SmallText
	# end: auto-generated types

	pass
