// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Renewals Due"] = {
	filters: [
		{
			fieldname: "program",
			label: __("Program"),
			fieldtype: "Link",
			options: "Coaching Program",
		},
		{
			fieldname: "from_date",
			label: __("Ending From"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "to_date",
			label: __("Ending Until"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), 30),
		},
	],
};
