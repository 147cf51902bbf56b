"""Style sheets inlined into every HTML output (package data)."""
