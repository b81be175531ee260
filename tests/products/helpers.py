PRODUCT_KEYS = [
    "id", "user_id", "assigned_user_id", "product_key", "notes", "cost", "price", "quantity", "tax_name1",
    "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "created_at", "updated_at", "archived_at",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "is_deleted", "in_stock_quantity",
    "stock_notification", "stock_notification_threshold", "max_quantity", "product_image", "tax_id", "documents",
]
VOLATILE = {"created_at", "updated_at"}
UNAUTHORIZED = {"message": "This action is unauthorized."}


def stable(obj):
    """The object with clock values removed, for exact comparisons."""
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create_product(api, tenant, **body) -> dict:
    r = api.post("/api/v1/products", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def make_staff(session_factory, tenant, permissions: str, email: str = "staff@example.com") -> dict:
    """A non-admin user of the tenant's company with these permissions; returns its headers."""
    from ninja_api.accounts.service import attach_user, issue_token
    from ninja_api.models import Company, User
    from ninja_api.security import hash_password

    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        user = User(account_id=company.account_id, email=email, password=hash_password("Password0"),
                    first_name="Staff", last_name="")
        s.add(user)
        s.flush()
        link = attach_user(s, company, user, owner=False)
        link.permissions = permissions
        token = issue_token(s, company, user, name="staff", system=False).token
        s.commit()
    return {"X-API-TOKEN": token, "X-Requested-With": "XMLHttpRequest"}
