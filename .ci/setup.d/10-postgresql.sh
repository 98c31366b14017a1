# PostgreSQL for the tests marked `postgres`: a throwaway cluster on a free loopback port.
#
# Sourced by .ci/run. Installs Debian's postgresql if initdb is absent, initialises a cluster
# in a temporary folder (its unix socket there too), starts it on 127.0.0.1, creates the
# database `armstrace_test` and exports ARMSTRACE_TEST_POSTGRES_URL. The stop and the removal
# go on ci_cleanup. A URL already exported is used as it is (a developer's own server).

if [[ -n "${ARMSTRACE_TEST_POSTGRES_URL:-}" ]]; then
    echo "ci: PostgreSQL: using ARMSTRACE_TEST_POSTGRES_URL from the environment"
else
    pg_find_bin() {
        local candidate
        for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
            if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
                echo "$candidate"
                return 0
            fi
        done
        if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
            dirname "$(command -v initdb)"
            return 0
        fi
        return 1
    }
    if ! pg_bin=$(pg_find_bin); then
        echo "ci: PostgreSQL: installing Debian's postgresql"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql postgresql-contrib >/dev/null
        pg_bin=$(pg_find_bin)
    fi

    pg_dir=$(mktemp -d /tmp/armstrace-postgres.XXXXXX)
    # Any free port: asking the kernel for one avoids clashing with a server already running.
    pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$pg_password" >"$pg_dir/password"

    # initdb refuses to run as root: the cluster belongs to the postgres user then.
    pg_as=()
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown -R postgres "$pg_dir"
        pg_as=(runuser -u postgres --)
    fi

    "${pg_as[@]}" "$pg_bin/initdb" --pgdata="$pg_dir/data" --username=armstrace \
        --pwfile="$pg_dir/password" --auth-host=scram-sha-256 --auth-local=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log"; false; }
    # A throwaway cluster: durability settings off, it is removed after the run.
    "${pg_as[@]}" "$pg_bin/pg_ctl" --pgdata="$pg_dir/data" --log="$pg_dir/server.log" --wait \
        --options="-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=100" start >/dev/null \
        || { cat "$pg_dir/server.log"; false; }
    ci_cleanup+=("${pg_as[*]} $pg_bin/pg_ctl --pgdata=$pg_dir/data --mode=immediate stop >/dev/null; rm -rf $pg_dir")
    "${pg_as[@]}" "$pg_bin/createdb" --host="$pg_dir" --port="$pg_port" --username=armstrace \
        armstrace_test

    export ARMSTRACE_TEST_POSTGRES_URL="postgresql://armstrace:$pg_password@127.0.0.1:$pg_port/armstrace_test"
    echo "ci: PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
    unset -f pg_find_bin
fi
