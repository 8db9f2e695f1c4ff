"""The API and the analyst's workbench (``warledger serve``; needs ``pip install 'warledger[serve]'``).

``warledger.serve.app.create_app(Settings(db=...))`` builds the FastAPI application: the JSON API under
``/api`` (routes in :mod:`warledger.serve.api`) and the workbench's pages (:mod:`warledger.serve.pages`).
Nothing here is imported by the rest of warledger, so the core never needs FastAPI.
"""
