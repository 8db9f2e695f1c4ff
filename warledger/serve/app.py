"""The application: the JSON API, the workbench's pages and their static files, in one process.

>>> from warledger.serve.app import create_app
>>> from warledger.serve.settings import Settings
>>> app = create_app(Settings(db="ledger.db"))      # then: uvicorn.run(app, host="127.0.0.1", port=8000)
"""
from __future__ import annotations

import gc
import threading
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, AsyncIterator, Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import warledger
from warledger.errors import InputError, StoreError
from warledger.serve import api, bulk_review, duplicates, pages, report_pages, tally_pages
from warledger.serve.security import GuardMiddleware
from warledger.serve.settings import Settings
from warledger.store import Ledger
from warledger.store.review import NotFound
from warledger.store.team import Stale


def _lazy_geocoder(gazetteer: Optional[str]) -> Callable[[], Any]:
    """The geocoder is loaded on the first POST /api/reports, not at start-up (it takes seconds)."""
    lock = threading.Lock()
    holder: list[Any] = []

    def get() -> Any:
        with lock:
            if not holder:
                from warledger.geocode import load_geocoder
                holder.append(load_geocoder(gazetteer))
                settle_heap()   # the gazetteer is long-lived too
            return holder[0]
    return get


def settle_heap() -> None:
    """Collect once, then move every object alive now out of the collector's sight (``gc.freeze``).

    The server's long-lived objects (modules, routes, lexicons, the engine) are some 80,000 containers; a
    full collection walks all of them and took 150-250 ms on this project's machine, stalling every
    request in flight (the tail of issue 10's load test).  Frozen, they are never walked again; what the
    requests allocate is still collected as usual."""
    gc.collect()
    gc.freeze()


def create_app(settings: Settings, ledger: Optional[Ledger] = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settle_heap()
        duplicates.warm(app.state.ledger)
        try:
            yield
        finally:
            app.state.ledger.close()
            gc.unfreeze()

    app = FastAPI(title="warledger", lifespan=lifespan, docs_url=None, redoc_url=None, version=warledger.__version__,
                  description="A reconciled, evidence-linked ledger of conflict incidents: read it, filter it, "
                              "export it, and correct it with every change audited. Writes need "
                              "'Authorization: Bearer TOKEN' (warledger token create NAME).")
    app.state.settings = settings
    app.state.ledger = ledger or Ledger(settings.db)
    app.state.geocoder = _lazy_geocoder(settings.gazetteer)

    @app.exception_handler(NotFound)
    def _not_found(request: Request, exc: NotFound) -> Response:
        if pages.wants_page(request):
            return pages.error_page(request, 404, str(exc), merged_into=exc.merged_into)
        body: dict[str, Any] = {"detail": str(exc)}
        if exc.merged_into:
            body["merged_into"] = exc.merged_into
        return JSONResponse(body, status_code=404)

    @app.exception_handler(InputError)
    def _bad_input(request: Request, exc: InputError) -> Response:
        if pages.wants_page(request):
            return pages.error_page(request, 400, str(exc))
        return JSONResponse({"detail": str(exc), **getattr(exc, "fields", {})}, status_code=400)

    @app.exception_handler(Stale)
    def _stale(request: Request, exc: Stale) -> Response:
        return JSONResponse({"detail": str(exc), "newer": exc.newer, "version": exc.version,
                             "said": exc.said}, status_code=409)

    @app.exception_handler(StoreError)
    def _store(request: Request, exc: StoreError) -> Response:
        if pages.wants_page(request):
            return pages.error_page(request, 503, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        if pages.wants_page(request):
            return pages.error_page(request, 422, "; ".join(
                f"{'.'.join(str(p) for p in e['loc'][1:]) or 'the request'}: {e['msg']}" for e in errors))
        return JSONResponse({"detail": "the request does not have the expected shape: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'the request'}: {e['msg']}" for e in errors) +
            " (the API is described at /docs)", "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 401 and pages.wants_page(request):
            return pages.error_page(request, 401, str(exc.detail))
        if exc.status_code == 404 and pages.wants_page(request):
            return pages.error_page(request, 404, f"there is no page {request.url.path!r} here: the workbench "
                                                  "has / (map and table), /tally, /review, /duplicates, /claims, /incidents/ID, "
                                                  "/reports/ID and /reports/new")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    app.include_router(api.router)
    app.include_router(bulk_review.router)
    app.include_router(duplicates.api_router)
    app.include_router(pages.router)
    app.include_router(report_pages.router)   # after pages: /reports/new is not a report's id
    app.include_router(tally_pages.router)
    app.include_router(duplicates.page_router)
    static = resources.files("warledger.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(GuardMiddleware, settings=settings)

    return app
