// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Coach", {
	refresh(frm) {
		if (frm.is_new()) return;
		frappe
			.call("coaching_app.coaching.doctype.coach.coach.get_lineage", { coach: frm.doc.name })
			.then(({ message }) => {
				const list = (rows, label_field, doctype, value_field) =>
					rows.length
						? rows
								.map(
									(r) =>
										`<a href="/app/${frappe.router.slug(doctype)}/${encodeURIComponent(r[value_field])}">${frappe.utils.escape_html(r[label_field])}</a>`,
								)
								.join(", ")
						: `<span class="text-muted">${__("None yet")}</span>`;
				frm.get_field("lineage").$wrapper.html(`
					<p><b>${__("Coached by")}:</b> ${list(message.coached_by, "coach_name", "Coach", "coach")}</p>
					<p><b>${__("Coaches")}:</b> ${list(message.coachees, "coachee_name", "Coachee", "coachee")}</p>
					<p><b>${__("Coachees who now coach")}:</b> ${list(message.coachees_who_coach, "full_name", "Coach", "coach")}</p>
				`);
			});
	},
});
