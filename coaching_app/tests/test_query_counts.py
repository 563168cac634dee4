"""The daily jobs issue a fixed number of queries whatever the number of agreements and coaches they change:
each runs under the same query budget at two sizes."""

import frappe
from frappe.utils import add_days, getdate

from coaching_app.renewals import complete_ended_agreements, flag_renewals_due
from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import make_agreement, make_coach, make_coachee, make_program

START = getdate("2025-01-01")  # ends 2025-12-31
# Completion: the coachees' summaries, the timeline, the agreements, then the loads (two counts, the
# stored figures, one correcting statement).
COMPLETION_BUDGET = 7
# Renewal flag: the timeline and the agreements.
RENEWAL_BUDGET = 2


class TestJobQueryCounts(CoachingTestCase):
	def run_at_size(self, job, how_many, budget):
		"""`how_many` agreements, each with its own coach, changed by `job` within `budget` queries."""
		frappe.db.savepoint("query_count")
		try:
			program = make_program().name
			for _ in range(how_many):
				coach = make_coach(capacity=10)
				make_agreement(
					coach.name, make_coachee(program).name, program, status=lifecycle.ACTIVE, start_date=START
				)
			frappe.db.savepoint("warm_up")
			job()  # warm the settings and metadata caches, as every run after a site's first finds them
			frappe.db.rollback(save_point="warm_up")
			with self.assertQueryCount(budget):
				changed = job()
			self.assertGreaterEqual(changed, how_many)
		finally:
			frappe.db.rollback(save_point="query_count")

	def test_completion_does_not_grow_with_agreements(self):
		for size in (2, 15):
			with self.subTest(size=size):
				self.run_at_size(
					lambda: complete_ended_agreements(add_days(START, 400)), size, COMPLETION_BUDGET
				)

	def test_renewal_flag_does_not_grow_with_agreements(self):
		for size in (2, 15):
			with self.subTest(size=size):
				self.run_at_size(lambda: flag_renewals_due(add_days(START, 350)), size, RENEWAL_BUDGET)
