// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Cadence Health"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
		{
			fieldname: "as_of",
			label: __("As Of"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{ fieldname: "only_behind", label: __("Only Behind"), fieldtype: "Check", default: 1 },
	],
};
