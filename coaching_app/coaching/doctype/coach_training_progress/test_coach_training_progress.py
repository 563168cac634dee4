import frappe

from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_program, make_user


class TestCoachTrainingProgress(CoachingTestCase):
	def test_the_database_keeps_one_training_per_person_and_program(self):
		"""Two presses at the same moment both pass the controller's check; the unique index stops the second."""
		program = make_program(
			coach_training_modules=[{"module_title": "One", "question": "Why coach?", "min_words": 0}]
		).name
		user = make_user()
		values = {"doctype": "Coach Training Progress", "user": user, "program": program, "full_name": user}
		frappe.get_doc(values).insert(ignore_permissions=True)
		second = frappe.get_doc(values)
		second.set_new_name()
		frappe.db.savepoint("second_start")
		with self.assertRaises(Exception) as refused:
			second.db_insert()
		frappe.db.rollback(save_point="second_start")
		error = refused.exception
		# Frappe names the refusal on MariaDB; Frappe 15 on PostgreSQL passes the driver's error on.
		self.assertTrue(
			isinstance(error, frappe.UniqueValidationError | frappe.DuplicateEntryError)
			or frappe.db.is_duplicate_entry(error),
			repr(error),
		)
		self.assertEqual(frappe.db.count("Coach Training Progress", {"user": user, "program": program}), 1)
