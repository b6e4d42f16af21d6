# Start a private PostgreSQL cluster and export LETOPIS_TEST_PG_URL for the test suite.
start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [ -z "$bindir" ]; then
    echo "postgres: not installed; PostgreSQL tests will be skipped" >&2
    return 0
  fi
  local port=${LETOPIS_PG_PORT:-55432}
  local data=/tmp/letopis-pg-$port
  if [ -f "$data/postmaster.pid" ]; then
    su postgres -c "$bindir/pg_ctl -D $data -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$data"; mkdir -p "$data"; chown postgres "$data"
  # su runs the command in the caller's directory, which postgres may not be allowed to enter.
  cd /tmp
  su postgres -c "$bindir/initdb -D $data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$bindir/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -l $data/log -w start" >/dev/null
  cd - >/dev/null
  psql -h 127.0.0.1 -p $port -U postgres -c "CREATE DATABASE letopis_test" >/dev/null
  export LETOPIS_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/letopis_test"
  echo "postgres: running at $LETOPIS_TEST_PG_URL" >&2
}

stop_postgres() {
  local bindir port=${LETOPIS_PG_PORT:-55432}
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$bindir" ] && [ -f "/tmp/letopis-pg-$port/postmaster.pid" ] || return 0
  (cd /tmp && su postgres -c "$bindir/pg_ctl -D /tmp/letopis-pg-$port -m fast stop" >/dev/null 2>&1) || true
}
