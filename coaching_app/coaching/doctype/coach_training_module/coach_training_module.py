# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CoachTrainingModule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer_options: DF.SmallText
		correct_answer: DF.Data
		material: DF.TextEditor
		min_words: DF.Int
		module_title: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		question: DF.SmallText
		resource: DF.Link
		video_url: DF.Data
	# end: auto-generated types

	pass
