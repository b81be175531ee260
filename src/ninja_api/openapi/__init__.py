"""Write the OpenAPI document of the app: `python -m ninja_api.openapi [path]`."""

import json
import sys
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"


def document() -> str:
    from ninja_api.app import create_app
    from ninja_api.settings import Settings

    # A throwaway in-memory database: generating the spec must not touch a real one.
    app = create_app(Settings(database_url="sqlite://"))
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document())
    print(f"wrote {path}")
    return 0


