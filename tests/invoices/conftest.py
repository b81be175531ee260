from tests.conftest import document_maker

make_invoice = document_maker("invoices")
