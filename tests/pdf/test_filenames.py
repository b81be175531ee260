import re

import pytest

from ninja_api.pdf.filenames import document_filename


@pytest.mark.parametrize("number,expected", [
    ("0001", "Invoice_0001.pdf"),
    ("INV/2026 #7", "Invoice_INV2026_7.pdf"),
    ("a..b", "Invoice_ab.pdf"),
    ("Rëchnung 1", "Invoice_Rechnung_1.pdf"),
])
def test_document_filename(number, expected):
    assert document_filename("Invoice", number) == expected


def test_unnumbered_documents_get_a_random_suffix():
    assert re.fullmatch(r"Invoice_[0-9a-f]{5}\.pdf", document_filename("Invoice", None))
