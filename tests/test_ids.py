from ninja_api import ids


def test_upstream_hashes_with_the_default_salt():
    ids.configure("")
    assert [ids.encode(n) for n in (1, 2, 3, 4, 5, 10, 100)] == [
        "VolejRejNm", "Wpmbk5ezJn", "Opnel5aKBz", "wMvbmOeYAl", "4openRe7Az", "gl9avmeG1v", "Wjneg56bwZ"]
    assert ids.decode("VolejRejNm") == 1


def test_unset_and_garbage():
    ids.configure("")
    assert ids.encode(None) == ""
    assert [ids.decode(v) for v in ("", None, 5, "!!", "abc")] == [None, None, None, None, None]


def test_salt_changes_hashes():
    try:
        ids.configure("pepper")
        assert ids.encode(1) != "VolejRejNm"
        assert ids.decode(ids.encode(42)) == 42
    finally:
        ids.configure("")
