def get_context(context):
	"""The message names the learner and the program itself."""
	return None
