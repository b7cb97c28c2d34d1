# Test services: use Redis and PostgreSQL on their usual local ports when they answer,
# otherwise start private ones under .run/ (installing the Debian packages when missing).
# Source after lib.sh; exports TEST_REDIS_URL and TEST_POSTGRES_URL.

redis_answers() { python - "$1" <<'PY' 2>/dev/null
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=1).ping()
PY
}

postgres_answers() { python - "$1" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=2).close()
PY
}

ensure_redis() {
  local url="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
  # The outage tests start and stop a Redis of their own.
  command -v redis-server >/dev/null || apt_install redis-server
  if [ -z "${BOUTIQUE_PRIVATE_SERVICES:-}" ] && redis_answers "$url"; then
    export TEST_REDIS_URL="$url"; return
  fi
  local port=6391
  url="redis://127.0.0.1:$port/15"
  if ! redis_answers "$url"; then
    say "starting a private Redis on 127.0.0.1:$port"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --dir "$RUN_DIR" --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"
    for _ in $(seq 50); do redis_answers "$url" && break; sleep 0.1; done
  fi
  redis_answers "$url" || die "Redis did not start (see .run/redis.log)"
  export TEST_REDIS_URL="$url"
}

ensure_postgres() {
  local url="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
  if [ -z "${BOUTIQUE_PRIVATE_SERVICES:-}" ] && postgres_answers "$url"; then
    export TEST_POSTGRES_URL="$url"; return
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$bindir" ]; then apt_install postgresql; bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; fi
  local port=5439 data="$RUN_DIR/pg" as=()
  url="postgresql://postgres@127.0.0.1:$port/postgres"
  if ! postgres_answers "$url"; then
    # PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
    if [ "$(id -u)" = 0 ]; then
      data="/tmp/boutique-pg-$(echo "$ROOT" | sha256sum | cut -c1-8)"
      as=(runuser -u postgres --)
      mkdir -p "$data" && chown postgres "$data"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      say "creating a private PostgreSQL cluster in $data"
      "${as[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust >/dev/null
    fi
    say "starting a private PostgreSQL on 127.0.0.1:$port"
    "${as[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  postgres_answers "$url" || die "PostgreSQL did not start"
  export TEST_POSTGRES_URL="$url"
}
