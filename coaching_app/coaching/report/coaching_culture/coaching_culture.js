// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Coaching Culture"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
	],
};
