# Starts (or reuses) a PostgreSQL cluster listening on 127.0.0.1 only, with a
# `murmur` role allowed to create databases. Sourced by .ci/run; usable by hand.
start_postgres() {
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  export PGPORT=${PGPORT:-5433}
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} murmur$"; then
    pg_createcluster "$version" murmur --port "$PGPORT" -- --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    echo "listen_addresses = '127.0.0.1'" >> "/etc/postgresql/${version}/murmur/postgresql.conf"
    echo "fsync = off" >> "/etc/postgresql/${version}/murmur/postgresql.conf" # test data only: speed over durability
  fi
  pg_ctlcluster "$version" murmur start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p "$PGPORT" -q && break
    sleep 1
  done
  su postgres -c "psql -p $PGPORT -qtAc \"select 1 from pg_roles where rolname='murmur'\"" | grep -q 1 ||
    su postgres -c "psql -p $PGPORT -qc \"create role murmur login createdb password 'murmur'\""
  # Tests drop their databases WITH (FORCE), which may have to end backends of other roles.
  su postgres -c "psql -p $PGPORT -qc 'grant pg_signal_backend to murmur'" >/dev/null
}
