# Shared setup steps for scripts/shop and scripts/test. Source it; do not run it.
# Every step is idempotent and fast when already done, so both commands can run it every time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
TOOLS="$ROOT/.tools"
RUN_DIR="$ROOT/.run"
BUN_VERSION="1.4.5"
AXE_VERSION="4.14.1"  # axe-core, for the accessibility audit in the e2e tests only
export REFLEX_TELEMETRY_ENABLED=false
export HF_HUB_OFFLINE=1
export PATH="$TOOLS/node_modules/.bin:$VENV/bin:$PATH"
mkdir -p "$RUN_DIR"

# Steps and failures: coloured on a terminal, plain in a file or a journal, and one JSON object
# a line (the shop's fields) when the shop logs JSON, so that the stream stays one format.
say() { _tell info '1;36' '==>' "$*"; }
# die: something only a person can fix (a missing tool, a pin, a shop already running). Exit 2,
# on which the systemd units stay stopped (RestartPreventExitStatus=2), as for settings that
# check-settings refuses: a restart every few seconds would not fix it.
die() { _tell error '1;31' 'xx' "$*"; exit 2; }
_tell() {
  local level="$1" colour="$2" mark="$3" message="$4"
  if [ "${BOUTIQUE_LOG_FORMAT:-}" = json ]; then
    message="${message//\\/\\\\}"; message="${message//\"/\\\"}"
    message="${message//$'\n'/\\n}"; message="${message//$'\t'/\\t}"
    message="$(printf '%s' "$message" | tr -d '\000-\010\013-\037')"  # other controls: dropped
    printf '{"time": "%s", "level": "%s", "logger": "scripts", "message": "%s"}\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%S.%3N+00:00)" "$level" "$message" >&2
  elif [ -t 2 ]; then
    printf '\033[%sm%s %s\033[0m\n' "$colour" "$mark" "$message" >&2
  else
    printf '%s %s\n' "$mark" "$message" >&2
  fi
}
# A tool's own lines on stderr (pip's warnings), as the steps' lines: one JSON object each
# when the shop logs JSON, as they are otherwise.
tool_lines() {
  if [ "${BOUTIQUE_LOG_FORMAT:-}" = json ]; then
    local line
    while IFS= read -r line; do _tell warning '' '' "$line"; done
  else
    cat >&2
  fi
}

# One running shop per checkout: a second `reflex run` from the same folder rebuilds .web under
# the first, whose pages then load scripts that are gone (blank pages), and both share
# boutique.db. The lock is held by this shell and the server it runs (the demo's localstripe
# does not take it: an orphan of a killed shell would keep it) until the last exits.
one_shop_per_checkout() {
  command -v flock >/dev/null || return 0
  exec 9>>"$RUN_DIR/shop.lock"
  if ! flock -n 9; then
    die "a shop already runs from $ROOT (port $(cat "$RUN_DIR/shop.port" 2>/dev/null || echo '?')): a second would rebuild its pages under it; stop it first, or run the other shop from a clone of its own"
  fi
  echo "$1" >"$RUN_DIR/shop.port"
}

# Run a command whose output is meant for a person (check-settings, migrate): as it is, or,
# when the shop logs JSON, each line of it as a JSON line once it is done (error if it failed;
# a line saying "warning: ..." at level warning, which alerts watching for warnings see).
logged() {
  [ "${BOUTIQUE_LOG_FORMAT:-}" = json ] || { "$@"; return; }
  local output status=0 line failure=""
  output="$("$@" 2>&1)" || status=$?
  while IFS= read -r line; do
    case "$line" in
      "") ;;
      "warning: "*) _tell warning '' '' "${line#warning: }" ;;
      *)
        # A failure is one record listing all its lines (QA: check-settings' problems came
        # as separate error records, one alert each, the heading apart from its list).
        if [ "$status" = 0 ]; then
          _tell info '' '' "$line"
        else
          failure="${failure:+$failure$'\n'}$line"
        fi
        ;;
    esac
  done <<<"$output"
  [ -z "$failure" ] || _tell error '' '' "$failure"
  return "$status"
}

