"""Coach training on a phone: the program's modules in order, one open at a time, with the learner's answers
kept as she goes. Reached from My Coaching (Become a coach / Continue the training)."""

from urllib.parse import quote

import frappe
from frappe import _

from coaching_app.portal_dates import portal_date
from coaching_app.rules.training import is_open, parse_options, progress
from coaching_app.training import load_progress, passed_modules, program_modules, trainings_of
from coaching_app.utils import require_login

no_cache = 1


def get_context(context):
	context.no_cache = 1
	program = frappe.form_dict.get("program")
	program = program if isinstance(program, str) else None
	require_login(quote(f"/coach-training?program={program or ''}", safe="/"))
	user = frappe.session.user
	trainings = trainings_of(user)
	context.title = _("Coach Training")
	context.show_sidebar = True
	context.day = portal_date
	context.parents = [{"route": "/my-coaching", "title": _("My Coaching")}]
	context.trainings = trainings
	chosen = next((t for t in trainings if t.program == program), None)
	if not chosen and not program and len(trainings) == 1:
		chosen = trainings[0]
	context.training = chosen
	if not chosen:
		# No program named, several to choose from, or one the user does not take part in: the list only.
		context.not_yours = bool(program)
		return
	doc = load_progress(chosen.program, user)
	modules = program_modules(chosen.program)
	order = [row.name for row in modules]
	answered = passed_modules(doc) if doc else set()
	state = progress(order, answered)
	context.doc = doc
	context.state = state
	answers = {row.module: row for row in doc.answers} if doc else {}
	wanted = frappe.form_dict.get("module")
	current = wanted if isinstance(wanted, str) and is_open(order, answered, wanted) else state.next_module
	context.modules = [
		frappe._dict(
			name=row.name,
			number=index,
			title=row.module_title,
			done=row.name in answered,
			open=is_open(order, answered, row.name),
			current=row.name == current,
		)
		for index, row in enumerate(modules, start=1)
	]
	context.completed = bool(doc and doc.status == "Completed")
	if doc and current and not context.completed:
		row = next(r for r in modules if r.name == current)
		kept = answers.get(current)
		context.module = frappe._dict(
			name=row.name,
			number=order.index(row.name) + 1,
			title=row.module_title,
			material=frappe.utils.sanitize_html(row.material or ""),
			resource=published_resource(row.resource),
			video_url=web_address(row.video_url),
			question=row.question,
			options=parse_options(row.answer_options),
			min_words=row.min_words or 0,
			answer=kept.answer if kept else "",
			passed=bool(kept and kept.passed),
		)


def published_resource(name: str | None):
	if not name:
		return None
	resource = frappe.db.get_value(
		"Coaching Resource", name, ["title", "url", "attachment", "published"], as_dict=True
	)
	if not resource or not resource.published:
		return None
	address = web_address(resource.url) or resource.attachment
	return frappe._dict(title=resource.title, address=address) if address else None


def web_address(url: str | None) -> str | None:
	"""Only web addresses are shown as links: never a `javascript:` one."""
	url = (url or "").strip()
	return url if url.lower().startswith(("https://", "http://")) else None
