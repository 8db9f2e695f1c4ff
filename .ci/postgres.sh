#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the ledger tests.
#
#   source .ci/postgres.sh      # sets WARLEDGER_TEST_POSTGRES_URL in this shell (what .ci/run does)
#   bash .ci/postgres.sh        # prints: export WARLEDGER_TEST_POSTGRES_URL=...
#
# Installs the Debian package `postgresql` with apt-get when no server binaries are found, creates a
# fresh cluster in a temporary folder owned by the `postgres` user (PostgreSQL refuses to run as root),
# starts it on a free port on 127.0.0.1 with trust authentication (local, throwaway), and creates the
# database warledger_test.  Works as root in CI on a fresh Debian 12 machine with no standard input.
# Stop it with: pg_ctl -D "$WARLEDGER_TEST_PGDATA" stop   (run as the postgres user when root)

_wl_pg_main() {
  local bindir pgdata port run_as=() me
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: PostgreSQL is not installed and this is not root: apt-get install postgresql" >&2
      return 1
    fi
    echo "postgres.sh: installing the Debian package postgresql..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >&2 || return 1
    apt-get install -y -qq --no-install-recommends postgresql </dev/null >&2 || return 1
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bindir" ] || { echo "postgres.sh: no server binaries after install" >&2; return 1; }
  fi

  me=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres || return 1
    fi
    run_as=(runuser -u postgres --)
    me=postgres
  fi

  pgdata=$(mktemp -d "${TMPDIR:-/tmp}/warledger-pg.XXXXXX") || return 1
  chmod 0700 "$pgdata"
  [ "$me" = postgres ] && [ "$(id -u)" = 0 ] && chown postgres: "$pgdata"

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
    || port=55432

  "${run_as[@]}" "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    </dev/null >"$pgdata.initdb.log" 2>&1 \
    || "${run_as[@]}" "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-locale \
    </dev/null >"$pgdata.initdb.log" 2>&1 \
    || { echo "postgres.sh: initdb failed, see $pgdata.initdb.log" >&2; return 1; }

  "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c fsync=off" start </dev/null >&2 \
    || { echo "postgres.sh: the server did not start, see $pgdata/server.log" >&2; return 1; }

  "${run_as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres warledger_test </dev/null \
    || { echo "postgres.sh: createdb failed" >&2; return 1; }

  export WARLEDGER_TEST_PGDATA="$pgdata"
  export WARLEDGER_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/warledger_test"
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $pgdata)" >&2
  echo "export WARLEDGER_TEST_POSTGRES_URL=$WARLEDGER_TEST_POSTGRES_URL"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  _wl_pg_main   # sourced: the caller decides what a failure means
else
  set -u
  _wl_pg_main || exit 1
fi
