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
	options: {
		// FullCalendar 3 (Frappe v15).
		eventAfterAllRender(view) {
			open_where_the_sessions_are(view.calendar, view.calendar.clientEvents().length);
		},
		// FullCalendar 5 and later (Frappe v16).
		eventsSet(events) {
			const calendar =
				window.cur_list && cur_list.calendar && cur_list.calendar.fullCalendar;
			if (calendar) open_where_the_sessions_are(calendar, events.length);
		},
	},
};

// A calendar that opens on an empty month goes, once, to the month of the next session the user may see, or
// of the latest one when none is ahead.
function open_where_the_sessions_are(calendar, shown) {
	if (calendar.__coaching_moved) return;
	calendar.__coaching_moved = true;
	if (shown) return;
	const now = frappe.datetime.now_datetime();
	const first = (filters, order_by) =>
		frappe.db
			.get_list("Coaching Session", {
				filters,
				fields: ["session_start"],
				order_by,
				limit: 1,
			})
			.then((rows) => (rows.length ? rows[0].session_start : null));
	first({ session_start: [">=", now] }, "session_start asc")
		.then((next) => next || first({ session_start: ["<", now] }, "session_start desc"))
		.then((when) => {
			if (when) calendar.gotoDate(frappe.datetime.str_to_obj(when));
		});
}
