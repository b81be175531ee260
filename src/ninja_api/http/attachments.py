"""Files sent with a create or update (`documents[]` in a multipart store or PUT).

The shared routes hand them to whoever registered to take them (the documents package), so that
`http/` does not depend on what stores files.
"""

from collections.abc import Callable

_handlers: list[Callable] = []


def register(handler: Callable) -> None:
    """`handler(session, ctx, row, inp)` stores the files of `inp` on `row`, if it takes that row."""
    if handler not in _handlers:
        _handlers.append(handler)


def attach(session, ctx, row, inp) -> None:
    if not inp.files:
        return
    for handler in _handlers:
        handler(session, ctx, row, inp)
