"""The REST API (under /api/v1) and the web UI, as one FastAPI app.

    >>> from letopis.api import create_app
    >>> app = create_app("kb.sqlite")             # read-only
    >>> app = create_app("kb.sqlite", token="s3") # POST /api/v1/documents needs "Authorization: Bearer s3"

Every endpoint is a thin layer over `letopis.query` (reads) or `letopis.extract` (analysis): no SQL
here. Errors are always JSON {"error": {"code", "message"}} under /api (an HTML page elsewhere), and
never carry a traceback. Request bodies above `MAX_BODY` bytes are refused with 413 before parsing.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from letopis import __version__
from letopis.model import Extraction, Metric

log = logging.getLogger("letopis.api")

PREFIX = "/api/v1"
MAX_BODY = 2 * 1024 * 1024  # 2 MB: far above any article, small enough to refuse abuse early
TOKEN_ENV = "LETOPIS_TOKEN"
_CODES = {400: "bad_request", 401: "unauthorized", 403: "read_only", 404: "not_found", 405: "method_not_allowed",
          413: "payload_too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


# ----------------------------------------------------------------------------------------------
# The database, opened lazily: POST /extract and the analyse page work without any store.


class Backend:
    """Holds the engine of one app; sessions are opened per request."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Any:
        if self._engine is None:
            with self._lock:
                if self._engine is None:
                    from letopis.store.db import open_db

                    self._engine = open_db(self.db_url)
        return self._engine


def get_session(request: Request) -> Iterator[Any]:
    from sqlalchemy.orm import Session

    with Session(request.app.state.backend.engine) as session:
        yield session


SessionDep = Annotated[Any, Depends(get_session)]


class ApiError(Exception):
    """An error with an HTTP status and a stable machine-readable code."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or _CODES.get(status, "error")


def call(fn: Callable[..., Any], *args: Any, lookup_status: int = 422, **kwargs: Any) -> Any:
    """Run a query function, turning its documented errors into API errors.

    `LookupError` (an unknown country or person name) is 404 when the name came from the path and
    422 when it came from a filter; `ValueError` (a malformed argument) is 422.
    """
    try:
        return fn(*args, **kwargs)
    except LookupError as e:
        raise ApiError(lookup_status, _msg(e, "unknown name"), "not_found" if lookup_status == 404 else
                       "unknown_value") from e
    except ValueError as e:
        raise ApiError(422, _msg(e, "invalid argument"), "invalid_request") from e


def _msg(e: Exception, default: str) -> str:
    # KeyError's str() adds quotes around the message; use the argument itself.
    text = str(e.args[0]) if e.args else ""
    return text[:300] or default


# ----------------------------------------------------------------------------------------------
# Parameters and bodies

DatePart = Annotated[
    str | None,
    Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)",
          examples=["2023", "2023-08-22"]),
]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
PairQ = Annotated[str | None, Query(max_length=100, description='A country pair: "KZ-TJ", "Казахстан-Таджикистан"',
                                    examples=["KZ-TJ"])]
Text = Annotated[str | None, Query(max_length=200)]


def check_date(value: str | None, name: str) -> str | None:
    """A partial ISO date that is also a real date (2023-02-30 is refused with 422)."""
    if value is None:
        return None
    y, m, d = [*value.split("-"), "01", "01"][:3]
    try:
        date(int(y), int(m), int(d))
    except ValueError as e:
        raise ApiError(422, f"{name}: not a valid date: {value}") from e
    return value


class ExtractRequest(BaseModel):
    """One article to analyse, with optional metadata (the same fields as `letopis extract`)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1_000_000, description="The article text (plain text)")
    published: date | None = Field(None, description="Publication date YYYY-MM-DD")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=200)

    def meta(self) -> dict[str, Any]:
        return {"published": self.published.isoformat() if self.published else None, "title": self.title,
                "source": self.source, "url": self.url, "id": self.id}


