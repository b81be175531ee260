#!/usr/bin/env bash
# The upgrade story, end to end: bring the compose stack up on one image, create data through the
# proxy, bring it up again on a newer image with a plain `up -d`, and check that `migrate` ran once
# before the new replicas served, that nothing else migrated, and that every piece of data is still
# there (database rows, money to the cent, an uploaded document, the login token).
#
#   deploy/upgrade_test.sh            # the old image is this tree, the new one this tree rebuilt
#   deploy/upgrade_test.sh OLD_REF    # the old image is built from git revision OLD_REF (it needs
#                                     # this compose contract: `migrate --demo-account`, `healthcheck`)
#
# Where the new image has `ninja-api worker`, it also mails the invoice and checks that the mail
# job ran exactly once among the worker replicas.
#
# Environment: HTTP_PORT (18090), PROJECT (ninja-upgrade-test), SCALE (api and worker replicas, 3),
# KEEP=1 to leave the stack running afterwards, COMPOSE to force a compose command.
# Needs docker, a compose (v2 plugin or v1 docker-compose), curl, python3 and git.
set -euo pipefail
cd "$(dirname "$0")/.."

OLD_REF="${1:-}"
PROJECT="${PROJECT:-ninja-upgrade-test}"
export HTTP_PORT="${HTTP_PORT:-18090}"
SCALE="${SCALE:-3}"
OLD_IMAGE=ninja-api:upgrade-old
NEW_IMAGE=ninja-api:upgrade-new
BASE="http://127.0.0.1:$HTTP_PORT/api/v1"

if [ -n "${COMPOSE:-}" ]; then
  read -r -a compose_cmd <<< "$COMPOSE"
elif docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
else
  compose_cmd=(docker-compose)
fi
compose() { "${compose_cmd[@]}" -p "$PROJECT" "$@"; }

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "import json, sys; data = json.load(sys.stdin); print($1)"; }

cleanup() {
  if [ "${KEEP:-}" != 1 ]; then
    compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  if [ -n "${old_tree:-}" ]; then rm -rf "$old_tree"; fi
}
trap cleanup EXIT

# The services this test runs: worker and scheduler only where the image has their commands.
services() {
  local list=(db redis migrate api proxy)
  if docker run --rm --entrypoint ninja-api "$1" worker --help >/dev/null 2>&1; then
    list+=(worker scheduler)
  fi
  echo "${list[@]}"
}

up() {
  local image=$1
  read -r -a wanted <<< "$(services "$image")"
  local scale=(--scale api="$SCALE")
  [[ " ${wanted[*]} " == *" worker "* ]] && scale+=(--scale worker="$SCALE")
  NINJA_IMAGE="$image" compose up -d --no-build "${scale[@]}" "${wanted[@]}"
  for _ in $(seq 1 90); do
    curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/proxy-health" 2>/dev/null \
      && [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ping")" = 403 ] && return 0
    sleep 2
  done
  compose ps
  fail "the stack on $image did not answer through the proxy"
}

api() {  # api METHOD PATH [curl args...]: the body; fails on a status other than 200
  local method=$1 path=$2
  shift 2
  local out status
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "X-API-TOKEN: $TOKEN" \
    -H "X-Requested-With: XMLHttpRequest" "$@" "$BASE$path")"
  [ "$status" = 200 ] || { cat "$out" >&2; rm -f "$out"; fail "$method $path answered $status"; }
  cat "$out"
  rm -f "$out"
}

migrations_run() {  # how many "Running upgrade" lines the given services logged
  compose logs --no-color "$@" 2>/dev/null | grep -c 'Running upgrade' || true
}

compose down -v --remove-orphans >/dev/null 2>&1 || true

step "old image"
if [ -n "$OLD_REF" ]; then
  old_tree="$(mktemp -d)"
  git archive "$OLD_REF" | tar -x -C "$old_tree"
  docker build -q -t "$OLD_IMAGE" "$old_tree" >/dev/null
  echo "built $OLD_IMAGE from $(git rev-parse --short "$OLD_REF")"
else
  docker build -q -t "$OLD_IMAGE" . >/dev/null
  echo "built $OLD_IMAGE from the work tree"
fi

step "first start on the old image ($SCALE api replicas)"
up "$OLD_IMAGE"
TOKEN="$(compose logs --no-color migrate | sed -n 's/.*API token (X-API-TOKEN): \([A-Za-z0-9]*\).*/\1/p' | tail -1)"
[ -n "$TOKEN" ] || fail "migrate printed no demo token"
first_migrations="$(migrations_run migrate)"
echo "migrate applied $first_migrations migrations; demo token ${TOKEN:0:8}..."

step "create data"
client_id="$(api POST /clients -H 'Content-Type: application/json' \
  -d '{"name": "Upgrade Test Ltd", "contacts": [{"email": "upgrade@example.com"}]}' | json 'data["data"]["id"]')"
