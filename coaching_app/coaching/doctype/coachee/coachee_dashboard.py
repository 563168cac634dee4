from frappe import _


def get_data():
	return {
		"fieldname": "coachee",
		"transactions": [
			{"label": _("Relationships"), "items": ["Coaching Agreement", "Growth Plan"]},
			{"label": _("Coaching"), "items": ["Coaching Session", "Coaching Action", "Coaching Request"]},
		],
	}
