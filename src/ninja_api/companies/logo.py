"""The company logo: uploaded with a company update (`company_logo`), kept as a PNG in the
documents store, linked from `settings.company_logo` by a public URL, as upstream's public disk.

Upstream re-encodes every logo as PNG, so a file that is no image is refused rather than kept.
Only keys this module writes are served publicly (`logos/<company key>/<sha1>.png`); the rest of
the store (documents) is never reachable without a token.
"""

import hashlib
import io
import re
from functools import cache

from sqlalchemy.orm import Session

from ninja_api.documents import storage
from ninja_api.http.errors import ValidationFailed
from ninja_api.models import Company
from ninja_api.settings import get_settings

FIELD = "company_logo"
MAX_KILOBYTES = 10000
TYPES = ("jpeg", "jpg", "png", "gif")
PUBLIC_PREFIX = "/storage/"
KEY = re.compile(r"logos/[A-Za-z0-9]{1,100}/[0-9a-f]{40}\.png")



def _public_url(key: str) -> str:
    return get_settings().app_url.rstrip("/") + PUBLIC_PREFIX + key


def own_key(url) -> str | None:
    """The store key of a logo URL this server handed out, or None."""
    prefix = _public_url("")
    if isinstance(url, str) and url.startswith(prefix) and KEY.fullmatch(url[len(prefix):]):
        return url[len(prefix):]
    return None


@cache
def blank_png() -> bytes:
    """Upstream's answer when the logo cannot be had: one transparent pixel."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (1, 1), (0, 0, 0, 0)).save(out, "PNG")
    return out.getvalue()


def _png(data: bytes) -> bytes | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format.lower() not in TYPES:
                return None
            out = io.BytesIO()
            image.convert("RGBA").save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def store(session: Session, company: Company, upload, previous_url) -> None:
    """Keep `upload` as the company's logo (replacing one of ours, removed once committed)."""
    data = upload.file.read(MAX_KILOBYTES * 1024 + 1)
    if len(data) > MAX_KILOBYTES * 1024:
        raise ValidationFailed({FIELD: [f"The company logo must not be greater than {MAX_KILOBYTES} kilobytes."]})
    png = _png(data)
    if png is None:
        raise ValidationFailed({FIELD: [f"The company logo must be a file of type: {', '.join(TYPES)}."]})
    key = f"logos/{company.company_key}/{hashlib.sha1(png).hexdigest()}.png"
    storage.write(session, key, png)
    old = own_key(previous_url)
    if old is not None and old != key:
        storage.remove_after_commit(session, old)
    company.settings = {**(company.settings or {}), FIELD: _public_url(key)}


def forget(session: Session, previous_url, current_url) -> None:
    """Settings that dropped or replaced one of our logos: its file goes once committed."""
    old = own_key(previous_url)
    if old is not None and old != own_key(current_url):
        storage.remove_after_commit(session, old)


def public(key: str) -> bytes | None:
    return storage.storage().read(key) if KEY.fullmatch(key) else None


def image_of(company: Company) -> bytes:
    """`GET /companies/{id}/logo`: the logo's bytes, fetched when it lives elsewhere, as upstream."""
    url = str((company.settings or {}).get(FIELD) or "")
    key = own_key(url)
    if key is not None:
        return storage.storage().read(key) or blank_png()
    if len(url) <= 5:
        return blank_png()
    import httpx  # only for a logo kept elsewhere; a serving process need not load it

    try:
        response = httpx.get(url, timeout=5, follow_redirects=True)
    except (httpx.HTTPError, ValueError):
        return blank_png()
    return response.content if response.is_success else blank_png()
