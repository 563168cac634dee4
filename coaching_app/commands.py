"""Bench commands of the app.

- `bench --site SITE coaching-demo` builds the demo program; `--clear` removes it again.
- For developers, `bench --site SITE coaching-benchmark`, `bench --site SITE coaching-benchmark-notices`,
  `bench --site SITE coaching-benchmark-host-lists` and `bench --site SITE coaching-benchmark-portal`. The
  benchmarks build large synthetic data and commit it, so run them on a site kept for the purpose.
"""

import click
from frappe.commands import get_site, pass_context


def _on_site(context, run):
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		run()
	except frappe.ValidationError as refusal:
		# A refusal is told as one line, as the desk would show it, not as a traceback.
		frappe.db.rollback()
		click.secho(str(refusal), fg="red", err=True)
		raise SystemExit(1) from None
	finally:
		frappe.destroy()


@click.command("coaching-demo")
@click.option("--clear", is_flag=True, help="Remove the demo program and its users instead")
@pass_context
def coaching_demo(context, clear):
	"""Build the demo program "Leaders Who Serve" (run it after Frappe's setup wizard)."""
	from coaching_app import demo

	_on_site(context, demo.clear_demo if clear else demo.make_demo)


@click.command("coaching-benchmark")
@click.option("--agreements", default=100_000, show_default=True, help="Agreements in the large dataset")
@click.option("--sessions", default=1_000_000, show_default=True, help="Completed sessions in it")
@click.option("--coaches", default=2_000, show_default=True)
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards")
@pass_context
def coaching_benchmark(context, agreements, sessions, coaches, keep):
	"""Time the daily jobs and the list views against a synthetic program, printing a table."""
	from coaching_app.tests import benchmark

	_on_site(context, lambda: benchmark.run(agreements, sessions, coaches, int(keep)))


@click.command("coaching-benchmark-notices")
@click.option("--agreements", default=100_000, show_default=True)
@click.option("--sessions", default=100_000, show_default=True)
@click.option("--coaches", default=2_000, show_default=True)
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards")
@click.option(
	"--max-parts", default=0, show_default=True, help="Stop after this many parts (0: the whole day)"
)
@pass_context
def coaching_benchmark_notices(context, agreements, sessions, coaches, keep, max_parts):
	"""Time a catch-up day's daily digest part by part against the long queue's timeout."""
	from coaching_app.tests import benchmark

	_on_site(
		context,
		lambda: benchmark.run_notices(agreements, sessions, coaches, int(keep), int(max_parts)),
	)


@click.command("coaching-benchmark-host-lists")
@click.option("--rows", default=1_000_000, show_default=True, help="Rows in each of Frappe's tables")
@click.option("--agreements", default=10_000, show_default=True, help="Agreements the coaching rows refer to")
@click.option("--sessions", default=100_000, show_default=True, help="Sessions the coaching rows refer to")
@click.option(
	"--repetitions", default=7, show_default=True, help="Timed runs of each list (the median counts)"
)
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards")
@pass_context
def coaching_benchmark_host_lists(context, rows, agreements, sessions, repetitions, keep):
	"""Time the lists of ToDo, File, Comment, Version and Communication with and without the app's condition."""
	from coaching_app.tests import benchmark_host

	_on_site(
		context,
		lambda: benchmark_host.run(rows, agreements, sessions, repetitions=repetitions, keep=int(keep)),
	)


@click.command("coaching-benchmark-portal")
@click.option(
	"--seconds", default=15, show_default=True, help="Seconds of load for each page and concurrency"
)
@click.option("--keep", is_flag=True, help="Keep the synthetic data afterwards")
@pass_context
def coaching_benchmark_portal(context, seconds, keep):
	"""Load My Coaching and the session web form against Frappe's /me page with wrk, at 10 and 50 users."""
	from coaching_app.tests import benchmark_portal

	_on_site(context, lambda: benchmark_portal.run_portal(seconds, int(keep)))


commands = [
	coaching_demo,
	coaching_benchmark,
	coaching_benchmark_notices,
	coaching_benchmark_host_lists,
	coaching_benchmark_portal,
]
