# Start a private PostgreSQL cluster and export LETOPIS_TEST_PG_URL for the test suite.
start_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [ -z "$bindir" ]; then
    echo "postgres: not installed; PostgreSQL tests will be skipped" >&2
    return 0
  fi
  local data=/tmp/letopis-pg
  rm -rf "$data"; mkdir -p "$data"; chown postgres "$data"
  su postgres -c "$bindir/initdb -D $data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$bindir/pg_ctl -D $data -o '-p 55432 -k /tmp -c listen_addresses=127.0.0.1' -l $data/log -w start" >/dev/null
  psql -h 127.0.0.1 -p 55432 -U postgres -c "CREATE DATABASE letopis_test" >/dev/null
  export LETOPIS_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:55432/letopis_test"
  echo "postgres: running at $LETOPIS_TEST_PG_URL" >&2
}
