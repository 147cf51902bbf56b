"""The office pages' static files: htmx (vendored, Zero-Clause BSD), the script and the style sheet (package data)."""
