// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.views.calendar["Coaching Session"] = {
	field_map: {
		start: "session_start",
		end: "session_end",
		id: "name",
		title: "coachee_name",
		status: "status",
	},
	style_map: {
		Scheduled: "info",
		Completed: "success",
		Cancelled: "default",
		"No Show": "danger",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};
