def get_context(context):
	"""The message reads only the feedback request itself."""
	return None
