from ninja_api.http.input import is_true, normalise, parse_php_pairs


def test_php_bracket_keys_become_lists_and_dicts():
    pairs = [
        ("ids[0]", "a"), ("ids[1]", "b"), ("action", "archive"),
        ("line_items[0][cost]", "10"), ("line_items[0][quantity]", "2"), ("line_items[1][cost]", "5"),
        ("documents[]", "f1"), ("documents[]", "f2"), ("settings[currency_id]", "3"),
    ]
    assert parse_php_pairs(pairs) == {
        "ids": ["a", "b"],
        "action": "archive",
        "line_items": [{"cost": "10", "quantity": "2"}, {"cost": "5"}],
        "documents": ["f1", "f2"],
        "settings": {"currency_id": "3"},
    }


def test_numeric_keys_out_of_order_sort_numerically():
    assert parse_php_pairs([("a[10]", "x"), ("a[2]", "y")]) == {"a": ["y", "x"]}


def test_later_scalar_wins_like_php():
    assert parse_php_pairs([("name", "one"), ("name", "two")]) == {"name": "two"}


def test_normalise_trims_and_nulls_but_not_passwords():
    data = {"name": "  x  ", "po": "", "password": " keep ", "nested": [{"email": " a@b.c "}, "  "], "n": 5}
    assert normalise(data) == {"name": "x", "po": None, "password": " keep ", "nested": [{"email": "a@b.c"}, None], "n": 5}


def test_toggles_only_match_true():
    assert is_true(True) and is_true("true")
    assert not any(is_true(v) for v in ("1", 1, "yes", "on", "TRUE", False, None))
