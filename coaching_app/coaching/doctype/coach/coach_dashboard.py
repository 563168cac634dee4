from frappe import _


def get_data():
	return {
		"fieldname": "coach",
		"non_standard_fieldnames": {"Coaching Request": "assigned_coach"},
		"transactions": [
			{"label": _("Relationships"), "items": ["Coaching Agreement", "Growth Plan"]},
			{"label": _("Coaching"), "items": ["Coaching Session", "Coaching Action", "Coaching Request"]},
		],
	}
