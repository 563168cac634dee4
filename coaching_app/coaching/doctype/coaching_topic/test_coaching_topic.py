import frappe

from coaching_app.tests import CoachingTestCase


class TestCoachingTopic(CoachingTestCase):
	def test_named_by_topic_and_unique(self):
		topic = frappe.get_doc({"doctype": "Coaching Topic", "topic_name": "Resilience"}).insert()
		self.assertEqual(topic.name, "Resilience")
		self.assertRaises(
			frappe.DuplicateEntryError,
			frappe.get_doc({"doctype": "Coaching Topic", "topic_name": "Resilience"}).insert,
		)
