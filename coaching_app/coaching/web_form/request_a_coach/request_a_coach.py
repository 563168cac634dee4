def get_context(context):
	"""Access is decided by the DocType's permissions and the app's permission hooks."""
	return context
