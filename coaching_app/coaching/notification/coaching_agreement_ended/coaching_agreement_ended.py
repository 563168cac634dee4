def get_context(context):
	"""The message reads only the agreement itself."""
	return None
