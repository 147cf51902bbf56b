"""The office pages' templates (package data)."""
