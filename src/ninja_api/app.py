"""create_app(): middleware, routers and upstream's error answers."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from ninja_api import ids
from ninja_api.pdf import cache as pdf_cache
from ninja_api.db import (
    BUSY_MESSAGE, RETRY_AFTER, RequestSlots, ServerBusy, make_engine, make_sessionmaker, pool_options,
)
from ninja_api.http.errors import ApiError
from ninja_api.http.middleware import CorsMiddleware, MethodOverrideMiddleware
from ninja_api.http.rendering import ApiResponse
from ninja_api.jobs import dispatch
from ninja_api.jobs.runner import Env
from ninja_api.mail.transport import transport_for
from ninja_api.openapi import docs
from ninja_api.scheduler.runner import lifespan as scheduler_lifespan
from ninja_api.settings import MINIMUM_CLIENT_VERSION, Settings, configure, get_settings

log = logging.getLogger("ninja_api")

API_PREFIX = "/api/v1"


def _routers():
    from ninja_api.auth.endpoints import router as auth_router
    from ninja_api.clients.endpoints import router as clients_router
    from ninja_api.companies.endpoints import router as companies_router
    from ninja_api.billing.portal import router_for
    from ninja_api.credits.endpoints import router as credits_router
    from ninja_api.credits.kind import CREDIT
    from ninja_api.designs.endpoints import router as designs_router
    from ninja_api.invoices.endpoints import router as invoices_router
    from ninja_api.invoices.kind import INVOICE
    from ninja_api.payment_terms.endpoints import router as payment_terms_router
    from ninja_api.payments.endpoints import router as payments_router
    from ninja_api.products.endpoints import router as products_router
    from ninja_api.quotes.endpoints import router as quotes_router
    from ninja_api.quotes.kind import QUOTE
    from ninja_api.recurring_invoices.endpoints import router as recurring_invoices_router
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE_DOCUMENT
    from ninja_api.recurring_quotes.endpoints import router as recurring_quotes_router
    from ninja_api.recurring_quotes.kind import RECURRING_QUOTE_DOCUMENT
    from ninja_api.system.endpoints import router as system_router
    from ninja_api.tax_rates.endpoints import router as tax_rates_router
    from ninja_api.templates.endpoints import router as templates_router
    from ninja_api.tokens.endpoints import router as tokens_router
    from ninja_api.users.endpoints import router as users_router
    from ninja_api.group_settings.endpoints import router as group_settings_router
    from ninja_api.locations.endpoints import router as locations_router
    from ninja_api.projects.endpoints import router as projects_router
    from ninja_api.task_statuses.endpoints import router as task_statuses_router
    from ninja_api.tasks.endpoints import router as tasks_router
    from ninja_api.expense_categories.endpoints import router as expense_categories_router
    from ninja_api.expenses.endpoints import router as expenses_router
    from ninja_api.vendors.endpoints import router as vendors_router
    from ninja_api.purchase_orders.endpoints import router as purchase_orders_router
    from ninja_api.purchase_orders.kind import PURCHASE_ORDER
    from ninja_api.recurring_expenses.endpoints import router as recurring_expenses_router
    from ninja_api.webhooks.endpoints import router as webhooks_router
    from ninja_api.activities.endpoints import router as activities_router
    from ninja_api.documents.endpoints import router as documents_router
    from ninja_api.client_gateway_tokens.endpoints import router as client_gateway_tokens_router
    from ninja_api.subscriptions.endpoints import router as subscriptions_router
    from ninja_api.bank_integrations.endpoints import router as bank_integrations_router
    from ninja_api.bank_transactions.endpoints import router as bank_transactions_router
    from ninja_api.bank_transaction_rules.endpoints import router as bank_transaction_rules_router
    from ninja_api.imports.endpoints import router as imports_router
    from ninja_api.previews.endpoints import router as previews_router
    from ninja_api.company_gateways.endpoints import router as company_gateways_router
    from ninja_api.emails.endpoints import router as emails_router
    from ninja_api.charts.endpoints import router as charts_router
    from ninja_api.search.endpoints import router as search_router

    return [system_router, auth_router, clients_router, companies_router, tokens_router, users_router,
            invoices_router, products_router, tax_rates_router, payment_terms_router, designs_router,
            templates_router, credits_router, quotes_router, router_for(INVOICE, QUOTE, CREDIT),
            payments_router, recurring_invoices_router, recurring_quotes_router,
            router_for(RECURRING_INVOICE_DOCUMENT, RECURRING_QUOTE_DOCUMENT),
            group_settings_router, projects_router, tasks_router, task_statuses_router, locations_router,
            vendors_router, expense_categories_router, expenses_router, purchase_orders_router,
            router_for(PURCHASE_ORDER), recurring_expenses_router,
            webhooks_router, activities_router, client_gateway_tokens_router,
            documents_router, subscriptions_router, bank_integrations_router,
            bank_transactions_router, bank_transaction_rules_router, imports_router, previews_router,
            company_gateways_router, emails_router, charts_router, search_router]


def _portal_routers():
    from ninja_api.billing.portal import portal_router_for
    from ninja_api.credits.kind import CREDIT
    from ninja_api.invoices.kind import INVOICE
    from ninja_api.purchase_orders.kind import PURCHASE_ORDER
    from ninja_api.quotes.kind import QUOTE
    from ninja_api.recurring_invoices.kind import RECURRING_INVOICE_DOCUMENT

    from ninja_api.companies.endpoints import public_router as logos_router

    return [portal_router_for(INVOICE, QUOTE, CREDIT, RECURRING_INVOICE_DOCUMENT, PURCHASE_ORDER), logos_router]


def create_app(settings: Settings | None = None, sessionmaker=None) -> FastAPI:
    settings = settings or get_settings()
    configure(settings)
    ids.configure(settings.hash_salt)
    pdf_cache.configure(settings.pdf_cache_mb)
    app = FastAPI(
        title="ninja-api",
        version=settings.app_version,
        description="An Invoice Ninja v5 compatible REST API",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # served from a package by openapi.docs, not from a CDN
        redoc_url=None,
        lifespan=scheduler_lifespan,
    )
    if sessionmaker is None:
        engine = make_engine(settings.database_url, **pool_options(settings))
        sessionmaker = make_sessionmaker(engine)
        app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    app.state.request_slots = RequestSlots(settings.request_slots, settings.db_pool_timeout)
    app.state.settings = settings
    app.state.mailer = transport_for(settings)
    app.state.jobs = dispatch.for_settings(Env(app.state), settings, background=False)

    for router in _routers():
        app.include_router(router, prefix=API_PREFIX)
    for router in _portal_routers():
        app.include_router(router)

    docs.install(app)
    _install_error_handlers(app)
    app.add_middleware(MethodOverrideMiddleware)
    app.add_middleware(CorsMiddleware)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    version_headers = {"X-API-VERSION": MINIMUM_CLIENT_VERSION}

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return ApiResponse(exc.body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and request.method == "GET":
            return ApiResponse({"message": "404 | Nothing to see here!"}, 404, version_headers)
        if exc.status_code in (404, 405):
            return ApiResponse({"message": "Method not supported for this route"}, 404, version_headers)
        return ApiResponse({"message": str(exc.detail)}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, exc: RequestValidationError):
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            field = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
            errors.setdefault(field, []).append(err.get("msg", "is invalid"))
        return ApiResponse({"message": "The given data was invalid.", "errors": errors}, 422)

    async def busy(request: Request, exc: Exception):
        # Every connection (or request slot) stayed taken for the whole wait: saturated, not broken.
        log.warning("server busy on %s %s: %s", request.method, request.url.path, exc)
        return ApiResponse({"message": BUSY_MESSAGE}, 503, {"Retry-After": RETRY_AFTER})

    app.add_exception_handler(ServerBusy, busy)
    app.add_exception_handler(PoolTimeout, busy)

    @app.exception_handler(IntegrityError)
    async def integrity(request: Request, exc: IntegrityError):
        # A unique index caught a race the validation could not see (two creates at once).
        log.warning("integrity error: %s", exc.orig)
        return ApiResponse({"message": "The given data was invalid.", "errors": {"id": ["The record conflicts with an existing one."]}}, 422)

    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: DataError):
        # A value the column cannot hold (an amount beyond DECIMAL(20,6), say) is bad input.
        log.warning("data error: %s", exc.orig)
        return ApiResponse({"message": "The given data was invalid.",
                            "errors": {"request": ["A value is too large or malformed to be stored."]}}, 422)

    @app.exception_handler(StatementError)
    async def unbindable(request: Request, exc: StatementError):
        if isinstance(exc.orig, (OverflowError, ValueError, ArithmeticError)):
            return ApiResponse({"message": "The given data was invalid.",
                                "errors": {"request": ["A value is too large or malformed to be stored."]}}, 422)
        log.exception("statement error on %s %s", request.method, request.url.path)
        return ApiResponse({"message": "Server Error"}, 500)

    @app.exception_handler(ArithmeticError)
    async def arithmetic(request: Request, exc: ArithmeticError):
        # Numbers beyond what money can hold (1e30 × 1e30) reach the calculation as bad input.
        return ApiResponse({"message": "The given data was invalid.",
                            "errors": {"request": ["A number is too large to calculate with."]}}, 422)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return ApiResponse({"message": "Server Error"}, 500)
