"""Portal page bodies compiled once per process.

Frappe renders a portal page by compiling its template from text on every request, with a Jinja environment
made anew for each request, so nothing compiled is kept. For a small page (Frappe's own /me) that costs little;
for My Coaching, whose body has a few hundred lines of conditions and loops, compiling took more time than
reading the data it shows. The page's www template is therefore a shell that extends the site's web page, and
its body lives in `templates/pages/`: compiled once per worker into Jinja's code, then rendered in each
request's own environment (its globals, filters and translations), as Jinja's bytecode cache does. In developer
mode the body is compiled on every request, so an edit shows at once."""

import frappe
from markupsafe import Markup

_compiled: dict[str, object] = {}


def render_body(path: str, context) -> Markup:
	"""The template at `path` (an app-prefixed template path) rendered with `context`, as markup for the shell
	page's `{{ page_body }}`."""
	env = frappe.get_jenv()
	code = None if frappe.conf.developer_mode else _compiled.get(path)
	if code is None:
		source, filename, _uptodate = env.loader.get_source(env, path)
		code = env.compile(source, path, filename)
		_compiled[path] = code
	template = env.template_class.from_code(env, code, env.make_globals(None))
	return Markup(template.render(dict(context)))
