from dataclasses import dataclass
from urllib.parse import urlencode

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 5000
# per_page=0 or garbage gives 0 upstream, and Eloquent then falls back to the model default.
ELOQUENT_DEFAULT = 15


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        try:
            return int(float(str(value).strip()))
        except (TypeError, ValueError, OverflowError):
            return None


def page_from(data: dict) -> Page:
    if "per_page" in data:
        size = min(abs(_int(data["per_page"]) or 0), MAX_PER_PAGE) or ELOQUENT_DEFAULT
    else:
        size = DEFAULT_PER_PAGE
    number = _int(data.get("page"))
    if number is None or number < 1:
        number = 1
    return Page(number=number, size=size)


def cursor_link(base_url: str, query: dict, next_cursor: str) -> str:
    kept = {k: v for k, v in query.items() if isinstance(v, str) and k not in ("cursor", "page")}
    return f"{base_url}?{urlencode({**kept, 'cursor': next_cursor})}"


def pagination_meta(page: Page, total: int, count: int, base_url: str, next_cursor: str | None = None,
                    query: dict | None = None) -> dict:
    """With `next_cursor` (a keyset walk) `total` counts the rows from this page on, and the next
    link keeps the request's other parameters, since following it must continue the same walk."""
    total_pages = max(1, -(-total // page.size))
    links: dict = {}
    if page.number > 1:
        links["previous"] = f"{base_url}?page={page.number - 1}"
    if next_cursor is not None:
        if count < total:
            links["next"] = cursor_link(base_url, query or {}, next_cursor)
    elif page.number < total_pages:
        links["next"] = f"{base_url}?page={page.number + 1}"
    pagination = {
        "total": total,
        "count": count,
        "per_page": page.size,
        "current_page": page.number,
        "total_pages": total_pages,
        "links": links,
    }
    if next_cursor is not None:
        pagination["next_cursor"] = str(next_cursor)  # str(): what the spec reader can type
    return {"pagination": pagination}
