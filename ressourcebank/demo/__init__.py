"""Demo content for a fresh clone: `manage.py load_demo` (run by `make run`)."""
