"""Rendered PDFs kept in memory, least recently used first out, bounded by their total size.

Keys are digests of everything a page is drawn from (see `document.page_key`), so a changed
document, client, contact, group or company simply has another key: nothing is ever invalidated,
stale entries age out. In memory rather than on disk: the code that draws a page is part of what
it depends on, and a process's cache dies with its code; a purged client's PDFs never outlive
the process on a disk; nothing to clean, no files shared between workers.
"""

import threading
from collections import OrderedDict


class PdfCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            pdf = self._entries.get(key)
            if pdf is not None:
                self._entries.move_to_end(key)
            return pdf

    def put(self, key: bytes, pdf: bytes) -> bytes:
        if len(pdf) > self.max_bytes:
            return pdf
        with self._lock:
            old = self._entries.pop(key, None)
            self.size += len(pdf) - (len(old) if old is not None else 0)
            self._entries[key] = pdf
            while self.size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.size -= len(evicted)
        return pdf

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


_cache = PdfCache(16 * 1024 * 1024)


def configure(megabytes: int) -> None:
    """A fresh cache of this size for the process (create_app calls it with PDF_CACHE_MB)."""
    global _cache
    _cache = PdfCache(megabytes * 1024 * 1024)


def pdf_cache() -> PdfCache:
    return _cache
