#!/usr/bin/env bash
# The kafka-setup init container of docker-compose.yml (apache/kafka image, as root, before the broker starts).
# First run only: each step is skipped when what it makes is already there, so later runs change nothing.
#
#   /kafka-ca              CA private key (PKCS#12) and its password: only this container ever mounts it
#   /etc/kafka/secrets     the broker's: keystore (PKCS#12) and the credential files the image's start script reads,
#                          ca.pem (its PEM truststore), the JAAS file, healthcheck.properties
#   /kafka-admin           the admin principal's password, admin.properties (--command-config), ca.pem
#   /kafka-clients         ca.pem for every client (KAFKA_SSL_CA); kafka-acls puts the service passwords here
#   /var/lib/kafka/data    the KRaft log directory, formatted here with the bootstrap SCRAM users
#
# SCRAM users, and why two ways: in KRaft the credentials live in the metadata log, so nobody can authenticate
# over SCRAM to create the first one. `kafka-storage.sh format --add-scram` (KIP-900, Kafka 3.5+) writes credentials
# into the bootstrap metadata, so the admin (who then makes everything else) and the broker's own inter-broker
# user exist from the broker's first start. The services' users are made afterwards by the admin with
# kafka-configs.sh (deploy/kafka/acls-*.sh), which also works on a running cluster, when a province is added or a
# password changes; --add-scram applies only to an unformatted directory.
#
# Passwords are random, generated here on first run (never a committed default). All of this is a development
# shape: a real deployment gets its broker certificate from its own CA and its secrets from a secrets manager.
set -euo pipefail

CA=/kafka-ca
BROKER=/etc/kafka/secrets
ADMIN=/kafka-admin
CLIENTS=/kafka-clients
DATA="${KAFKA_LOG_DIRS:?KAFKA_LOG_DIRS: the broker's log directory}"
: "${CLUSTER_ID:?CLUSTER_ID: the same as the broker's}"
umask 077

random_password() {
  local pw
  pw=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s' "${pw:0:32}"
}

# The secret in file $1, made random on first run; written beside and renamed so it is never half there.
secret() {
  if [ ! -s "$1" ]; then
    random_password >"$1.new"
    mv "$1.new" "$1"
  fi
  cat "$1"
}

# A password made anew would not open what was made with the lost one: say so rather than start a broken broker.
refuse_orphan() { # made-with-it password-file what
  if [ -e "$1" ] && [ ! -s "$2" ]; then
    echo "kafka-setup: $1 exists but $2 is gone: $3. Restore the volume, or remove $1's volume too." >&2
    exit 1
  fi
}
refuse_orphan "$DATA/meta.properties" "$BROKER/broker.password" "the broker's SCRAM credential was made with it"
refuse_orphan "$DATA/meta.properties" "$ADMIN/admin.password" "the admin's SCRAM credential was made with it"
refuse_orphan "$BROKER/kafka.keystore.p12" "$BROKER/keystore.password" "the keystore is locked with it"
refuse_orphan "$CA/ca.p12" "$CA/ca.password" "the CA key is locked with it"

ca_password=$(secret "$CA/ca.password")
keystore_password=$(secret "$BROKER/keystore.password")
broker_password=$(secret "$BROKER/broker.password")
controller_password=$(secret "$BROKER/controller.password")
admin_password=$(secret "$ADMIN/admin.password")

# 1. A CA of this deployment (10 years): RSA 3072, basic constraints CA, for signing the broker's certificate.
if [ ! -s "$CA/ca.p12" ]; then
  echo "kafka-setup: generating the development CA"
  keytool -genkeypair -alias ca -dname "CN=idcard-exchange development Kafka CA" -keyalg RSA -keysize 3072 -validity 3650 \
    -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign \
    -storetype PKCS12 -keystore "$CA/ca.p12.new" -storepass "$ca_password"
  mv "$CA/ca.p12.new" "$CA/ca.p12"
fi
if [ ! -s "$CA/ca.pem" ]; then
  keytool -exportcert -rfc -alias ca -keystore "$CA/ca.p12" -storepass "$ca_password" -file "$CA/ca.pem.new"
  mv "$CA/ca.pem.new" "$CA/ca.pem"
fi
for dir in "$BROKER" "$ADMIN" "$CLIENTS"; do cp "$CA/ca.pem" "$dir/ca.pem"; done

