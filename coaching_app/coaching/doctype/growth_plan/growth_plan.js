// Copyright (c) 2026, coaching_app contributors
// For license information, please see license.txt

frappe.ui.form.on("Growth Plan", {
	refresh(frm) {
		coaching_app.show_who_reads(frm);
	},
});