# Export each variable named that the environment lacks from .env's last `NAME=value` line,
# read as the shop's settings read it (python-dotenv, which is not installed yet here): an
# `export ` before the name, spaces around `=`, the value's quotes, and a ` # comment` after
# an unquoted value. The scripts' own HOST, PORT and GRANIAN_WORKERS were read from the
# environment only, so .env's HOST=127.0.0.1 was silently ignored (QA).
from_dotenv() {
  local name value
  for name in "$@"; do
    [ -z "${!name:-}" ] || continue
    value="$(grep -sE "^[[:space:]]*(export[[:space:]]+)?$name[[:space:]]*=" "$ROOT/.env" \
      | tail -n 1)" || true
    [ -n "$value" ] || continue
    value="${value#*=}"; value="${value%$'\r'}"
    value="${value#"${value%%[![:space:]]*}"}"
    case "$value" in
      \"*) value="${value:1}"; value="${value%%\"*}" ;;
      \'*) value="${value:1}"; value="${value%%\'*}" ;;
      *) value="${value%%[[:space:]]#*}"; value="${value%"${value##*[![:space:]]}"}" ;;
    esac
    export "$name=$value"
  done
}

# Wait while a service the settings name is out of reach (reach-services exits 3) and, with
# --schema, while the database's schema is behind the release (the web process migrates it):
# a host booting before its database, or a worker started before the first migration, waits
# instead of exiting, which a Procfile runner would answer by stopping every process. What
# is out of reach is said at once, then once a minute.
wait_for_services() {
  local output status waited=0 line level
  while true; do
    status=0
    output="$(python -m storefront.cli reach-services "$@" 2>&1)" || status=$?
    if [ "$status" != 3 ] || [ $((waited % 60)) = 0 ]; then
      # 0 with output: a warning (a cache/bus Redis out of reach only degrades the shop).
      level="$([ "$status" = 3 ] || [ "$status" = 0 ] && echo warning || echo error)"
      while IFS= read -r line; do
        [ -z "$line" ] || _tell "$level" '1;33' '..' "$line"
      done <<<"$output"
    fi
    [ "$status" = 3 ] || return "$status"
    sleep 5
    waited=$((waited + 5))
  done
}

# What scripts/serve and scripts/worker log, unless the environment says otherwise: the shop's
# lines as JSON, Reflex's own too (REFLEX_LOG_JSON, which also wraps anything else printed),
# and no progress bars (tqdm's, Hugging Face's), which are drawn for a terminal.
production_logs() {
  export BOUTIQUE_LOG_FORMAT="${BOUTIQUE_LOG_FORMAT:-json}"
  if [ "$BOUTIQUE_LOG_FORMAT" = json ]; then
    export REFLEX_LOG_JSON="${REFLEX_LOG_JSON:-true}"
  fi
  export TQDM_DISABLE="${TQDM_DISABLE:-1}"
  export HF_HUB_DISABLE_PROGRESS_BARS="${HF_HUB_DISABLE_PROGRESS_BARS:-1}"
}

# Install Debian packages, as root or through sudo. A machine without apt must provide them.
apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: $*"
    # Without a terminal (a service), sudo must run apt-get without a password: refused at
    # once otherwise, rather than failing at each restart. On a terminal, it may ask.
    [ -t 0 ] || sudo -n -l apt-get >/dev/null 2>&1 \
      || die "sudo may not run apt-get here without a password: install $* as root (apt-get install $*)"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || die "no apt-get: please install $* yourself"
  say "installing Debian packages: $*"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_python() {
  local python="${PYTHON:-python3}"
  command -v "$python" >/dev/null || apt_install python3 python3-venv python3-dev
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed (found $("$python" --version))"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtualenv in .venv"
    "$python" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; "$python" -m venv "$VENV"; }
  fi
}

# pip install a requirements file, skipped when the file has not changed since last time.
pip_install() {
  local file="$1" stamp
  stamp="$VENV/.stamp-$(basename "$file")-$(sha256sum "$ROOT/$file" "$ROOT/requirements.txt" | sha256sum | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  keep_cpu_torch "$VENV/bin/python" "$ROOT/requirements.txt"
  say "installing Python packages from $file"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 >/dev/null | tool_lines
  "$VENV/bin/python" -m pip install --quiet -r "$ROOT/$file" 2>&1 | tool_lines
  rm -f "$VENV"/.stamp-"$(basename "$file")"-*
  touch "$stamp"
}

