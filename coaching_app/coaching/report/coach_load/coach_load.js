// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Coach Load"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "In Training", "Active", "Inactive", "Alumni"],
			default: "Active",
		},
		{ fieldname: "only_over_capacity", label: __("Only Over Capacity"), fieldtype: "Check" },
	],
};
