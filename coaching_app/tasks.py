"""Targets of `scheduler_events`, and nothing else: each names what runs daily and calls the module that
owns the work."""

from coaching_app import coach_activity, feedback, notices, renewals, retention


def run_daily_agreement_jobs():
	renewals.complete_ended_agreements()
	renewals.flag_renewals_due()
	# Renewals due, cadence lapses and overdue action steps: one digest per person (coaching_app/digest.py).
	notices.enqueue_notices("coaching_app.digest.send_daily_digest")


def run_daily_coach_jobs():
	coach_activity.mark_inactive_coaches()
	notices.enqueue_notices("coaching_app.notices.send_inactive_coach_notices")


def run_daily_feedback_jobs():
	feedback.run_daily()


def delete_expired_private_notes():
	retention.delete_expired_private_notes()
