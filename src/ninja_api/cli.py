"""ninja-api serve | migrate | run-scheduled | worker | scheduler | create-account | healthcheck."""

import argparse
import logging
import os
import sys
from datetime import datetime, timezone

from ninja_api.settings import get_settings

# Each command imports what it needs: `healthcheck` runs every few seconds in each container, and
# loading the whole application for it took seconds on a busy host.

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Password0"


def _sessionmaker():
    from ninja_api.db import make_engine, make_sessionmaker, pool_options

    settings = get_settings()
    return make_sessionmaker(make_engine(settings.database_url, **pool_options(settings)))


def cmd_migrate(args) -> int:
    from ninja_api.migrate import upgrade

    upgrade(get_settings().database_url)
    print("migrations applied")
    if args.demo_account:
        _ensure_demo_account()
    return 0


def _demo_token(session) -> str | None:
    from sqlalchemy import select

    from ninja_api.models import CompanyToken, User

    return session.scalar(
        select(CompanyToken.token)
        .join(User, User.id == CompanyToken.user_id)
        .where(User.email == DEMO_EMAIL, CompanyToken.is_system.is_(False), CompanyToken.deleted_at.is_(None))
        .order_by(CompanyToken.id)
        .limit(1)
    )


def _ensure_demo_account() -> None:
    """The demo account when the database has none, and its login on the output."""
    from ninja_api.accounts.service import create_account, has_accounts

    with _sessionmaker()() as session:
        if not has_accounts(session):
            create_account(session, email=DEMO_EMAIL, password=DEMO_PASSWORD, first_name="Demo",
                           last_name="User", company_name="Demo Company")
            session.commit()
        token = _demo_token(session)
    if token:
        print(f"demo login: {DEMO_EMAIL} / {DEMO_PASSWORD}")
        print(f"API token (X-API-TOKEN): {token}", flush=True)


def cmd_serve(args) -> int:
    import uvicorn

    settings = get_settings()
    # Jobs and the scheduled work run inside the server (every worker process; their claims never
    # clash), unless QUEUE_URL hands them to `ninja-api worker` and `ninja-api scheduler`.
    if not args.no_scheduler:
        os.environ["RUN_SCHEDULER"] = "true"
        settings.run_scheduler = True
    # Replicas started together would race to create the demo account, so a deployment with several
    # runs `migrate --demo-account` once before them and starts them with --no-migrate.
    if not args.no_migrate:
        from ninja_api.migrate import upgrade

        upgrade(settings.database_url)
        _ensure_demo_account()
    print(f"serving on http://{args.host}:{args.port}/api/v1", flush=True)
    uvicorn.run("ninja_api.main:app", host=args.host, port=args.port, workers=args.workers,
                log_level=settings.log_level.lower())
    return 0


def _moment(text: str | None) -> datetime:
    """`--now`: an ISO 8601 date or moment; naive means UTC. Defaults to the current moment."""
    from ninja_api.models.base import utcnow

    if not text:
        return utcnow()
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def cmd_run_scheduled(args) -> int:
    from types import SimpleNamespace

    from ninja_api.jobs import dispatch, runner
    from ninja_api.mail.transport import transport_for
    from ninja_api.scheduler.runner import run_once

    try:
        now = _moment(args.now)
    except ValueError:
        print(f"--now must be an ISO 8601 date or date and time, not {args.now!r}", file=sys.stderr)
        return 2
    settings = get_settings()
    state = SimpleNamespace(settings=settings, mailer=transport_for(settings), sessionmaker=_sessionmaker())
    env = runner.Env(state)
    state.jobs = dispatch.Inline(env)  # the mail it queues leaves before the command ends
    report = run_once(env, now)
    print(f"scheduled work for {now.isoformat(sep=' ')} UTC")
    for entity in ("invoice", "quote", "expense"):
        print(f"{entity}s generated: {report.count(entity)}")
    print(f"reminders: {sum(len(v) for v in report.reminded.values())}")
    print(f"webhook deliveries attempted: {len(report.webhooks)}")
    for entity, recurring_id, error in report.failed:
        print(f"failed: {entity} {recurring_id}: {error}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_worker(args) -> int:
    from ninja_api.jobs.worker import work

    return work(args.threads or get_settings().job_threads)


def cmd_scheduler(args) -> int:
    from ninja_api.jobs.worker import schedule

    return schedule()


def cmd_create_account(args) -> int:
    from sqlalchemy import select

    from ninja_api.accounts.service import create_account
    from ninja_api.models import User

    with _sessionmaker()() as session:
        if session.scalar(select(User.id).where(User.email == args.email)) is not None:
            print(f"a user with email {args.email} already exists", file=sys.stderr)
            return 1
        *_, token = create_account(
            session, email=args.email, password=args.password, first_name=args.first_name,
            last_name=args.last_name, company_name=args.company_name, token=args.token,
        )
        session.commit()
        print(f"account created for {args.email}")
        print(token.token)
    return 0


def cmd_healthcheck(args) -> int:
    from ninja_api.system.health import run_checks

    checks = run_checks(get_settings(), args.url)
    for name, check in checks.items():
        print(f"{name}: {'ok' if check.ok else check.message}")
    return 0 if all(check.ok for check in checks.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ninja-api", description="Invoice Ninja v5 compatible API server")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply migrations, create the demo account if none, and serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-scheduler", action="store_true",
                       help="do not run the scheduled work (recurring invoices) every minute in the server")
    serve.add_argument("--no-migrate", action="store_true",
                       help="skip the migrations and the demo account (`migrate --demo-account` ran before)")
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply migrations to DATABASE_URL")
    migrate.add_argument("--demo-account", action="store_true",
                         help="then create the demo account if the database has no account, as serve does")
    migrate.set_defaults(func=cmd_migrate)

    scheduled = sub.add_parser("run-scheduled", help="run the scheduled work once (recurring invoices and quotes)")
    scheduled.add_argument("--now", default=None, help="the moment to run for, ISO 8601 (default: now; naive is UTC)")
    scheduled.set_defaults(func=cmd_run_scheduled)

    worker = sub.add_parser("worker", help="run jobs from the broker named by QUEUE_URL (mail, webhooks, renders)")
    worker.add_argument("--threads", type=int, default=None, help="jobs run at once (default: JOB_THREADS)")
    worker.set_defaults(func=cmd_worker)

    scheduler = sub.add_parser("scheduler", help="with QUEUE_URL: queue the scheduled work every minute and "
                                                 "send again due jobs nobody took (run exactly one)")
    scheduler.set_defaults(func=cmd_scheduler)

    account = sub.add_parser("create-account", help="create an account, company, owner and API token")
    account.add_argument("--email", required=True)
    account.add_argument("--password", required=True)
    account.add_argument("--company-name", default=None)
    account.add_argument("--token", default=None)
    account.add_argument("--first-name", default="")
    account.add_argument("--last-name", default="")
    account.set_defaults(func=cmd_create_account)

    health = sub.add_parser("healthcheck", help="check the database, queue and documents folder; exit 0 when all answer")
    health.add_argument("--url", default=None,
                        help="also require an HTTP answer from the server at this URL (any status below 500)")
    health.set_defaults(func=cmd_healthcheck)

    args = parser.parse_args(argv)
    logging.basicConfig(level=get_settings().log_level.upper())
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
