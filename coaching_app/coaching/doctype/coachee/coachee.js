// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Coachee", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.became_coach && frappe.user.has_role("Coaching Manager")) {
			frm.add_custom_button(__("Promote to Coach"), () => {
				frappe.confirm(
					__("Create a coach record for {0}, starting In Training?", [
						frm.doc.full_name,
					]),
					() =>
						frm
							.call({ method: "promote_to_coach", doc: frm.doc })
							.then(({ message }) => {
								frappe.set_route("Form", "Coach", message);
							}),
				);
			});
		}
		frappe
			.call("coaching_app.coaching.doctype.growth_plan.growth_plan.get_growth_progress", {
				coachee: frm.doc.name,
			})
			.then(({ message }) => render_growth(frm, message));
	},
});

function render_growth(frm, progress) {
	const wrapper = frm.get_field("growth_chart").$wrapper;
	wrapper.empty();
	const names = Object.keys(progress.characteristics || {});
	if (!progress.labels.length) {
		wrapper.html(`<p class="text-muted">${__("No submitted growth plan yet.")}</p>`);
		return;
	}
	const chart_area = $("<div>").appendTo(wrapper);
	if (progress.labels.length === 1) {
		// One plan: its ratings, self beside coach; the change over time shows from the second plan.
		new frappe.Chart(chart_area[0], {
			title: __("Ratings in the plan of {0}", [
				frappe.datetime.str_to_user(progress.labels[0]),
			]),
			type: "bar",
			height: 240,
			data: {
				labels: names.map((name) => __(name)),
				datasets: [
					{
						name: __("Self rating"),
						values: names.map((name) => progress.characteristics[name].self[0] || 0),
					},
					{
						name: __("Coach rating"),
						values: names.map((name) => progress.characteristics[name].coach[0] || 0),
					},
				],
			},
		});
		wrapper.append(
			`<p class="text-muted small">${__("Change over time shows once a second plan is submitted.")}</p>`,
		);
		return;
	}
	new frappe.Chart(chart_area[0], {
		title: __("Self rating per core characteristic"),
		type: "line",
		height: 240,
		data: {
			labels: progress.labels,
			datasets: names.map((name) => ({
				name: __(name),
				values: progress.characteristics[name].self.map((v) => v || 0),
			})),
		},
		axisOptions: { xIsSeries: true },
		lineOptions: { regionFill: 0, dotSize: 5 },
	});
	const rows = names
		.map((name) => {
			const change = progress.characteristics[name].self_change;
			const shown = change === null ? "–" : (change > 0 ? "+" : "") + change;
			return `<tr><td>${frappe.utils.escape_html(__(name))}</td><td>${shown}</td></tr>`;
		})
		.join("");
	wrapper.append(
		`<table class="table table-sm"><thead><tr><th>${__("Characteristic")}</th><th>${__(
			"Change since first plan",
		)}</th></tr></thead><tbody>${rows}</tbody></table>`,
	);
}
