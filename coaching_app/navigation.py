"""Where people land and how they move around: the portal menu for coaches and coachees (sidebar on wide
screens, the avatar menu on phones), the page a coach or a manager lands on after signing in, and coachees
who open the desk, which is not theirs."""

import frappe
from frappe import _
from werkzeug.exceptions import HTTPException
from werkzeug.utils import redirect

from coaching_app.rules.lifecycle import COACH, COACHEE, MANAGER

COACHING_ROLES = (COACH, COACHEE)
STAFF_ROLE = MANAGER
WORKSPACE = "Coaching"
COACH_WORKSPACE = "Coach Desk"
COACHEE_WORKSPACE = "My Coaching"
PORTAL_HOME = "/my-coaching"


def each_route_once(items) -> list[dict]:
	"""The menu items in their order, the first of each route only."""
	seen, unique = set(), []
	for item in items:
		if item.get("route") not in seen:
			seen.add(item.get("route"))
			unique.append(item)
	return unique


def menu_for(roles) -> list[dict]:
	"""The app's portal menu items this user may use, each route once, in the order hooks.py lists them."""
	items = frappe.get_hooks("portal_menu_items", app_name="coaching_app")
	return each_route_once(item for item in items if item.get("role") in roles)


def update_website_context(context):
	"""update_website_context hook. A coach who is also a coachee would see shared pages twice in the
	sidebar (one menu entry per role); the avatar menu, the only menu on a phone, lists the app's pages."""
	if frappe.session.user == "Guest":
		return
	if context.get("sidebar_items"):
		context.sidebar_items = each_route_once(context.sidebar_items)
	ours = menu_for(frappe.get_roles())
	if ours and context.get("post_login") is not None:
		known = {entry.get("url") for entry in context.post_login}
		context.post_login = [
			{"label": _(item["title"]), "url": item["route"]} for item in ours if item["route"] not in known
		] + list(context.post_login)


def send_home_after_login(login_manager):
	"""on_session_creation hook: a Coaching Manager starts on the Coaching workspace, a coach or a coachee on
	My Coaching (a coachee who is also a desk user, as HRMS makes every employee, too); System Managers and
	everyone without a coaching role keep the landing page Frappe and the site's other apps give them. This
	replaces the website home page for nobody: `/` stays what the site made it."""
	roles = set(frappe.get_roles(login_manager.user))
	message = frappe.local.response.get("message")
	if "System Manager" in roles or message not in ("Logged In", "No App"):
		return
	if STAFF_ROLE in roles and message == "Logged In":
		frappe.local.response["home_page"] = "/app/" + frappe.scrub(WORKSPACE).replace("_", "-")
	elif roles & set(COACHING_ROLES):
		frappe.local.response["home_page"] = PORTAL_HOME


def send_home_after_login_request():
	"""before_request hook: the same landing as `send_home_after_login`, for Frappe versions that run
	`on_session_creation` before they write the login answer (which would then overwrite ours). Frappe
	completes a login before the request's hooks run; on versions that already answered, this sets the same
	page again."""
	login_manager = getattr(frappe.local, "login_manager", None)
	if login_manager is None or getattr(login_manager, "resume", True) is not False:
		return
	if login_manager.user in (None, "Guest"):
		return
	send_home_after_login(login_manager)


def boot_session(bootinfo):
	"""boot_session hook: the desk opens on the Coaching workspace for staff, on the Coach Desk for coaches,
	and on My Coaching for a coachee who is also a desk user, unless they chose another."""
	user = bootinfo.get("user") or {}
	if user.get("default_workspace"):
		return
	roles = frappe.get_roles()
	if "System Manager" in roles:
		# Site administrators (Administrator holds every role) keep the desk Frappe and the site give them.
		return
	if STAFF_ROLE in roles:
		workspace = WORKSPACE
	elif COACH in roles:
		workspace = COACH_WORKSPACE
	elif COACHEE in roles:
		workspace = COACHEE_WORKSPACE
	else:
		return
	if frappe.db.exists("Workspace", workspace):
		user["default_workspace"] = {"name": workspace, "public": 1, "title": workspace}


def keep_website_users_out_of_desk() -> None:
	"""before_request hook: a coachee (a website user) who opens /app is taken to My Coaching instead of a
	"not permitted" page asking them to log in again."""
	request = getattr(frappe, "request", None)
	if not request or request.method not in ("GET", "HEAD"):
		return
	path = request.path.rstrip("/")
	if path != "/app" and not path.startswith("/app/"):
		return
	user = frappe.session.user
	if user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "Website User":
		return
	if any(role in frappe.get_roles(user) for role in COACHING_ROLES):
		raise HTTPException(response=redirect(PORTAL_HOME, 302))
