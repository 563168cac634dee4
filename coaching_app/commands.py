"""Bench commands of the app, for developers: `bench --site SITE coaching-benchmark` and
`bench --site SITE coaching-benchmark-notices`. The benchmark builds a large synthetic program and commits
it, so run it on a site kept for the purpose."""

import click
from frappe.commands import get_site, pass_context


def _on_site(context, run):
	import frappe

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		run()
	finally:
		frappe.destroy()


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
@pass_context
def coaching_benchmark_notices(context, agreements, sessions, coaches, keep):
	"""Time the renewal notices part by part against the long queue's timeout."""
	from coaching_app.tests import benchmark

	_on_site(context, lambda: benchmark.run_notices(agreements, sessions, coaches, int(keep)))


commands = [coaching_benchmark, coaching_benchmark_notices]
