# Starts a throwaway PostgreSQL cluster for tests and benchmarks. Source it:
#
#   source scripts/pg.sh && pg_start   # exports PG_URL (database `postgres`), PG_WORK
#   pg_stop                             # also registered on EXIT
#
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
# Extra server settings may be passed to pg_start ("-c shared_buffers=1GB" …).

pg_start() {
  local pgbin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "PostgreSQL server binaries not found (set PG_BIN to the directory holding initdb)" >&2
    return 1
  fi
  PG_BIN=$pgbin
  PG_WORK=$(mktemp -d /tmp/cctns-pg.XXXXXX)
  PG_AS=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_WORK"
    PG_AS=(runuser -u postgres --)
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap pg_stop EXIT
  # The server tools start in the caller's directory, which the postgres user may not
  # be allowed to enter: run them from the cluster's own directory.
  cd "$PG_WORK" || return 1
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_WORK/initdb.log" 2>&1 || { cat "$PG_WORK/initdb.log" >&2; return 1; }
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_WORK/data" -l "$PG_WORK/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_WORK -c max_connections=200 $*" \
    start >/dev/null
  cd - >/dev/null || return 1
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export PG_URL PG_WORK
  echo "Throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

pg_stop() {
  if [ -n "${PG_WORK:-}" ] && [ -d "$PG_WORK" ]; then
    (cd / && "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_WORK/data" -m immediate stop >/dev/null 2>&1) || true
    rm -rf "$PG_WORK"
  fi
}