class Page(BaseModel):
    """A page of results: `total` counts every match, `items` holds at most `limit` of them."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid parameters"},
}


def page(result: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": int(result.get("total", 0)), "limit": limit, "offset": offset,
            "items": list(result.get("items", []))}


# ----------------------------------------------------------------------------------------------
# Extraction (no store needed); one at a time because the NLP models are shared per process.

_extract_lock = threading.Lock()


def run_extract(text: str, **meta: Any) -> Extraction:
    import letopis
    from letopis.textio import InputError

    try:
        with _extract_lock:
            return letopis.extract(text, **meta)
    except InputError as e:
        raise ApiError(422, str(e), "invalid_text") from e


# ----------------------------------------------------------------------------------------------
# REST endpoints

router = APIRouter(responses=_ERRORS)


@router.get("/health", tags=["meta"])
def health() -> dict[str, str]:
    """Liveness: the API answers (does not touch the database)."""
    return {"status": "ok", "version": __version__}


@router.post("/extract", tags=["analysis"], response_model=Extraction,
             responses={413: {"model": ErrorResponse, "description": "Body too large"}})
def extract(body: ExtractRequest) -> Extraction:
    """Extract every fact of one article without storing it (the schema of `letopis extract`)."""
    meta = body.meta()
    return run_extract(body.text, published=meta.pop("published"), **meta)


@router.get("/documents", tags=["documents"], response_model=Page)
def documents(session: SessionDep, q: Text = None, pair: PairQ = None, since: DatePart = None,
              until: DatePart = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest first; `q` is a full-text query that understands Russian word forms."""
    from letopis import query

    res = call(query.list_documents, session, pair=pair, since=check_date(since, "since"),
               until=check_date(until, "until"), q=q or None, limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/documents/{doc_id:path}", tags=["documents"])
def document(session: SessionDep, doc_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """One document: its text and every fact found in it, with offsets into the text."""
    from letopis import query

    doc = call(query.get_document, session, doc_id, lookup_status=404)
    if doc is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return doc


class IngestRequest(ExtractRequest):
    """An article to store (same fields as /extract)."""


@router.post("/documents", tags=["documents"], status_code=201,
             responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse},
                        413: {"model": ErrorResponse}})
def ingest_document(request: Request, response: Response, body: IngestRequest) -> dict[str, Any]:
    """Ingest one article (needs `Authorization: Bearer <LETOPIS_TOKEN>`; read-only without a token).

    201 when stored, 200 when the same text was already stored (`duplicate`: nothing is written).
    """
    check_token(request)
    from letopis.textio import InputError, check_text
    from letopis.web.adapters import ingest_one

    meta = body.meta()
    try:
        text = check_text(body.text)
    except InputError as e:
        raise ApiError(422, str(e), "invalid_text") from e
    x = run_extract(text, **meta)
    result = ingest_one(request.app.state.backend.engine, text, meta, x)
    if result.get("duplicate"):
        response.status_code = 200
    return result


def check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise ApiError(403, "this server is read-only: start it with LETOPIS_TOKEN set to accept documents")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required")


@router.get("/search", tags=["documents"], response_model=Page)
def search(session: SessionDep, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
           offset: Offset = 0) -> dict[str, Any]:
    """Full-text search, best match first, with a snippet (the sentence with a hit)."""
    from letopis import query

    return page(call(query.search, session, q, limit=limit, offset=offset), limit, offset)


