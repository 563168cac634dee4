"""The daily jobs issue the same number of queries whatever the number of agreements they change."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app import tasks
from coaching_app.benchmarks import QueryCounter
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_agreement, make_coach, make_coachee, make_program

START = getdate("2025-01-01")  # ends 2025-12-31


class TestJobQueryCounts(CoachingTestCase):
	def queries_for(self, job, how_many):
		frappe.db.savepoint("query_count")
		try:
			program = make_program().name
			coach = make_coach(capacity=1000)
			for _ in range(how_many):
				make_agreement(
					coach.name, make_coachee(program).name, program, status=lifecycle.ACTIVE, start_date=START
				)
			with QueryCounter() as counter:
				changed = job()
			self.assertGreaterEqual(changed, how_many)
			return counter.count
		finally:
			frappe.db.rollback(save_point="query_count")

	def test_completion_does_not_grow_with_agreements(self):
		job = lambda: tasks.complete_ended_agreements(add_days(START, 400))  # noqa: E731
		self.assertEqual(self.queries_for(job, 2), self.queries_for(job, 12))

	def test_renewal_flag_does_not_grow_with_agreements(self):
		job = lambda: tasks.flag_renewals_due(add_days(START, 350))  # noqa: E731
		self.assertEqual(self.queries_for(job, 2), self.queries_for(job, 12))
