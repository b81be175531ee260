FROM python:3.11-slim

# WeasyPrint renders PDFs with Pango; no headless browser is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY src ./src
COPY migrations ./migrations
RUN pip install --no-cache-dir -e .

ENV DATABASE_URL=sqlite:////data/ninja.db
VOLUME ["/data"]
EXPOSE 8000
CMD ["ninja-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
