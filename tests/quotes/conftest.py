from tests.conftest import document_maker

make_quote = document_maker("quotes")
make_invoice = document_maker("invoices")
