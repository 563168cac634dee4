// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

{% include "coaching_app/public/js/who_reads.js" %}

frappe.ui.form.on("Growth Plan", {
	refresh(frm) {
		coaching_app.show_who_reads(frm);
	},
});
