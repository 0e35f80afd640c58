#!/usr/bin/env bash
# Two instances of the demo on one PostgreSQL database, behind nginx, on one machine and without
# docker compose. nginx runs in the foreground with the config of docs/nginx.conf.template,
# written with its pid file, logs and temporary files into a directory of its own, so it needs
# neither root nor the system's nginx config. Ctrl-C stops all three.
#
#   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db apps/demo-crud/docs/two-instances.sh
#
# Settings (environment): DATABASE_URL (required), PORT (nginx's, default 8080), FIRST_PORT
# (the instances take FIRST_PORT and FIRST_PORT+1, default 8081), SESSION_SECRET (default: a
# random one, shared by both instances), LOG_LEVEL (default warn), NGINX (the executable).
set -euo pipefail

app="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$app/../.." && pwd)"

if [ -z "${DATABASE_URL:-}" ]; then
  echo "two-instances: set DATABASE_URL to a PostgreSQL database both instances share" >&2
  exit 2
fi
nginx="${NGINX:-$(command -v nginx || true)}"
[ -n "$nginx" ] || [ ! -x /usr/sbin/nginx ] || nginx=/usr/sbin/nginx
if [ -z "$nginx" ]; then
  echo "two-instances: nginx is not installed (Debian: apt-get install nginx)" >&2
  exit 2
fi
port="${PORT:-8080}"
first="${FIRST_PORT:-8081}"
second=$((first + 1))
# One secret for both, or a form served by one fails its CSRF check on the other.
export SESSION_SECRET="${SESSION_SECRET:-$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))')}"
export DATABASE_URL LOG_LEVEL="${LOG_LEVEL:-warn}" HOST=127.0.0.1 TRUSTED_PROXIES=127.0.0.1

(cd "$root" && npm run build --silent)

run="$(mktemp -d "${TMPDIR:-/tmp}/sloe-two-instances.XXXXXX")"
# Run as root, nginx's workers drop to `nobody`, who must reach the temporary files in here.
chmod 755 "$run"
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run"
}
trap stop INT TERM EXIT

(cd "$app" && PORT="$first" TRANSPORT=netpoll exec node dist/main.js) &
pids+=($!)
(cd "$app" && PORT="$second" TRANSPORT=node exec node dist/main.js) &
pids+=($!)

# Until both listen (each applies the migrations first, one after the other).
for p in "$first" "$second"; do
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break
    sleep 0.2
  done
done

servers="    server 127.0.0.1:$first max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:$second max_fails=1 fail_timeout=5s;"
sed -e "s|@RUN_DIR@|$run|g" -e "s|@LISTEN@|127.0.0.1:$port|g" -e "s|^@SERVERS@\$|$servers|" \
  "$app/docs/nginx.conf.template" >"$run/nginx.conf"
"$nginx" -p "$run" -c "$run/nginx.conf" -e "$run/error.log" &
pids+=($!)

cat <<EOF
Serving http://127.0.0.1:$port/users through nginx (pid ${pids[2]}), in front of
  instance 1  http://127.0.0.1:$first  (netpoll, pid ${pids[0]})
  instance 2  http://127.0.0.1:$second  (node, pid ${pids[1]})
Which instance answered each request: tail -f $run/access.log
Kill one (kill -9 ${pids[0]}) and nginx serves on through the other. Ctrl-C stops everything.
EOF
# Until Ctrl-C, or until nginx exits.
wait "${pids[2]}" || true
