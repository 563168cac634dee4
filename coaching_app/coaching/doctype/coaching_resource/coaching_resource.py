# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.input_checks import TableRows


class CoachingResource(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.coaching_resource_topic.coaching_resource_topic import (
			CoachingResourceTopic,
		)

		attachment: DF.Attach
		description: DF.TextEditor
		language: DF.Link
		published: DF.Check
		resource_type: DF.Literal["Article", "Video", "Worksheet", "Book", "Podcast", "Link", "Other"]
		title: DF.Data
		topics: DF.TableMultiSelect[CoachingResourceTopic]
		url: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_has_content()

	def validate_has_content(self):
		if self.published and not (self.url or self.attachment or self.description):
			frappe.throw(
				_("A published resource needs a URL, an attachment or a description."),
				title=_("Nothing to Publish"),
			)
