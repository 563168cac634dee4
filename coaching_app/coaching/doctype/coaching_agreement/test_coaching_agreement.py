import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow, get_transitions
from frappe.utils import add_days, getdate, today

from coaching_app.rules import lifecycle
from coaching_app.tests import CoachingTestCase
from coaching_app.tests.utils import (
	give_both_consents,
	make_action,
	make_agreement,
	make_coach,
	make_coachee,
	make_program,
	make_relationship,
	make_session,
	make_user,
)


class TestCoachingAgreement(CoachingTestCase):
	def setUp(self):
		self.manager = make_user(roles=("Coaching Manager",))

	def test_end_date_defaults_to_one_year_commitment(self):
		rel = make_relationship(status=lifecycle.DRAFT, start_date="2027-03-01")
		self.assertEqual(getdate(rel.agreement.end_date), getdate("2028-02-29"))
		self.assertEqual(rel.agreement.status, lifecycle.DRAFT)
		self.assertEqual(rel.agreement.cadence, "Every Other Week")

	def test_program_commitment_and_cadence_override_settings(self):
		program = make_program(commitment_months=6, cadence="Monthly").name
		rel = make_relationship(status=lifecycle.DRAFT, start_date="2027-01-01", program=program)
		self.assertEqual(getdate(rel.agreement.end_date), getdate("2027-06-30"))
		self.assertEqual(rel.agreement.cadence, "Monthly")

	def test_end_before_start_is_refused(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		rel.agreement.end_date = add_days(rel.agreement.start_date, -1)
		self.assertRaisesRegex(frappe.ValidationError, "cannot be after", rel.agreement.save)

	def test_coach_cannot_coach_themselves(self):
		program = make_program().name
		user = make_user()
		coach = make_coach(user)
		coachee = make_coachee(program, user)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"cannot coach themselves",
			make_agreement,
			coach.name,
			coachee.name,
			program,
		)

	def test_coachee_must_belong_to_the_program(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		other = make_program().name
		self.assertRaisesRegex(
			frappe.ValidationError,
			"is enrolled in program",
			make_agreement,
			rel.coach.name,
			rel.coachee.name,
			other,
		)

	def test_second_live_agreement_for_coachee_in_program_is_refused(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		second = make_agreement(make_coach().name, rel.coachee.name, rel.program)  # drafts are not live
		self.assertIsNone(second.live_key)
		second.status = lifecycle.AWAITING_CONSENT
		second.flags.ignore_permissions = True
		self.assertRaises(frappe.DuplicateEntryError, second.save)

	def test_database_refuses_a_live_duplicate_that_skips_validation(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		second = make_agreement(make_coach().name, rel.coachee.name, rel.program)
		# In a savepoint: PostgreSQL refuses every later statement of a transaction that met an error.
		frappe.db.savepoint("duplicate_live_key")
		with self.assertRaises(Exception) as raised:
			frappe.db.sql(
				"update `tabCoaching Agreement` set live_key=%s where name=%s",
				(rel.agreement.live_key, second.name),
			)
		frappe.db.rollback(save_point="duplicate_live_key")
		self.assertTrue(frappe.db.is_unique_key_violation(raised.exception))

	def test_workflow_send_for_consent_is_for_managers_only(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		with self.set_user(rel.coach.user):
			self.assertRaises(WorkflowTransitionError, apply_workflow, rel.agreement, "Send for Consent")
		with self.set_user(self.manager):
			doc = apply_workflow(rel.agreement, "Send for Consent")
			self.assertEqual(doc.status, lifecycle.AWAITING_CONSENT)
			self.assertTrue(doc.live_key)

	def test_mutual_consent_activates(self):
		rel = make_relationship(status=lifecycle.AWAITING_CONSENT)
		with self.set_user(rel.coach.user):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			self.assertEqual(doc.record_consent(), lifecycle.AWAITING_CONSENT)
			self.assertTrue(doc.coach_consented_on)
			self.assertFalse(doc.coachee_consented_on)
		with self.set_user(rel.coachee.user):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			self.assertEqual(doc.record_consent(), lifecycle.ACTIVE)
		self.assertEqual(frappe.db.get_value("Coachee", rel.coachee.name, "current_coach"), rel.coach.name)
		self.assertEqual(frappe.db.get_value("Coach", rel.coach.name, "current_load"), 1)

	def test_nobody_consents_for_the_other(self):
		rel = make_relationship(status=lifecycle.AWAITING_CONSENT)
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			self.assertRaises(frappe.PermissionError, doc.record_consent)
			doc.reload()
			doc.coachee_consented_on = frappe.utils.now_datetime()
			self.assertRaisesRegex(frappe.PermissionError, "record their own consent", doc.save)

	def test_activation_without_both_consents_is_refused(self):
		rel = make_relationship(status=lifecycle.AWAITING_CONSENT)
		with self.set_user(self.manager):
			self.assertRaises(WorkflowTransitionError, apply_workflow, rel.agreement, "Activate")

	def test_capacity_refusal_and_manager_override(self):
		program = make_program().name
		coach = make_coach(capacity=1)
		make_agreement(coach.name, make_coachee(program).name, program, status=lifecycle.ACTIVE)
		second = make_agreement(
			coach.name, make_coachee(program).name, program, status=lifecycle.AWAITING_CONSENT
		)
		give_both_consents(second.name)
		with self.set_user(self.manager):
			second.reload()
			self.assertRaisesRegex(
				frappe.ValidationError, "against a capacity of 1", apply_workflow, second, "Activate"
			)
			second.reload()
			second.capacity_override = 1
			second.capacity_override_reason = "Coach agreed to one extra coachee for the spring cohort"
			second.save()
			self.assertEqual(apply_workflow(second, "Activate").status, lifecycle.ACTIVE)
			comments = frappe.get_all(
				"Comment", filters={"reference_name": second.name, "content": ("like", "%Capacity override%")}
			)
			self.assertEqual(len(comments), 1)

	def test_capacity_override_works_through_the_consent_buttons(self):
		program = make_program().name
		coach = make_coach(capacity=1)
		make_agreement(coach.name, make_coachee(program).name, program, status=lifecycle.ACTIVE)
		# Staff record the override first; the parties' own consents then activate it.
		first = make_agreement(
			coach.name, make_coachee(program).name, program, status=lifecycle.AWAITING_CONSENT
		)
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", first.name)
			doc.capacity_override = 1
			doc.capacity_override_reason = "One extra coachee for the spring cohort"
			doc.save()
		coachee_user = frappe.db.get_value("Coachee", first.coachee, "user")
		with self.set_user(coach.user):
			self.assertEqual(
				frappe.get_doc("Coaching Agreement", first.name).record_consent(), lifecycle.AWAITING_CONSENT
			)
		with self.set_user(coachee_user):
			self.assertEqual(
				frappe.get_doc("Coaching Agreement", first.name).record_consent(), lifecycle.ACTIVE
			)
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": first.name, "content": ("like", "%Capacity override%")}
			)
		)

		# Without an override both consents are kept, and staff activate once they record one.
		second = make_agreement(
			coach.name, make_coachee(program).name, program, status=lifecycle.AWAITING_CONSENT
		)
		second_coachee = frappe.db.get_value("Coachee", second.coachee, "user")
		for user in (coach.user, second_coachee):
			with self.set_user(user):
				self.assertEqual(
					frappe.get_doc("Coaching Agreement", second.name).record_consent(),
					lifecycle.AWAITING_CONSENT,
				)
		stored = frappe.db.get_value(
			"Coaching Agreement", second.name, ["coach_consented_on", "coachee_consented_on"]
		)
		self.assertTrue(all(stored), "both consents are kept while the coach is at capacity")
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", second.name)
			doc.capacity_override = 1
			doc.capacity_override_reason = "Second extra coachee, agreed with the coach"
			doc.save()
			self.assertEqual(apply_workflow(doc, "Activate").status, lifecycle.ACTIVE)

	def test_coach_in_training_cannot_be_activated(self):
		program = make_program().name
		coach = make_coach(status="In Training")
		agreement = make_agreement(
			coach.name, make_coachee(program).name, program, status=lifecycle.AWAITING_CONSENT
		)
		give_both_consents(agreement.name)
		with self.set_user(self.manager):
			agreement.reload()
			self.assertRaisesRegex(
				frappe.ValidationError, "only an active coach", apply_workflow, agreement, "Activate"
			)

	def test_renewal_creates_next_agreement_and_carries_work_forward(self):
		rel = make_relationship(status=lifecycle.RENEWAL_DUE, start_date=add_days(today(), -340))
		open_action = make_action(rel.coachee.name, rel.agreement.name)
		done_action = make_action(rel.coachee.name, rel.agreement.name, status="Done")
		plan = frappe.get_doc(
			{"doctype": "Growth Plan", "coachee": rel.coachee.name, "agreement": rel.agreement.name}
		).insert(ignore_permissions=True)
		with self.set_user(self.manager):
			old = apply_workflow(rel.agreement, "Renew")
		old.reload()
		self.assertEqual(old.status, lifecycle.RENEWED)
		self.assertIsNone(old.live_key)
		new = frappe.get_doc("Coaching Agreement", old.next_agreement)
		self.assertEqual(new.previous_agreement, old.name)
		self.assertEqual(new.coach, old.coach)
		self.assertEqual(new.coachee, old.coachee)
		self.assertEqual(new.program, old.program)
		self.assertEqual(getdate(new.start_date), add_days(getdate(old.end_date), 1))
		self.assertEqual(new.status, lifecycle.AWAITING_CONSENT)
		self.assertFalse(new.coach_consented_on or new.coachee_consented_on)
		self.assertEqual(frappe.db.get_value("Coaching Action", open_action.name, "agreement"), new.name)
		self.assertEqual(frappe.db.get_value("Coaching Action", done_action.name, "agreement"), old.name)
		self.assertEqual(frappe.db.get_value("Growth Plan", plan.name, "agreement"), new.name)

	def test_a_renewal_continues_the_relationship_and_a_new_coach_starts_one(self):
		rel = make_relationship(status=lifecycle.RENEWAL_DUE, start_date=add_days(today(), -340))
		first = make_session(rel.agreement.name, start=f"{add_days(today(), -330)} 10:00:00")
		self.assertTrue(first.first_session)
		with self.set_user(self.manager):
			old = apply_workflow(rel.agreement, "Renew")
		renewed = old.reload().next_agreement
		frappe.db.set_value("Coaching Agreement", renewed, "status", lifecycle.ACTIVE)
		start = frappe.db.get_value("Coaching Agreement", renewed, "start_date")
		continued = make_session(renewed, start=f"{start} 10:00:00")
		self.assertFalse(continued.first_session, "a renewal with the same coach is no first meeting")
		self.assertEqual(continued.duration_minutes, 60)

		# A change of coach starts a new relationship, with its own first meeting.
		new_coach = make_coach()
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", renewed)
			doc.new_coach, doc.end_reason = new_coach.name, "Coach moved away"
			doc.save()
			apply_workflow(doc, "Reassign")
		successor = frappe.db.get_value("Coaching Agreement", renewed, "next_agreement")
		frappe.db.set_value("Coaching Agreement", successor, "status", lifecycle.ACTIVE)
		with_new_coach = make_session(
			successor, start=f"{frappe.db.get_value('Coaching Agreement', successor, 'start_date')} 15:00:00"
		)
		self.assertTrue(with_new_coach.first_session)

	def test_reassignment_moves_relationship_to_new_coach(self):
		rel = make_relationship(status=lifecycle.ACTIVE, start_date=add_days(today(), -60))
		new_coach = make_coach()
		action = make_action(rel.coachee.name, rel.agreement.name)
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			self.assertRaisesRegex(frappe.ValidationError, "Reason", apply_workflow, doc, "Reassign")
			doc.reload()
			doc.end_reason = "Coach moved away"
			doc.save()
			self.assertRaisesRegex(frappe.ValidationError, "New Coach", apply_workflow, doc, "Reassign")
			doc.reload()
			doc.new_coach = new_coach.name
			doc.save()
			old = apply_workflow(doc, "Reassign")
		old.reload()
		self.assertEqual(old.status, lifecycle.REASSIGNED)
		self.assertEqual(getdate(old.ended_on), getdate(today()))
		new = frappe.get_doc("Coaching Agreement", old.next_agreement)
		self.assertEqual(new.coach, new_coach.name)
		self.assertEqual(getdate(new.start_date), getdate(today()))
		self.assertEqual(new.status, lifecycle.AWAITING_CONSENT)
		self.assertEqual(frappe.db.get_value("Coaching Action", action.name, "coach"), new_coach.name)
		self.assertEqual(frappe.db.get_value("Coachee", rel.coachee.name, "current_agreement"), new.name)
		self.assertEqual(frappe.db.get_value("Coachee", rel.coachee.name, "current_coach"), new_coach.name)

	def test_complete_before_end_is_refused_and_terminate_needs_reason(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		with self.set_user(self.manager):
			# Complete is not offered while the term runs, and the record refuses it however it is set.
			offered = {t.action for t in get_transitions(rel.agreement)}
			self.assertIn("Terminate", offered)
			self.assertNotIn("Complete", offered)
			self.assertRaises(WorkflowTransitionError, apply_workflow, rel.agreement, "Complete")
			rel.agreement.reload()
			rel.agreement.status = lifecycle.COMPLETED
			self.assertRaisesRegex(frappe.ValidationError, "Terminate", rel.agreement.save)
			rel.agreement.reload()
			self.assertRaisesRegex(
				frappe.ValidationError, "Reason", apply_workflow, rel.agreement, "Terminate"
			)
			rel.agreement.reload()
			rel.agreement.end_reason = "Coachee left the organization"
			rel.agreement.save()
			self.assertEqual(apply_workflow(rel.agreement, "Terminate").status, lifecycle.TERMINATED)

	def test_sent_for_consent_only_with_expectations_and_then_the_terms_hold(self):
		rel = make_relationship(status=lifecycle.DRAFT)
		frappe.db.set_value("Coaching Agreement", rel.agreement.name, "partnership_expectations", "<p> </p>")
		with self.set_user(self.manager):
			doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
			self.assertRaisesRegex(
				frappe.ValidationError, "expectations", apply_workflow, doc, "Send for Consent"
			)
			doc.reload()
			doc.partnership_expectations = "<p>Every other week; confidences kept.</p>"
			doc.save()
			doc = apply_workflow(doc, "Send for Consent")
			for field, value in (
				("partnership_expectations", "<p>Weekly, and reports to the manager.</p>"),
				("end_date", add_days(doc.end_date, 30)),
			):
				doc.reload()
				doc.set(field, value)
				self.assertRaisesRegex(frappe.ValidationError, "Withdraw", doc.save)
			doc.reload()
			doc = apply_workflow(doc, "Withdraw")
			doc.partnership_expectations = "<p>Weekly.</p>"
			doc.save()
			self.assertEqual(
				frappe.db.get_value("Coaching Agreement", doc.name, "partnership_expectations"),
				"<p>Weekly.</p>",
			)

	def test_only_drafts_can_be_deleted(self):
		rel = make_relationship(status=lifecycle.ACTIVE)
		self.assertRaisesRegex(frappe.ValidationError, "Only draft", rel.agreement.delete)
		draft = make_relationship(status=lifecycle.DRAFT).agreement
		draft.delete()
		self.assertFalse(frappe.db.exists("Coaching Agreement", draft.name))


class TestEveryTransition(CoachingTestCase):
	"""Each row of the transition table, taken by a role it names and refused to one it does not."""

	def test_each_transition_for_its_role_and_not_for_others(self):
		manager = make_user(roles=("Coaching Manager",))
		outsider = make_user(roles=("Coach", "Coachee"))  # holds the roles, but is party to nothing
		ready = {
			"coach_consented_on": frappe.utils.now_datetime(),
			"coachee_consented_on": frappe.utils.now_datetime(),
		}
		for row in lifecycle.TRANSITIONS:
			with self.subTest(state=row.state, action=row.action, role=row.role):
				rel = make_relationship(status=row.state, start_date=add_days(today(), -400))
				values = dict(ready) if row.action == "Activate" else {}
				if row.next_state in lifecycle.REASON_REQUIRED:
					values["end_reason"] = "Recorded reason"
				if row.next_state == lifecycle.REASSIGNED:
					values["new_coach"] = make_coach().name
				if values:
					frappe.db.set_value("Coaching Agreement", rel.agreement.name, values)
				actor = {
					lifecycle.MANAGER: manager,
					lifecycle.COACH: rel.coach.user,
					lifecycle.COACHEE: rel.coachee.user,
				}
				if row.role == lifecycle.MANAGER:
					# Refused as a transition the user's roles do not offer, or, where a party's role offers
					# it (Activate), as a write the outsider may not make.
					with self.set_user(outsider):
						self.assertRaises(
							(WorkflowTransitionError, frappe.PermissionError),
							apply_workflow,
							frappe.get_doc("Coaching Agreement", rel.agreement.name),
							row.action,
						)
				with self.set_user(actor[row.role]):
					doc = frappe.get_doc("Coaching Agreement", rel.agreement.name)
					if row.role == lifecycle.MANAGER:
						self.assertEqual(apply_workflow(doc, row.action).status, row.next_state)
					else:
						# A party takes Activate through their own consent, the button they see.
						self.assertEqual(doc.record_consent(), row.next_state)
