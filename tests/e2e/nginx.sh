#!/usr/bin/env bash
# Runs deploy/nginx.conf for the end-to-end tests: on loopback, serving dist/ and proxying
# /swr-api/ to the mock SWR API over plain HTTP. Only the listen address, the static root and
# the upstream are changed; every location rule is the shipped one. The build is copied so
# this deployment can have its own config.json.
# Usage: nginx.sh PORT UPSTREAM_HOST:PORT
set -euo pipefail
port=$1
upstream=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/lading-nginx.XXXXXX)
chmod 755 "$work"  # nginx workers (not root) read the copied build
trap 'rm -rf "$work"' EXIT
# The deployment's config.json names the proxied API path: this origin is trusted there only.
cp -r "$root/dist" "$work/dist"
printf '{ "same_origin_api_paths": ["/swr-api/"] }\n' > "$work/dist/config.json"
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" \
    -e "s|set \$swr_scheme https;|set \$swr_scheme http;|" \
    -e "s|set \$swr_host [^;]*;|set \$swr_host $upstream;|" \
    -e "s|alias /srv/lading/dist/;|alias $work/dist/;|" \
    "$root/deploy/nginx.conf" > "$work/lading.conf"
cat > "$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log stderr warn;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/lading.conf;
}
CONF
exec /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -e stderr
