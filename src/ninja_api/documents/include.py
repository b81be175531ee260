from ninja_api.http.resource import not_stored

# Uploads are not built yet, so no entity can have a document. When the documents table lands,
# this becomes a real fetch and nothing else changes.
DOCUMENTS = not_stored("documents")
