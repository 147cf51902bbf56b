"""The production office's server: a JSON API over the store of record (FastAPI).

``app.create_app`` builds it; ``orbitfilm serve`` runs it with uvicorn. Routes parse, check
access (``access``), call one store or library function and render; the solver runs in a
worker process (``jobs``).
"""
