# Copyright (c) 2026, coaching_app contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from coaching_app.input_checks import TableRows


class GrowthFramework(TableRows, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from coaching_app.coaching.doctype.core_characteristic.core_characteristic import CoreCharacteristic

		characteristics: DF.Table[CoreCharacteristic]
		description: DF.SmallText
		framework_name: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_unique_characteristics()
		self.set_sort_order()

	def validate_unique_characteristics(self):
		seen = set()
		for row in self.characteristics:
			key = (row.characteristic or "").strip().casefold()
			if key in seen:
				frappe.throw(
					_("Row {0}: characteristic {1} is listed twice.").format(
						row.idx, frappe.bold(row.characteristic)
					),
					title=_("Duplicate Characteristic"),
				)
			seen.add(key)

	def set_sort_order(self):
		for row in self.characteristics:
			if not row.sort_order:
				row.sort_order = row.idx

	def ordered_characteristics(self) -> list[str]:
		return [
			row.characteristic
			for row in sorted(self.characteristics, key=lambda r: (r.sort_order or 0, r.idx))
		]
