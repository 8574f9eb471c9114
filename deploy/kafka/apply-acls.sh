#!/usr/bin/env bash
# The kafka-acls init container of docker-compose.yml (apache/kafka image, as root, once the broker is healthy):
# runs the generated script ACL_SCRIPT (deploy/kafka/acls-*.sh, from scripts/kafka-acls.ts) as the admin principal:
# the services' SCRAM users (passwords made in /kafka-clients on first run), the topics, the ACLs.
#
# That is some 40 runs of Kafka's command-line tools, so it is skipped when nothing changed: the stamp records the
# script's hash and the log directory's formatting (directory.id, from kafka-setup). A changed script, a data volume
# made again, or a lost password file runs it again; every step of it is idempotent.
set -euo pipefail

script="${ACL_SCRIPT:?ACL_SCRIPT: the generated ACL script}"
export BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
export COMMAND_CONFIG=/kafka-admin/admin.properties
export PASSWORD_DIR=/kafka-clients

stamp="$(sha256sum "$script" | cut -d' ' -f1) $(cat /kafka-admin/formatted-directory-id)"
users=$(sed -n 's/^scram_user \(.*\)$/\1/p' "$script")
complete=yes
for user in $users; do [ -s "$PASSWORD_DIR/$user.password" ] || complete=no; done
if [ "$complete" = yes ] && [ -f "$PASSWORD_DIR/.applied" ] && [ "$(cat "$PASSWORD_DIR/.applied")" = "$stamp" ]; then
  echo "kafka-acls: $(basename "$script") already applied to this cluster"
  exit 0
fi

bash "$script"
# The services run as node (uid 1000); each is given its own file as KAFKA_SASL_PASSWORD_FILE (all in one volume:
# a development shape, see docker-compose.yml).
chown -R 1000:1000 "$PASSWORD_DIR"
chmod 0400 "$PASSWORD_DIR"/*.password
printf '%s\n' "$stamp" >"$PASSWORD_DIR/.applied"
echo "kafka-acls: done"
