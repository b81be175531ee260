"""The double-click guard on `POST /payments`: the same request again within a second is refused.

Upstream keys its cache on (client IP, raw `amount`, raw `client_id`, company key) for one second,
and stores the key before it validates, so even a rejected request arms it. The memory lives on the
app (one per process); several server processes each keep their own.
"""

import threading
import time

from ninja_api.http.errors import ApiError

WINDOW_SECONDS = 1.0


class RecentRequests:
    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        self.window = window
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def check_and_remember(self, key: str) -> bool:
        """True when the key was not seen within the window; remembers it either way."""
        now = time.monotonic()
        with self._lock:
            for old in [k for k, expiry in self._seen.items() if expiry <= now]:
                del self._seen[old]
            fresh = key not in self._seen
            self._seen[key] = now + self.window
            return fresh

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


def _raw(value) -> str:
    if value is None:
        return "0"
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, (str, int, float)) else ""


def guard_key(ip: str, data: dict, company_key: str) -> str:
    client_id = data.get("client_id")
    return f"{ip}|{_raw(data.get('amount'))}|{client_id if isinstance(client_id, str) else ''}|{company_key}"


def refuse_repeats(recent: RecentRequests, ip: str, data: dict, company_key: str) -> None:
    if not recent.check_and_remember(guard_key(ip, data, company_key)):
        # Upstream throws with 429 and "Duplicate request.", but the exception renders itself as this.
        raise ApiError(400, {"message": "Duplicate request"})


_CREATING = threading.Lock()


def recent_requests(app) -> RecentRequests:
    with _CREATING:
        recent = getattr(app.state, "recent_payments", None)
        if recent is None:
            recent = app.state.recent_payments = RecentRequests()
        return recent
