"""Server-rendered pages (Russian interface). Each route is a thin layer over `letopis.query`.

Templates autoescape everything; the only pre-built HTML is the highlighted article, which
`highlight.render` builds from escaped pieces, and the SVG charts, whose text Jinja escapes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from letopis import __version__
from letopis.web import charts, fmt
from letopis.web.highlight import highlight_document

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_ANALYSE_CHARS = 200_000

router = APIRouter(include_in_schema=False)


@cache
def env() -> Environment:
    e = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                    trim_blocks=True, lstrip_blocks=True)
    fmt.register(e)
    e.filters["q"] = lambda v: quote(str(v), safe="")
    e.globals.update(doc_url=doc_url, entity_url=entity_url, pair_url=pair_url, version=__version__)
    return e


def render(request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None,
           **ctx: Any) -> HTMLResponse:
    html = env().get_template(name).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status, headers=headers)


def doc_url(doc_id: Any, start: Any = None, end: Any = None) -> str:
    """The page of a stored document; with offsets it opens scrolled to that evidence."""
    url = f"/documents/{quote(str(doc_id), safe='')}"
    if isinstance(start, int) and isinstance(end, int):
        url += f"?at={start}-{end}"
    return url


def ev_url(ev: Any) -> str | None:
    if not isinstance(ev, dict) or not ev.get("document_id"):
        return None
    return doc_url(ev["document_id"], ev.get("start"), ev.get("end"))


def entity_url(ref: Any) -> str:
    if isinstance(ref, dict):
        ref = ref.get("id") or ref.get("name")
    return f"/entities/{quote(str(ref), safe='')}"


def pair_url(pair: Any) -> str:
    """'KZ-TJ' (or a pair dict) -> /pairs/KZ/TJ."""
    if isinstance(pair, dict):
        a, b = (pair.get("a") or {}).get("code"), (pair.get("b") or {}).get("code")
        if not (a and b):
            a, _, b = str(pair.get("pair", "")).partition("-")
    else:
        a, _, b = str(pair).partition("-")
    return f"/pairs/{quote(a, safe='')}/{quote(b, safe='')}"


def safe_url(url: Any) -> str | None:
    """Only http(s) links from stored metadata become hrefs (no javascript: or data: URLs)."""
    s = str(url or "").strip()
    return s if s.lower().startswith(("http://", "https://")) else None


env().globals.update(ev_url=ev_url, safe_url=safe_url)


def session_dep(request: Request) -> Any:
    from letopis.api import get_session

    yield from get_session(request)


Session = Annotated[Any, Depends(session_dep)]


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    titles = {404: "Не найдено", 413: "Слишком большой запрос", 422: "Неверный запрос",
              401: "Нужна авторизация", 403: "Доступ запрещён", 500: "Ошибка сервера"}
    return render(request, "error.html", status=status, headers=headers, status_code=status,
                  title=titles.get(status, "Ошибка"), message=message)


# ----------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: Session) -> Response:
    from letopis import query

    pairs = query.list_pairs(session)
    docs = query.list_documents(session, limit=12)
    return render(request, "home.html", pairs=pairs, docs=docs)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: Session, q: Annotated[str, Query(max_length=200)] = "",
                offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    from letopis import query

    q = q.strip()
    res = query.search(session, q, limit=20, offset=offset) if q else {"total": 0, "items": []}
    return render(request, "search.html", q=q, res=res, offset=offset, limit=20,
                  more=_more_url("/search", {"q": q}, offset, 20, res["total"]))


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, session: Session, pair: Annotated[str | None, Query(max_length=100)] = None,
                   offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    from letopis import query
    from letopis.api import call

    res = call(query.list_documents, session, pair=pair or None, limit=30, offset=offset)
    return render(request, "documents.html", res=res, pair=pair, offset=offset,
                  more=_more_url("/documents", {"pair": pair} if pair else {}, offset, 30, res["total"]))


def _more_url(base: str, params: dict[str, Any], offset: int, limit: int, total: int) -> dict[str, str | None]:
    def at(o: int) -> str:
        return base + "?" + urlencode({**params, "offset": o})

    return {"prev": at(max(0, offset - limit)) if offset > 0 else None,
            "next": at(offset + limit) if offset + limit < total else None}


@router.get("/pairs/{a}/{b}", response_class=HTMLResponse)
def pair_page(request: Request, session: Session, a: str, b: str,
              since: Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = None,
              until: Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = None,
              ) -> Response:
    from letopis import query
    from letopis.api import call, check_date

    d = call(query.pair_dossier, session, a, b, since=check_date(since or None, "since"),
             until=check_date(until or None, "until"), lookup_status=404)
    series = [c for c in (charts.build(s, ev_url) for s in d.get("figures") or []) if c]
    by_status: dict[str, list[dict[str, Any]]] = {"overdue": [], "open": [], "met": []}
    for c in d.get("commitments") or []:
        by_status.setdefault(str(c.get("status") or "open"), []).append(c)
    return render(request, "pair.html", d=d, charts=series, by_status=by_status, since=since or "",
                  until=until or "")


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, session: Session, doc_id: str,
                  at: Annotated[str | None, Query(max_length=40, pattern=r"^\d+-\d+$")] = None) -> Response:
    from letopis import query
    from letopis.api import ApiError

    doc = query.get_document(session, doc_id)
    if doc is None:
        raise ApiError(404, "Документ не найден")
    target = tuple(int(x) for x in at.split("-")) if at else None
    hl = highlight_document(doc, target=target)
    return render(request, "document.html", doc=doc, hl=hl, stored=True)


@router.get("/entities/{ref:path}", response_class=HTMLResponse)
def entity_page(request: Request, session: Session, ref: str) -> Response:
    from letopis import query
    from letopis.api import ApiError, call

    ent = call(query.get_entity, session, ref, lookup_status=404)
    if ent is None:
        raise ApiError(404, "Такой участник не найден")
    return render(request, "entity.html", e=ent)


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request) -> Response:
    return render(request, "analyse.html", form={}, hl=None, doc=None)


@router.post("/analyse", response_class=HTMLResponse)
def analyse_submit(request: Request, text: Annotated[str, Form(max_length=MAX_ANALYSE_CHARS)] = "",
                   published: Annotated[str, Form(max_length=10)] = "",
                   title: Annotated[str, Form(max_length=500)] = "") -> Response:
    """Analyse pasted text and show it highlighted; nothing is stored."""
    from letopis.api import ApiError, check_date, run_extract

    form = {"text": text, "published": published, "title": title}
    if not text.strip():
        return render(request, "analyse.html", status=422, form=form, hl=None, doc=None,
                      error="Вставьте текст статьи.")
    pub = published.strip() or None
    try:
        if pub is not None and len(pub) != 10:
            raise ApiError(422, "date")
        check_date(pub, "published")
        x = run_extract(text, published=pub, title=title.strip() or None)
    except ApiError as e:
        msg = "Дата должна быть в формате ГГГГ-ММ-ДД." if "date" in e.message else f"Текст не разобран: {e.message}"
        return render(request, "analyse.html", status=422, form=form, hl=None, doc=None, error=msg)
    doc = x.model_dump(mode="json", by_alias=True)
    doc["text"] = text.replace("\r\n", "\n").replace("\r", "\n")
    return render(request, "analyse.html", form=form, hl=highlight_document(doc), doc=doc)


def api_docs_page(request: Request, schema: dict[str, Any]) -> HTMLResponse:
    """A self-contained reference of the REST API built from its own OpenAPI schema (no CDN assets)."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "description": p.get("description") or "", "schema": _type_of(p.get("schema") or {})}
                      for p in op.get("parameters", [])]
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            desc = (op.get("description") or "").strip()
            first, _, rest = desc.partition("\n\n")
            ops.append({"method": method.upper(), "path": path, "summary": first or op.get("summary") or "",
                        "description": rest.strip(), "params": params,
                        "body": _ref_name(body) if body else None, "tags": op.get("tags") or [],
                        "responses": sorted(op.get("responses", {}).keys())})
    return render(request, "apidocs.html", ops=ops, schema=schema)


def _type_of(s: dict[str, Any]) -> str:
    if "anyOf" in s:
        return " | ".join(_type_of(x) for x in s["anyOf"] if x.get("type") != "null")
    if "enum" in s:
        return " | ".join(str(v) for v in s["enum"])
    return str(s.get("type") or _ref_name(s) or "")


def _ref_name(s: dict[str, Any]) -> str:
    return str(s.get("$ref", "")).rsplit("/", 1)[-1]
