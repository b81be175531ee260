"""The Fractal-style envelope: {data, meta, static}, with upstream's `index` and `include_static`."""

from ninja_api.http.input import RequestInput
from ninja_api.http.rendering import ApiResponse
from ninja_api.statics.data import statics


def _php_truthy(value) -> bool:
    return value not in (None, "", "0", 0, False, [], {})


def envelope(inp: RequestInput, data, meta: dict | None = None) -> ApiResponse:
    index = inp.get("index")
    if index == "none":
        return ApiResponse(data)
    body: dict = {(index if isinstance(index, str) and index else "data"): data}
    if meta is not None:
        body["meta"] = meta
    if _php_truthy(inp.get("include_static")):
        body["static"] = statics()
    return ApiResponse({k: body[k] for k in sorted(body)})


def message(text: str, status: int = 200) -> ApiResponse:
    return ApiResponse({"message": text}, status_code=status)
