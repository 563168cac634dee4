import frappe

from coaching_app.tests import CoachingTestCase


class TestCoachingResource(CoachingTestCase):
	def test_published_resource_needs_content_and_keeps_topics(self):
		frappe.get_doc({"doctype": "Coaching Topic", "topic_name": "Listening"}).insert(ignore_if_duplicate=True)
		resource = frappe.get_doc(
			{"doctype": "Coaching Resource", "title": "Active listening", "published": 1}
		)
		self.assertRaisesRegex(frappe.ValidationError, "needs a URL", resource.insert)
		resource.url = "https://example.com/listening"
		resource.append("topics", {"topic": "Listening"})
		resource.insert()
		self.assertEqual([t.topic for t in resource.topics], ["Listening"])
		self.assertEqual(resource.language, frappe.db.get_default("lang") and resource.language)

	def test_draft_resource_may_be_empty(self):
		resource = frappe.get_doc({"doctype": "Coaching Resource", "title": "To write"}).insert()
		self.assertFalse(resource.published)
