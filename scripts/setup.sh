# Shared by scripts/dev and scripts/test (sourced, not run): installs what the project needs.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_python_env() {
    # A virtualenv with the project and its test tools, reinstalled when pyproject.toml changes.
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -m venv "$VENV"
    fi
    local stamp="$VENV/.installed-$(sha1sum "$REPO/pyproject.toml" | cut -c1-12)"
    if [ ! -f "$stamp" ]; then
        "$VENV/bin/pip" install --quiet --upgrade pip
        "$VENV/bin/pip" install --quiet -e "$REPO[dev]"
        rm -f "$VENV"/.installed-* && touch "$stamp"
    fi
}

ensure_debian_packages() {
    # Install Debian packages that are missing (needs root or sudo, as on CI).
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

start_postgres() {
    # A throwaway PostgreSQL server on a Unix socket in a temporary folder; sets TEST_POSTGRES_URL.
    local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    PG_DIR="$(mktemp -d /tmp/itc-pg.XXXXXX)"
    chmod 755 "$PG_DIR"
    local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-k $PG_DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null
    "${run[@]}" "$bin/createdb" -h "$PG_DIR" -U postgres itc_test
    export TEST_POSTGRES_URL="postgresql+psycopg://postgres@/itc_test?host=$PG_DIR"
    PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop)
}

stop_postgres() {
    if [ -n "${PG_DIR:-}" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
}

start_redis() {
    # A throwaway Redis on a Unix socket; sets TEST_REDIS_URL.
    REDIS_DIR="$(mktemp -d /tmp/itc-redis.XXXXXX)"
    redis-server --port 0 --unixsocket "$REDIS_DIR/redis.sock" --save "" --appendonly no \
        --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/log"
    for _ in $(seq 50); do [ -S "$REDIS_DIR/redis.sock" ] && break; sleep 0.1; done
    export TEST_REDIS_URL="unix://$REDIS_DIR/redis.sock"
}

stop_redis() {
    if [ -n "${REDIS_DIR:-}" ]; then
        kill "$(cat "$REDIS_DIR/redis.pid" 2>/dev/null)" 2>/dev/null || true
        rm -rf "$REDIS_DIR"
    fi
}
