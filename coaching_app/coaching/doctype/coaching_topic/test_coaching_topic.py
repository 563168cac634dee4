import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import unique


class TestCoachingTopic(CoachingTestCase):
	def test_named_by_topic_and_unique(self):
		name = unique("Resilience")
		topic = frappe.get_doc({"doctype": "Coaching Topic", "topic_name": name}).insert()
		self.assertEqual(topic.name, name)
		self.assertRaises(
			frappe.DuplicateEntryError,
			frappe.get_doc({"doctype": "Coaching Topic", "topic_name": name}).insert,
		)
