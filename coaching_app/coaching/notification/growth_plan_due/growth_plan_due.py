def get_context(context):
	"""The message reads only the document itself."""
	return None
