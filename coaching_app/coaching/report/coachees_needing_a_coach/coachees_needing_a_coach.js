// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Coachees Needing a Coach"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
	],
};
