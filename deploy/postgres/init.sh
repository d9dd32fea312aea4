#!/bin/sh
# Run once by the postgres image on its first start (/docker-entrypoint-initdb.d), as the
# superuser, which nothing else uses: one database and two roles per department and for the
# identity provider (department.sql), passwords from the environment docker-compose.yml gives this container.
# Re-run it on an existing volume (a deployment made before the department roles) with
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-kongchuo.sh
# Everything runs in a subshell: the entrypoint sources a script it cannot execute, and its
# shell options stay as they were.
(
  set -eu
  sql="${KONGCHUO_INIT_DIR:-/kongchuo-init}/department.sql"
  psql_super() { psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" "$@"; }
  for department in education public_security civil_affairs community joint_meeting identity; do
    upper=$(printf '%s' "$department" | tr '[:lower:]' '[:upper:]')
    eval "app_password=\${${upper}_DB_PASSWORD:?set ${upper}_DB_PASSWORD}"
    eval "owner_password=\${${upper}_DB_OWNER_PASSWORD:?set ${upper}_DB_OWNER_PASSWORD}"
    psql_super --dbname "${POSTGRES_DB:-postgres}" \
      -v database="kongchuo_$department" -v owner="kc_${department}_owner" -v app="kc_$department" \
      -v owner_password="$owner_password" -v app_password="$app_password" -f "$sql"
  done
  # the databases every server has: no department role connects to them either
  for db in postgres template1 "${POSTGRES_DB:-postgres}"; do
    psql_super --dbname postgres -c "REVOKE CONNECT ON DATABASE \"$db\" FROM PUBLIC"
  done
)
