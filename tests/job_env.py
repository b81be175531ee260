"""A job environment for tests that run the scheduled work or jobs themselves, without an app."""

from types import SimpleNamespace

from ninja_api.jobs import dispatch, runner
from ninja_api.mail.transport import MemoryTransport
from ninja_api.settings import Settings


def env_for(sessionmaker, mailer=None) -> runner.Env:
    """Jobs run inline, as the committing thread's next step; mail lands in `mailer`."""
    state = SimpleNamespace(sessionmaker=sessionmaker, mailer=mailer if mailer is not None else MemoryTransport(),
                            settings=Settings(mail_mailer="array"))
    env = runner.Env(state)
    state.jobs = dispatch.Inline(env)
    return env
