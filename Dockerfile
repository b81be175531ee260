# Two stages: the first installs the Python packages into /opt/venv, the second adds only what runs
# (Pango and fonts for WeasyPrint; no compiler, no pip cache, no headless browser).
FROM python:3.11-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /app
# The dependencies first, from pyproject.toml alone, so that a change to the code reuses this layer.
# The `s3` extra too (27 MB): FILESYSTEM_DISK=s3 then needs no other image.
COPY pyproject.toml ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
print('\n'.join(p['dependencies'] + p['optional-dependencies']['s3']))" > /tmp/requirements.txt \
    && /opt/venv/bin/pip install -r /tmp/requirements.txt
COPY README.md alembic.ini ./
COPY src ./src
COPY migrations ./migrations
# Editable: the migrations are found beside the source (ninja_api.migrate), so /app stays whole.
# Compiled here because the running user cannot write beside the source.
# pip and setuptools go once everything is installed: nothing at run time needs them.
RUN /opt/venv/bin/pip install --no-deps -e . \
    && /opt/venv/bin/python -m compileall -q /app/src /app/migrations \
    && /opt/venv/bin/pip uninstall -y -q pip setuptools

FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1000 --user-group --no-create-home --home-dir /data --shell /usr/sbin/nologin ninja \
    && mkdir -p /data/documents \
    && chown -R ninja:ninja /data

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# A named volume mounted on /data or /data/documents starts out owned by `ninja`, as these folders are.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    IS_DOCKER=true \
    DATABASE_URL=sqlite:////data/ninja.db \
    DOCUMENTS_PATH=/data/documents
WORKDIR /app
USER ninja
EXPOSE 8000
CMD ["ninja-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
