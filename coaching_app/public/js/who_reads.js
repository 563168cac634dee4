// Who reads a session's or growth plan's content, said on the form itself, with the coachee's share switch.
frappe.provide("coaching_app");

coaching_app.show_who_reads = function (frm) {
	if (frm.is_new()) return;
	const readers = frm.doc.shared_with_staff
		? __(
				"Read by the coach, the coachee and, because the coachee shared it, this program's staff.",
			)
		: __(
				"Read by the coach and the coachee only. Program staff see that it exists, not what it says.",
			);
	frm.set_intro(readers, frm.doc.shared_with_staff ? "orange" : "blue");
	if (frm.doc.coachee_user !== frappe.session.user) return;
	const label = frm.doc.shared_with_staff
		? __("Stop Sharing with Staff")
		: __("Share with Program Staff");
	frm.add_custom_button(label, () => {
		frm.call("share_with_staff", { share: frm.doc.shared_with_staff ? 0 : 1 }).then(() =>
			frm.reload_doc(),
		);
	});
};
