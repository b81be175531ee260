import re
import secrets
import unicodedata

_UNSAFE = re.compile(r"[^\w\s\-~,;\[\]().]")


def document_filename(label: str, number: str | None, extension: str = "pdf") -> str:
    """Upstream's file name: `Invoice_0001.pdf`, unsafe characters dropped, spaces as underscores."""
    name = f"{label}_{number}" if number else f"{label}_{secrets.token_hex(3)[:5]}"
    name = _UNSAFE.sub("", name)
    name = re.sub(r"\.{2,}", "", name)
    name = re.sub(r"\s+", "_", name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"{ascii_name}.{extension}"
