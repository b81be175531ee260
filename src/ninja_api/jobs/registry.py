"""Functions a job names by a string.

A job's payload crosses processes and restarts, so it is data: it names what to run (and what a
step of it calls back: a mail's attachment, what to record once it is sent) instead of holding a
function. Modules register their functions at import; `function` imports them all first, so a
worker that imported nothing else still finds every name.
"""

import importlib
from collections.abc import Callable

MODULES = (
    "ninja_api.mail.outbox",
    "ninja_api.billing.mail_jobs",
    "ninja_api.documents.service",
    "ninja_api.documents.storage",
    "ninja_api.templates.service",
    "ninja_api.emails.history",
    "ninja_api.webhooks.delivery",
    "ninja_api.scheduler.runner",
)

_functions: dict[str, Callable] = {}
_loaded = False


def named(name: str) -> Callable[[Callable], Callable]:
    def register(fn: Callable) -> Callable:
        if _functions.setdefault(name, fn) is not fn:
            raise ValueError(f"two job functions are named {name!r}")
        return fn

    return register


def function(name: str) -> Callable:
    global _loaded
    if not _loaded:
        for module in MODULES:
            importlib.import_module(module)
        _loaded = True
    try:
        return _functions[name]
    except KeyError:
        raise LookupError(f"no job function is named {name!r}") from None
