from tests.banking import account, get, line, make_invoice, payer  # noqa: F401  (fixtures)
