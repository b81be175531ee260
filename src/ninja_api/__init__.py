"""Invoice Ninja v5 compatible REST API."""
