"""The dashboard's charts: totals and per-day series, as plain JSON (no envelope)."""

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from ninja_api.charts import service
from ninja_api.db import get_session
from ninja_api.http.auth import AuthContext, require_auth
from ninja_api.http.input import RequestInput, get_input
from ninja_api.http.rendering import dumps
from ninja_api.http.routing import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)


def _json(payload) -> Response:
    return Response(content=dumps(payload), media_type="application/json")


def _totals(inp: RequestInput, ctx: AuthContext, session: Session) -> Response:
    return _json(service.totals(session, ctx, service.period(inp, ctx)))


def _summary(inp: RequestInput, ctx: AuthContext, session: Session) -> Response:
    return _json(service.chart_summary(session, ctx, service.period(inp, ctx)))


@router.post("/charts/totals", tags=["charts"], summary="Get chart data", operation_id="getChartTotals")
def totals(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
           session: Session = Depends(get_session)):
    return _totals(inp, ctx, session)


@router.post("/charts/chart_summary", tags=["charts"], summary="Get chart series per day",
             operation_id="getChartSummary")
def chart_summary(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                  session: Session = Depends(get_session)):
    return _summary(inp, ctx, session)


@router.post("/charts/totals_v2", tags=["charts"], summary="Get chart data (the web app's)",
             operation_id="getChartTotalsV2")
def totals_v2(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
              session: Session = Depends(get_session)):
    return _totals(inp, ctx, session)


@router.post("/charts/chart_summary_v2", tags=["charts"], summary="Get chart series per day (the web app's)",
             operation_id="getChartSummaryV2")
def chart_summary_v2(inp: RequestInput = Depends(get_input), ctx: AuthContext = Depends(require_auth),
                     session: Session = Depends(get_session)):
    return _summary(inp, ctx, session)
