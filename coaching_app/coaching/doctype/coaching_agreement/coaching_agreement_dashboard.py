from frappe import _


def get_data():
	return {
		"fieldname": "agreement",
		"non_standard_fieldnames": {"Coaching Agreement": "previous_agreement"},
		"transactions": [
			{"label": _("Coaching"), "items": ["Coaching Session", "Coaching Action", "Growth Plan"]},
			{"label": _("History"), "items": ["Coaching Agreement", "Coaching Feedback"]},
		],
	}
