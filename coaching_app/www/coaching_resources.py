import frappe
from frappe import _

from coaching_app.utils import require_login

no_cache = 1


def get_context(context):
	context.no_cache = 1
	require_login("/coaching-resources")
	topic = frappe.form_dict.get("topic") or None
	topic_row = frappe.qb.DocType("Coaching Resource Topic")
	filters = {}
	if topic:
		tagged = (
			frappe.qb.from_(topic_row)
			.select(topic_row.parent)
			.where((topic_row.parenttype == "Coaching Resource") & (topic_row.topic == topic))
		).run(pluck=True)
		filters["name"] = ("in", tagged or [""])
	context.resources = frappe.get_list(
		"Coaching Resource",
		filters=filters,
		fields=["name", "title", "resource_type", "url", "attachment", "description"],
		order_by="title asc",
		limit_page_length=200,
	)
	names = [r.name for r in context.resources] or [""]
	tags = frappe.get_all(
		"Coaching Resource Topic",
		filters={"parenttype": "Coaching Resource", "parent": ("in", names)},
		fields=["parent", "topic"],
	)
	by_resource: dict[str, list[str]] = {}
	for tag in tags:
		by_resource.setdefault(tag.parent, []).append(tag.topic)
	for row in context.resources:
		row.topics = sorted(by_resource.get(row.name, []))
	context.topics = frappe.get_all("Coaching Topic", pluck="name", order_by="name asc")
	context.current_topic = topic
	context.title = _("Resource Library")
	context.show_sidebar = True
