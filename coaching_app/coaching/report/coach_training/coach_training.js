// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.query_reports["Coach Training"] = {
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
			options: ["", "Not Started", "In Progress", "Completed"],
		},
		{
			fieldname: "only_overdue",
			label: __("Only Past Due"),
			fieldtype: "Check",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.overdue) {
			value = `<span class="indicator-pill red">${value}</span>`;
		}
		return value;
	},
};
