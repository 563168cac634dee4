// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Feedback Summary"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
		{
			fieldname: "round",
			label: __("Feedback Round"),
			fieldtype: "Link",
			options: "Coaching Feedback Round",
		},
		{ fieldname: "from_date", label: __("Rounds Opening From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Rounds Opening Until"), fieldtype: "Date" },
	],
};
