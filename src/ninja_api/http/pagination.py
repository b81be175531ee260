from dataclasses import dataclass

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


def pagination_meta(page: Page, total: int, count: int, base_url: str) -> dict:
    total_pages = max(1, -(-total // page.size))
    links: dict = {}
    if page.number > 1:
        links["previous"] = f"{base_url}?page={page.number - 1}"
    if page.number < total_pages:
        links["next"] = f"{base_url}?page={page.number + 1}"
    return {
        "pagination": {
            "total": total,
            "count": count,
            "per_page": page.size,
            "current_page": page.number,
            "total_pages": total_pages,
            "links": links,
        }
    }
