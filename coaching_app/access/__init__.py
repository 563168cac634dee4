"""Who sees and does what: every access decision of the app, in one place.

- `permissions`: the record-level hooks (list conditions and `has_permission`) for coaching records, their
  child rows and Frappe's rows about them (history, comments, assignments, files, emails).
- `scope`: the programs a staff member runs, for every report, number card, chart and notice.
- `write_scope`: staff write only into the programs they run.
- `guard`: Frappe endpoints that would read coaching tables past the hooks, and query text in arguments.
- `charts`: no Dashboard Chart or Number Card on coaching tables but the app's own.
- `feedback`: the only reader of feedback answers for staff figures (people, rounds, the anonymity floor).

Which tables these cover, and who owns which fields, is pure data in `coaching_app/rules/access.py`.
"""
