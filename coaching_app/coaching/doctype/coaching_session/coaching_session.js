// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

{% include "coaching_app/public/js/who_reads.js" %}

frappe.ui.form.on("Coaching Session", {
	setup(frm) {
		frm.set_query("agreement", () => ({
			filters: { status: ["in", ["Active", "Renewal Due"]] },
		}));
	},
	agreement(frm) {
		if (!frm.is_new() || !frm.doc.agreement) return;
		frappe
			.call("coaching_app.coaching.doctype.coaching_session.coaching_session.get_open_actions", {
				agreement: frm.doc.agreement,
			})
			.then(({ message }) => {
				frm.clear_table("action_review");
				(message || []).forEach((action) => {
					frm.add_child("action_review", {
						action: action.name,
						description: action.description,
						measure: action.measure,
						due_date: action.due_date,
						outcome: "Open",
					});
				});
				frm.refresh_field("action_review");
			});
	},
	refresh(frm) {
		coaching_app.show_who_reads(frm);
		if (!frm.is_new() && frm.doc.coachee_user === frappe.session.user && frm.doc.status === "Scheduled") {
			frm.add_custom_button(__("Set Agenda"), () => {
				frappe.prompt(
					{ fieldname: "agenda", fieldtype: "Small Text", label: __("Agenda"), default: frm.doc.agenda },
					({ agenda }) => frm.call("set_agenda", { agenda }).then(() => frm.reload_doc()),
					__("What would you like to take away from this meeting?")
				);
			});
		}
		if (!frm.is_new() && frm.doc.coach_user === frappe.session.user) {
			frm.add_custom_button(__("Private Note"), () => {
				frappe.new_doc("Coaching Note", { session: frm.doc.name });
			});
		}
	},
});