# A virtualenv given PyTorch's CPU build (docs/operations.md: from download.pytorch.org, before
# the requirements) keeps it: pip takes torch==X as met by X+cpu. Another pin would make pip
# fetch PyPI's build of it instead, with CUDA (several GB): stop and say how to get its CPU one.
keep_cpu_torch() {
  local python="$1" requirements="$2" pinned installed
  pinned="$(sed -n 's/^torch==\([^ #]*\).*/\1/p' "$requirements")"
  installed="$("$python" -c 'from importlib.metadata import version; print(version("torch"))' 2>/dev/null || true)"
  case "$installed" in
    *+cpu) [ -z "$pinned" ] || [ "${installed%+cpu}" = "$pinned" ] \
      || die "requirements.txt pins torch==$pinned but .venv has the CPU build $installed: install\
 torch==$pinned from https://download.pytorch.org/whl/cpu first (docs/operations.md)" ;;
  esac
}

# The virtualenv and a requirements file, one process at a time: the web and worker processes
# of one checkout may start together, and two pip runs in one virtualenv break it.
python_ready() {
  if ! command -v flock >/dev/null; then
    ensure_python; pip_install "$1"; return
  fi
  (
    flock 9
    ensure_python
    pip_install "$1"
  ) 9>"$RUN_DIR/setup.lock"
}

# Every process of this host (web workers, bus workers) writes its Prometheus samples to one
# folder, which /metrics adds up: .run/metrics unless PROMETHEUS_MULTIPROC_DIR names another
# (the systemd units' /run/boutique/metrics). Made here: check-settings refuses a missing one.
use_metrics_dir() {
  export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$RUN_DIR/metrics}"
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
}

# Reflex builds its frontend with bun. bun.sh is out of reach here, so bun comes from npm.
ensure_bun() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x "$TOOLS/node_modules/.bin/bun" ]; then
    say "installing bun $BUN_VERSION from npm into .tools"
    npm install --silent --no-fund --no-audit --prefix "$TOOLS" "bun@$BUN_VERSION" >/dev/null 2>&1
  fi
  "$TOOLS/node_modules/.bin/bun" --version >/dev/null || die "bun does not run"
}

# axe-core (from npm, as bun) for tests/e2e/test_accessibility.py; the shop itself never loads it.
ensure_axe() {
  local installed="$TOOLS/node_modules/axe-core/package.json"
  if [ ! -f "$installed" ] || ! grep -q "\"version\": \"$AXE_VERSION\"" "$installed"; then
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing axe-core $AXE_VERSION from npm into .tools"
    npm install --silent --no-fund --no-audit --prefix "$TOOLS" "axe-core@$AXE_VERSION" >/dev/null 2>&1
  fi
  [ -f "$TOOLS/node_modules/axe-core/axe.min.js" ] || die "axe-core did not install"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

migrate_and_seed() {
  say "migrating the database"
  python -m storefront.cli migrate
  say "seeding the demo catalog and its order history (skipped when products exist)"
  python -m storefront.cli seed --if-empty --demo-orders --count "${BOUTIQUE_SEED_COUNT:-5000}"
  say "embedding the catalog for search (only new or changed products)"
  python -m storefront.cli reindex
}

free_port() {
  python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Demo payments: with no Stripe key configured, run localstripe on 127.0.0.1 as the Stripe
# endpoint (test keys, its own Stripe.js), delivering signed webhooks to the shop.
start_demo_payments() {
  # A free port unless DEMO_STRIPE_PORT names one: two demos on one machine each get theirs.
  local shop_port="$1" stripe_port="${DEMO_STRIPE_PORT:-$(free_port)}"
  if [ -n "${BOUTIQUE_STRIPE_SECRET_KEY:-}" ] || grep -qs '^BOUTIQUE_STRIPE_SECRET_KEY=' "$ROOT/.env"; then
    return 0
  fi
  say "payments in test mode: localstripe on http://127.0.0.1:$stripe_port"
  export BOUTIQUE_STRIPE_SECRET_KEY=sk_test_boutique_demo
  export BOUTIQUE_STRIPE_PUBLISHABLE_KEY=pk_test_boutique_demo
  export BOUTIQUE_STRIPE_WEBHOOK_SECRET=whsec_boutique_demo
  export BOUTIQUE_STRIPE_API_BASE="http://127.0.0.1:$stripe_port"
  export BOUTIQUE_STRIPE_JS_URL="http://127.0.0.1:$stripe_port/js.stripe.com/v3/"
  python -m storefront.sandbox.localstripe --port "$stripe_port" \
    --webhook-url "http://127.0.0.1:$shop_port/api/stripe/webhook" \
    --webhook-secret "$BOUTIQUE_STRIPE_WEBHOOK_SECRET" 9>&- &  # not the shop's lock (above)
  DEMO_STRIPE_PID=$!
  trap 'kill "$DEMO_STRIPE_PID" 2>/dev/null' EXIT INT TERM
}
