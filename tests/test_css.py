import re

from coaching_app.rules.css import css_string


def test_plain_text_stays_readable():
	assert css_string("Once a year, ask; then wait.") == '"Once a year, ask; then wait."'
	assert css_string("Rückmeldung über Ihre Coachin") == '"Rückmeldung über Ihre Coachin"'


def test_nothing_leaves_the_string_or_the_style():
	hostile = 'x" } body { display:none } </style><script>alert(1)</script>\\\n'
	quoted = css_string(hostile)
	inner = quoted[1:-1]
	assert quoted.startswith('"') and quoted.endswith('"')
	assert not re.search(r'["<>{}\n]', inner)
	assert "\\22 " in inner and "\\3c " in inner and "\\5c " in inner