invoice="$(api POST /invoices -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$client_id\", \"line_items\": [{\"product_key\": \"hour\", \"quantity\": 3, \"cost\": 10.05}]}")"
invoice_id="$(echo "$invoice" | json 'data["data"]["id"]')"
invoice_amount="$(echo "$invoice" | json 'repr(data["data"]["amount"])')"
[ "$invoice_amount" = 30.15 ] || fail "invoice amount $invoice_amount, expected 30.15"
api POST /invoices/bulk -H 'Content-Type: application/json' -d "{\"action\": \"mark_sent\", \"ids\": [\"$invoice_id\"]}" >/dev/null
document="$(mktemp)"
head -c 20000 /dev/urandom > "$document.pdf"
uploaded="$(api POST "/clients/$client_id/upload" -F _method=PUT -F "documents[]=@$document.pdf;type=application/pdf")"
document_id="$(echo "$uploaded" | json 'data["data"]["documents"][0]["id"]')"
document_sha="$(sha256sum < "$document.pdf" | cut -d' ' -f1)"
rm -f "$document" "$document.pdf"
pdf_magic="$(api GET "/invoices/$invoice_id/download" | head -c 5)"
[ "$pdf_magic" = "%PDF-" ] || fail "the invoice PDF does not start with %PDF-"
echo "client $client_id, invoice $invoice_id (amount $invoice_amount, sent, PDF rendered), document $document_id"
old_api_ids="$(compose ps -q api | sort)"

step "new image"
# A real rebuild of the tree; the label makes it a distinct image even when every layer is cached.
docker build -q --label "ninja.upgrade-test=$(date +%s)" -t "$NEW_IMAGE" . >/dev/null
new_image_id="$(docker image inspect -f '{{.Id}}' "$NEW_IMAGE")"
[ "$new_image_id" != "$(docker image inspect -f '{{.Id}}' "$OLD_IMAGE")" ] || fail "the new image is the old one"
echo "built $NEW_IMAGE ${new_image_id:7:12}"

step "docker compose up -d on the new image"
up "$NEW_IMAGE"

step "checks"
for id in $(compose ps -a -q api migrate); do
  [ "$(docker inspect -f '{{.Image}}' "$id")" = "$new_image_id" ] || fail "container ${id:0:12} still runs the old image"
done
[ -z "$(comm -12 <(echo "$old_api_ids") <(compose ps -q api | sort))" ] || fail "api replicas were not recreated"
[ "$(docker inspect -f '{{.State.ExitCode}}' "$(compose ps -a -q migrate)")" = 0 ] || fail "migrate failed"
expected_migrations=0
[ -n "$OLD_REF" ] && expected_migrations="$(( $(ls migrations/versions/*.py | wc -l) - first_migrations ))"
second_migrations="$(migrations_run migrate)"
[ "$second_migrations" = "$expected_migrations" ] \
  || fail "migrate applied $second_migrations migrations on upgrade, expected $expected_migrations"
others="$(migrations_run api proxy)"
[ "$others" = 0 ] || fail "the api replicas ran migrations themselves ($others)"
health="$(api GET /health_check)"
[ "$(echo "$health" | json 'data["pending_migrations"], data["system_health"]')" = "False True" ] \
  || fail "health check after the upgrade: $health"
[ "$(api GET "/clients/$client_id" | json 'data["data"]["name"], repr(data["data"]["balance"])')" = "Upgrade Test Ltd 30.15" ] \
  || fail "client lost or its balance changed"
[ "$(api GET "/invoices/$invoice_id" | json 'repr(data["data"]["amount"]), repr(data["data"]["balance"])')" = "30.15 30.15" ] \
  || fail "invoice money changed"
[ "$(api GET "/documents/$document_id/download" | sha256sum | cut -d' ' -f1)" = "$document_sha" ] \
  || fail "the uploaded document's bytes changed"
accounts="$(compose exec -T db sh -c 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -tAc "select count(*) from users"')"
[ "$accounts" = 1 ] || fail "$accounts users after the upgrade, expected the one demo user"
echo "migrate ran once and applied $second_migrations migrations; api replicas applied none"

if [[ " $(services "$NEW_IMAGE") " == *" worker "* ]]; then
  step "a job runs once ($SCALE api and $SCALE worker replicas)"
  api POST /invoices/bulk -H 'Content-Type: application/json' -d "{\"action\": \"email\", \"ids\": [\"$invoice_id\"]}" >/dev/null
  sql() { compose exec -T db sh -c "psql -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -tA -F ' ' -c \"$1\""; }
  for _ in $(seq 1 60); do
    [ "$(sql "select status from jobs where name = 'mail.send'")" = done ] && break
    sleep 2
  done
  [ "$(sql "select status, attempts from jobs where name = 'mail.send'")" = "done 1" ] \
    || fail "the mail job: $(sql "select status, attempts, last_error from jobs where name = 'mail.send'")"
  sent="$(compose logs --no-color worker | grep -c 'mail to upgrade@example.com' || true)"
  [ "$sent" = 1 ] || fail "the mail was sent $sent times"
  echo "the mail job ran once: one 'mail to upgrade@example.com' among the workers, its row done after 1 attempt"
fi
echo "client (balance 30.15), invoice (30.15, balance 30.15), document (sha256 ${document_sha:0:12}) and token survived"
echo
echo "upgrade test passed"
