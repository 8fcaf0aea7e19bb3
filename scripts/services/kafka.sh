#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs a single-node Apache Kafka broker (KRaft, no ZooKeeper) from Maven Central jars, for integration tests.
#
#   scripts/services/kafka.sh start|stop|status
#
# Needs Java 17+, Maven and Node (with the repo's node_modules, for the readiness check). Everything lives
# under .cache/kafka: jars in <version>/lib, config in conf/, data in data/, kafka.pid and kafka.log.
# Environment: KAFKA_VERSION (3.9.1), KAFKA_HOST (127.0.0.1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_HEAP (512m), KAFKA_START_TIMEOUT (90 s), KAFKA_STOP_TIMEOUT (30 s).
set -euo pipefail

SVC_NAME=kafka
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib.sh
source "$ROOT/scripts/services/lib.sh"

KAFKA_VERSION=${KAFKA_VERSION:-3.9.1}
SLF4J_VERSION=1.7.36 # the slf4j line that Kafka 3.9 is built against
KAFKA_HOST=${KAFKA_HOST:-127.0.0.1}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_HEAP=${KAFKA_HEAP:-512m}
START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}

CACHE=$ROOT/.cache/kafka
LIB=$CACHE/$KAFKA_VERSION/lib
CONF=$CACHE/conf
DATA=$CACHE/data
PIDFILE=$CACHE/kafka.pid
LOGFILE=$CACHE/kafka.log
JAVA_OPTS=("-Xmx$KAFKA_HEAP" "-Xms$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$CONF/log4j.properties" -cp "$LIB/*")

fetch_jars() {
  [[ -f $LIB/.complete ]] && return 0
  svc_require mvn java
  local work=$CACHE/$KAFKA_VERSION started
  started=$(svc_now_ms)
  mkdir -p "$work"
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.filora</groupId>
  <artifactId>kafka-broker-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  svc_log "fetching Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$LIB.partial"
  mvn -B -ntp -q -Dstyle.color=never -f "$work/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB.partial" >&2 ||
    svc_fail "maven could not fetch the Kafka jars"
  touch "$LIB.partial/.complete"
  rm -rf "$LIB"
  mv "$LIB.partial" "$LIB"
  svc_log "fetched $(find "$LIB" -name '*.jar' | wc -l) jars in $(($(svc_now_ms) - started)) ms"
}

write_config() {
  mkdir -p "$CONF" "$DATA"
  cat >"$CONF/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$CONF/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.controller=WARN
EOF
}

format_storage() {
  [[ -f $DATA/meta.properties ]] && return 0
  # A cluster id is 16 random bytes in URL-safe base64 without padding (what `StorageTool random-uuid` prints).
  local cluster_id
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  svc_log "formatting $DATA (cluster $cluster_id)"
  java "${JAVA_OPTS[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF/server.properties" >>"$LOGFILE" 2>&1 ||
    svc_fail "formatting the storage failed" "$LOGFILE"
}

# A metadata round trip through kafkajs: the broker answers requests, not merely accepts connections.
broker_answers() {
  (cd "$ROOT" && node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ brokers: [process.argv[1]], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
    admin.connect().then(() => admin.describeCluster()).then((c) => admin.disconnect().then(() => process.exit(c.brokers.length > 0 ? 0 : 1)), () => process.exit(1));
  ' "$KAFKA_HOST:$KAFKA_PORT")
}

wait_ready() {
  svc_wait_ready "$1" "$START_TIMEOUT" "$KAFKA_HOST" "$KAFKA_PORT" "$LOGFILE" "the broker" broker_answers
}

start() {
  local pid started
  mkdir -p "$CACHE"
  if pid=$(svc_running_pid "$PIDFILE"); then
    wait_ready "$pid"
    svc_log "already running (pid $pid) on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  svc_port_open "$KAFKA_HOST" "$KAFKA_PORT" &&
    svc_fail "port $KAFKA_PORT is already taken by another process (set KAFKA_PORT to use another)"
  svc_require java node
  (cd "$ROOT" && node -e 'require.resolve("kafkajs")' 2>/dev/null) ||
    svc_fail "kafkajs is not installed (run npm ci first): the readiness check uses it"
  fetch_jars
  write_config
  format_storage
  started=$(svc_now_ms) # report the broker's own start time, not the one-off download
  printf '\n===== start %s =====\n' "$(date -Is)" >>"$LOGFILE"
  pid=$(svc_spawn "$PIDFILE" "$LOGFILE" "the broker" java "${JAVA_OPTS[@]}" kafka.Kafka "$CONF/server.properties")
  wait_ready "$pid"
  svc_log "ready on $KAFKA_HOST:$KAFKA_PORT (pid $pid, Kafka $KAFKA_VERSION) in $(($(svc_now_ms) - started)) ms"
}

stop() {
  svc_stop "$PIDFILE" "$STOP_TIMEOUT"
}

status() {
  svc_status "kafka $KAFKA_VERSION" "$PIDFILE" "$KAFKA_HOST:$KAFKA_PORT" broker_answers
}

svc_main "$@"