@router.get("/entities/{ref:path}", tags=["entities"])
def entity(session: SessionDep, ref: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """A person, country or organization by id or any name form: roles over time, mentions, quotes, events."""
    from letopis import query

    ent = call(query.get_entity, session, ref, lookup_status=404)
    if ent is None:
        raise ApiError(404, f"no entity {ref!r}")
    return ent


@router.get("/pairs", tags=["pairs"], response_model=Page)
def pairs(session: SessionDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Country pairs with their fact counts and last activity, richest first."""
    from letopis import query

    items = call(query.list_pairs, session)
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset: offset + limit]}


Country = Annotated[str, Path(min_length=1, max_length=60, description="ISO code or name", examples=["KZ"])]


@router.get("/pairs/{a}/{b}", tags=["pairs"])
def dossier(session: SessionDep, a: Country, b: Country, since: DatePart = None,
            until: DatePart = None) -> dict[str, Any]:
    """The dossier of a country pair: timeline, agreements, figure series, targets, commitments, quotes."""
    from letopis import query

    return call(query.pair_dossier, session, a, b, since=check_date(since, "since"),
                until=check_date(until, "until"), lookup_status=404)


@router.get("/quotes", tags=["facts"], response_model=Page)
def quotes(session: SessionDep, speaker: Text = None, pair: PairQ = None, q: Text = None, since: DatePart = None,
           until: DatePart = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Quotes, newest first, by speaker (any name form), pair, dates or words."""
    from letopis import query

    res = call(query.list_quotes, session, speaker=speaker or None, pair=pair, since=check_date(since, "since"),
               until=check_date(until, "until"), q=q or None, limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/figures", tags=["facts"], response_model=Page)
def figures(session: SessionDep, metric: Metric | None = None, pair: PairQ = None, sector: Text = None,
            kind: Literal["actual", "target", "potential", "forecast", "change", "deal"] | None = None,
            since: DatePart = None, until: DatePart = None, limit: Limit = 50,
            offset: Offset = 0) -> dict[str, Any]:
    """Figures as series items (a figure repeated by several outlets is one item), oldest first."""
    from letopis import query

    res = call(query.list_figures, session, metric=metric, pair=pair, sector=sector or None, kind=kind,
               since=check_date(since, "since"), until=check_date(until, "until"), limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/agreements", tags=["facts"], response_model=Page)
def agreements(session: SessionDep, pair: PairQ = None,
               status: Literal["signed", "referenced", "planned"] | None = None, type: Text = None,
               since: DatePart = None, until: DatePart = None, limit: Limit = 50,
               offset: Offset = 0) -> dict[str, Any]:
    """Agreements (one per document across articles) with their status history."""
    from letopis import query

    res = call(query.list_agreements, session, pair=pair, status=status, type=type or None,
               since=check_date(since, "since"), until=check_date(until, "until"), limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/commitments", tags=["facts"], response_model=Page)
def commitments(session: SessionDep, pair: PairQ = None, status: Literal["open", "met", "overdue"] | None = None,
                modality: Text = None, since: DatePart = None, until: DatePart = None, limit: Limit = 50,
                offset: Offset = 0) -> dict[str, Any]:
    """Commitments with their tracked status: open, met (a later actual reached the target) or overdue."""
    from letopis import query

    res = call(query.list_commitments, session, pair=pair, status=status, modality=modality or None,
               since=check_date(since, "since"), until=check_date(until, "until"), limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/events", tags=["facts"], response_model=Page)
def events(session: SessionDep, pair: PairQ = None, type: Text = None, since: DatePart = None,
           until: DatePart = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events (visits, talks, summits...), oldest first."""
    from letopis import query

    res = call(query.list_events, session, pair=pair, type=type or None, since=check_date(since, "since"),
               until=check_date(until, "until"), limit=limit, offset=offset)
    return page(res, limit, offset)


@router.get("/stories", tags=["documents"], response_model=Page)
def stories(session: SessionDep, pair: PairQ = None, min_size: Annotated[int, Query(ge=1, le=1000)] = 1,
            limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories: groups of near-duplicate documents (one story reprinted by several outlets), largest first."""
    from letopis import query

    return page(call(query.list_stories, session, pair=pair, min_size=min_size, limit=limit, offset=offset),
                limit, offset)


# ----------------------------------------------------------------------------------------------
# Errors, body limit, the app factory


def _error_json(status: int, message: str, code: str | None = None,
                headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code or _CODES.get(status, "error"), "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def _error_response(request: Request, status: int, message: str, code: str | None = None,
                    headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from letopis.web.pages import error_page

        return error_page(request, status, message, headers=headers)
    return _error_json(status, message, code, headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error_response(request, exc.status, exc.message, exc.code, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _CODES.get(exc.status_code, "error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint or page: {request.url.path}"
        return _error_response(request, exc.status_code, message, None, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, _describe_validation(exc.errors()))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        # The traceback goes to the server log only; the client learns nothing about internals.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error_response(request, 500, "internal server error")


def _describe_validation(errors: Any) -> str:
    parts = []
    for err in list(errors)[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


class BodyLimit:
    """ASGI middleware: refuse bodies above `limit` bytes with 413, by header or while streaming."""

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._too_large(scope, receive, send)
            return
        seen, refused = 0, False

        async def limited() -> dict:
            # A streamed body without Content-Length: answer 413 ourselves once it grows too large,
            # tell the app the client left, and drop whatever the app still tries to send.
            nonlocal seen, refused
            msg = await receive()
            if msg["type"] == "http.request" and not refused:
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    refused = True
                    await self._too_large(scope, receive, send)
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: dict) -> None:
            if not refused:
                await send(msg)

        await self.app(scope, limited, guarded_send)

    async def _too_large(self, scope: dict, receive: Callable, send: Callable) -> None:
        resp = _error_json(413, f"request body is larger than {self.limit // 1024} KB")
        await resp(scope, receive, send)


def create_app(db_url: str | None = None, token: str | None = None) -> FastAPI:
    """The web UI and the REST API over the knowledge base at `db_url` (see `letopis.store.db.resolve_url`).

    `token` (else $LETOPIS_TOKEN) enables POST /api/v1/documents for clients that send it as a bearer
    token; without one the server is read-only.
    """
    from letopis.web import pages

    app = FastAPI(
        title="Letopis API", version=__version__,
        description="Facts about relations between states read from Russian-language news, with evidence.",
        openapi_url=f"{PREFIX}/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.backend = Backend(db_url)
    app.state.token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    app.include_router(router, prefix=PREFIX)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")

    @app.get(f"{PREFIX}/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> Response:
        return pages.api_docs_page(request, app.openapi())

    _install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    return app


# Scripts only from this server: even if some markup slipped through escaping, inline script,
# event-handler attributes and javascript: URLs would not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """ASGI middleware adding CSP and related headers to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: dict) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers") or [])
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, with_headers)
