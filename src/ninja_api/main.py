"""The ASGI app uvicorn serves (`ninja_api.main:app`)."""

from ninja_api.app import create_app

app = create_app()
