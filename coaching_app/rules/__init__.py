"""Decisions that need no database: pure Python, importable and testable without Frappe."""
