"""Settings resolution: client → group → company → built-in default."""

from ninja_api.models import Client, Company, GroupSetting


def client_level_set(value) -> bool:
    # At client level an empty string means "not set"; bools and numbers always count.
    if isinstance(value, bool | int | float):
        return True
    return isinstance(value, str) and value != ""


def resolve(key: str, company: Company, group: GroupSetting | None = None, client: Client | None = None, default=""):
    if client is not None and client.settings and client_level_set(client.settings.get(key)):
        return client.settings[key]
    if group is not None and group.settings and group.settings.get(key) is not None:
        # A group may blank out a company value: "" counts at this level (upstream quirk).
        return group.settings[key]
    if company.settings and company.settings.get(key) is not None:
        return company.settings[key]
    return default
