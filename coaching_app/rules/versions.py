"""Which Frappe versions the app supports.

Frappe 15.44.2 is the oldest release the app is tested on; earlier v15 releases lack fixes to permission
checks that the app's access rules rely on. v16 development builds carry versions such as "16.0.0-dev".
"""

import re

MINIMUM = (15, 44, 2)
BELOW_NEXT_MAJOR = 17


def parsed(version: str) -> tuple[int, int, int]:
	"""(major, minor, patch) of a Frappe version string; missing parts count as 0."""
	numbers = [int(n) for n in re.findall(r"\d+", version.split("-", 1)[0])[:3]]
	return tuple([*numbers, 0, 0, 0][:3])


def is_supported(version: str) -> bool:
	found = parsed(version)
	return MINIMUM <= found and found[0] < BELOW_NEXT_MAJOR