# 2. The broker's key and certificate (CN and SAN kafka, its name on the compose network, and localhost, the
#    host's view through the EXTERNAL listener), signed by the CA, in a PKCS#12 keystore with the CA in its chain.
if [ ! -s "$BROKER/kafka.keystore.p12" ]; then
  echo "kafka-setup: generating the broker's keystore"
  work=$(mktemp -d)
  keytool -genkeypair -alias kafka -dname "CN=kafka" -keyalg RSA -keysize 2048 -validity 825 -ext san=dns:kafka,dns:localhost \
    -storetype PKCS12 -keystore "$work/kafka.p12" -storepass "$keystore_password"
  keytool -certreq -alias kafka -keystore "$work/kafka.p12" -storepass "$keystore_password" -file "$work/kafka.csr"
  keytool -gencert -alias ca -keystore "$CA/ca.p12" -storepass "$ca_password" -infile "$work/kafka.csr" -outfile "$work/kafka.crt" -rfc \
    -validity 825 -ext san=dns:kafka,dns:localhost -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth
  keytool -importcert -noprompt -alias ca -file "$CA/ca.pem" -keystore "$work/kafka.p12" -storepass "$keystore_password"
  keytool -importcert -noprompt -alias kafka -file "$work/kafka.crt" -keystore "$work/kafka.p12" -storepass "$keystore_password"
  mv "$work/kafka.p12" "$BROKER/kafka.keystore.p12"
  rm -rf "$work"
fi
# What the image's start script reads (KAFKA_SSL_KEYSTORE_CREDENTIALS, KAFKA_SSL_KEY_CREDENTIALS): in PKCS#12 the
# key's password is the store's.
printf '%s' "$keystore_password" >"$BROKER/keystore_creds"
printf '%s' "$keystore_password" >"$BROKER/key_creds"

# 3. The broker's JAAS file (KAFKA_OPTS names it). KafkaServer: SCRAM on the SASL_SSL and EXTERNAL listeners, and
#    the broker's own user for inter-broker connections. controller.KafkaServer: the controller listener (localhost
#    only) takes PLAIN, since KRaft controllers cannot use SCRAM; its one user is the broker itself.
cat >"$BROKER/kafka_server_jaas.conf" <<EOF
KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required
  username="broker"
  password="$broker_password";
};
controller.KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="broker"
  password="$controller_password"
  user_broker="$controller_password";
};
EOF

client_properties() { # user password truststore
  cat <<EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$1" password="$2";
ssl.truststore.type=PEM
ssl.truststore.location=$3
EOF
}
client_properties broker "$broker_password" "$BROKER/ca.pem" >"$BROKER/healthcheck.properties"
client_properties admin "$admin_password" "$ADMIN/ca.pem" >"$ADMIN/admin.properties"

# 4. Format the log directory, once, with the bootstrap SCRAM users. The broker's own start script formats too,
#    finds the directory formatted and goes on. The properties are the broker's, from the same KAFKA_* environment
#    (x-kafka-server in docker-compose.yml), converted as the image converts them (_ → ., __ → _, ___ → -).
if [ ! -f "$DATA/meta.properties" ]; then
  echo "kafka-setup: formatting $DATA with the SCRAM users admin and broker"
  props=$(mktemp)
  while IFS='=' read -r name value; do
    case "$name" in KAFKA_OPTS | KAFKA_HEAP_OPTS | KAFKA_JMX_OPTS | KAFKA_LOG4J_OPTS | KAFKA_VERSION) continue ;; esac
    key=${name#KAFKA_}
    key=${key,,}
    key=${key//_/.}
    key=${key//.../-}
    key=${key//../_}
    printf '%s=%s\n' "$key" "$value" >>"$props"
  done < <(env | grep '^KAFKA_')
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "$CLUSTER_ID" -c "$props" \
    --add-scram "SCRAM-SHA-512=[name=admin,iterations=8192,password=$admin_password]" \
    --add-scram "SCRAM-SHA-512=[name=broker,iterations=8192,password=$broker_password]"
  rm -f "$props"
fi
# Which formatting the ACLs were applied to: a new directory.id (the data volume made again) makes kafka-acls run again.
sed -n 's/^directory\.id=//p' "$DATA/meta.properties" >"$ADMIN/formatted-directory-id"

# 5. Ownership: the broker runs as appuser, the services as node; both are uid 1000 in their images.
chown -R appuser:appuser "$BROKER" "$ADMIN" "$DATA"
chown -R 1000:1000 "$CLIENTS"
chmod 0444 "$BROKER/ca.pem" "$ADMIN/ca.pem" "$CLIENTS/ca.pem"
echo "kafka-setup: done"
