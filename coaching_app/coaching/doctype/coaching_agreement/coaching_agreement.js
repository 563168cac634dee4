// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Coaching Agreement", {
	refresh(frm) {
		if (frm.doc.status === "Awaiting Consent" && !frm.is_new()) {
			frm.add_custom_button(__("Give Consent"), () => {
				frappe.confirm(
					__("Do you accept this agreement and its partnership expectations?"),
					() =>
						frm.call({ method: "record_consent", doc: frm.doc }).then(() => frm.reload_doc())
				);
			}).addClass("btn-primary");
		}
		if (frm.doc.previous_agreement || frm.doc.next_agreement) {
			frm.set_intro(
				[
					frm.doc.previous_agreement &&
						__("Continues {0}.", [frm.doc.previous_agreement.bold()]),
					frm.doc.next_agreement && __("Continued by {0}.", [frm.doc.next_agreement.bold()]),
				]
					.filter(Boolean)
					.join(" "),
				"blue"
			);
		}
	},
	setup(frm) {
		const active_coach = () => ({ filters: { status: "Active" } });
		frm.set_query("coach", active_coach);
		frm.set_query("new_coach", active_coach);
		frm.set_query("coachee", () => ({ filters: { program: frm.doc.program || undefined } }));
	},
});
