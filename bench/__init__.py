"""Build benchmark: `make bench` (or `python -m bench`)."""
