def get_context(context):
	"""The message lists the coach's live agreements itself."""
	return None
