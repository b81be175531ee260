"""The purchase page's steps: upstream's catalogue (Purchase::$dependencies) and its Steps rule."""

_PORTAL = "App\\Livewire\\BillingPortal\\"

# class name → (step id, the step ids it needs earlier in the list), in upstream's order.
CATALOGUE: dict[str, tuple[str, tuple[str, ...]]] = {
    _PORTAL + "Authentication\\Login": ("auth.login", ()),
    _PORTAL + "Authentication\\RegisterOrLogin": ("auth.login-or-register", ()),
    _PORTAL + "Authentication\\Register": ("auth.register", ()),
    _PORTAL + "Cart\\Cart": ("cart", ()),
}
# SubscriptionFactory: Purchase::defaultSteps(), the cart and then login-or-register.
DEFAULT = "cart,auth.login-or-register"


def catalogue() -> dict:
    """GET /subscriptions/steps: every step by class name, with its id and dependencies."""
    return {name: {"id": step, "dependencies": list(needs)} for name, (step, needs) in CATALOGUE.items()}


def problem(value) -> str | None:
    """What the Steps rule says about a comma list of step ids, or None when it passes.

    Upstream fails with a 500 on anything but a string of known ids; those are 422s here. No step
    has dependencies, so of upstream's checks only "one authentication step" can fail."""
    if not isinstance(value, str):
        return "The steps must be a string."
    steps = value.split(",")
    known = {step for step, _ in CATALOGUE.values()}
    if any(step not in known for step in steps):
        return "The selected steps is invalid."
    if not any(step.startswith("auth.") for step in steps):
        return "You must include at least one of authentication methods."
    return None
