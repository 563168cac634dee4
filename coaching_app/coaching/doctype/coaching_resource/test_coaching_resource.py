import frappe
from frappe.utils import set_request
from frappe.website.serve import get_response, get_response_content

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_coachee, make_program


def make_topic(name):
	if not frappe.db.exists("Coaching Topic", name):
		frappe.get_doc({"doctype": "Coaching Topic", "topic_name": name}).insert(ignore_permissions=True)
	return name


def make_resource(title, topics=(), published=1, **values):
	return frappe.get_doc(
		{
			"doctype": "Coaching Resource",
			"title": title,
			"published": published,
			"url": values.pop("url", "https://example.com/" + frappe.generate_hash(length=6)),
			"topics": [{"topic": make_topic(t)} for t in topics],
			**values,
		}
	).insert(ignore_permissions=True)


class TestCoachingResource(CoachingTestCase):
	def test_published_resource_needs_content_and_keeps_topics(self):
		resource = frappe.get_doc(
			{"doctype": "Coaching Resource", "title": "Active listening", "published": 1}
		)
		self.assertRaisesRegex(frappe.ValidationError, "needs a URL", resource.insert)
		resource.url = "https://example.com/listening"
		resource.append("topics", {"topic": make_topic("Listening")})
		resource.insert()
		self.assertEqual([t.topic for t in resource.topics], ["Listening"])

	def test_coachee_reads_published_only(self):
		published = make_resource("Goals that stick", ["Goal Setting"])
		draft = make_resource("Half written", ["Goal Setting"], published=0)
		with self.set_user(make_coachee(make_program().name).user):
			listed = frappe.get_list("Coaching Resource", pluck="name", limit_page_length=0)
			self.assertIn(published.name, listed)
			self.assertNotIn(draft.name, listed)
			self.assertFalse(frappe.has_permission("Coaching Resource", "read", draft.name))
			self.assertFalse(frappe.has_permission("Coaching Resource", "write", published.name))

	def test_library_page_filters_by_topic(self):
		listening = make_resource("Listening deeply", ["Listening"])
		resilience = make_resource("Bouncing back", ["Resilience"])
		hidden = make_resource("Unpublished listening notes", ["Listening"], published=0)
		with self.set_user(make_coachee(make_program().name).user):
			set_request(method="GET", path="coaching-resources")
			frappe.form_dict.topic = "Listening"
			content = get_response_content("coaching-resources")
			self.assertIn(listening.title, content)
			self.assertNotIn(resilience.title, content)
			self.assertNotIn(hidden.title, content)
			frappe.form_dict.topic = None
			content = get_response_content("coaching-resources")
			self.assertIn(resilience.title, content)

	def test_library_page_sends_guests_to_log_in(self):
		make_resource("Members only", ["Listening"])
		with self.set_user("Guest"):
			set_request(method="GET", path="coaching-resources")
			response = get_response("coaching-resources")
			self.assertIn(response.status_code, (301, 302))
			self.assertIn("/login", response.headers["Location"])
			self.assertNotIn(b"Members only", response.get_data())
