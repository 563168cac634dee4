// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Coaching Agreement", {
	setup(frm) {
		const active_coach = () => ({ filters: { status: "Active" } });
		frm.set_query("coach", active_coach);
		frm.set_query("new_coach", active_coach);
		frm.set_query("coachee", () => ({ filters: { program: frm.doc.program || undefined } }));
	},
	refresh(frm) {
		add_consent_button(frm);
		add_suggest_button(frm);
		show_consents_and_links(frm);
	},
});

// Consent is personal: only the coach or the coachee of the agreement, each once, sees the button. It is
// given by the agreement's name, not with the form's copy, so the other party consenting while this form
// was open does not make the press fail as "modified after you opened it".
function add_consent_button(frm) {
	if (frm.is_new() || frm.doc.status !== "Awaiting Consent") return;
	const user = frappe.session.user;
	const pending =
		(user === frm.doc.coach_user && !frm.doc.coach_consented_on) ||
		(user === frm.doc.coachee_user && !frm.doc.coachee_consented_on);
	if (!pending) return;
	frm.add_custom_button(__("Give Consent"), () => {
		frappe.confirm(__("Do you accept this agreement and its partnership expectations?"), () =>
			frappe
				.call({ method: "coaching_app.api.give_consent", args: { agreement: frm.doc.name } })
				.then(() => frm.reload_doc()),
		);
	}).addClass("btn-primary");
}

function add_suggest_button(frm) {
	const choosing_first = frm.doc.status === "Draft";
	const choosing_next = ["Active", "Renewal Due"].includes(frm.doc.status);
	if (!frm.doc.coachee || !(choosing_first || choosing_next)) return;
	if (!frappe.user.has_role("Coaching Manager")) return;
	frm.add_custom_button(__("Suggest Coaches"), () =>
		show_suggestions(frm, choosing_first ? "coach" : "new_coach"),
	);
}

function show_consents_and_links(frm) {
	const link = (name) => frappe.utils.get_form_link("Coaching Agreement", name, true);
	const consent = (who, on) =>
		on
			? __("{0} consented on {1}.", [who, frappe.datetime.str_to_user(on)])
			: __("{0} has not consented yet.", [who]);
	const lines = [];
	if (frm.doc.status === "Awaiting Consent") {
		lines.push(
			consent(
				frappe.utils.escape_html(frm.doc.coach_name || __("The coach")),
				frm.doc.coach_consented_on,
			),
		);
		lines.push(
			consent(
				frappe.utils.escape_html(frm.doc.coachee_name || __("The coachee")),
				frm.doc.coachee_consented_on,
			),
		);
	}
	if (frm.doc.previous_agreement)
		lines.push(__("Continues {0}.", [link(frm.doc.previous_agreement)]));
	if (frm.doc.next_agreement)
		lines.push(__("Continued by {0}.", [link(frm.doc.next_agreement)]));
	if (lines.length) frm.set_intro(lines.join(" "), "blue");
}

function show_suggestions(frm, target_field) {
	frappe
		.call("coaching_app.matching.suggest_coaches", {
			coachee: frm.doc.coachee,
			exclude_coach: target_field === "new_coach" ? frm.doc.coach : null,
		})
		.then(({ message }) => {
			const rows = (message || [])
				.map(
					(s) => `<tr>
						<td>${frappe.utils.escape_html(s.full_name)}</td>
						<td>${s.score}</td>
						<td class="small">${s.reasons.map(frappe.utils.escape_html).join("; ")}</td>
						<td><button class="btn btn-xs btn-primary" data-coach="${frappe.utils.escape_html(s.coach)}">${__("Choose")}</button></td>
					</tr>`,
				)
				.join("");
			const dialog = new frappe.ui.Dialog({
				title: __("Suggested Coaches"),
				size: "large",
				fields: [{ fieldtype: "HTML", fieldname: "list" }],
			});
			dialog.fields_dict.list.$wrapper.html(
				rows
					? `<table class="table table-sm"><thead><tr><th>${__("Coach")}</th><th>${__("Score")}</th><th>${__("Why")}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
					: `<p class="text-muted">${__("No active coach with free capacity is available.")}</p>`,
			);
			dialog.fields_dict.list.$wrapper.on("click", "button[data-coach]", (e) => {
				frm.set_value(target_field, $(e.currentTarget).attr("data-coach"));
				dialog.hide();
			});
			dialog.show();
		});
}
