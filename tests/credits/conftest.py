from tests.conftest import document_maker

make_credit = document_maker("credits")
make_invoice = document_maker("invoices")
