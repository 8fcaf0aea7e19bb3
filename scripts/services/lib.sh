# shellcheck shell=bash
# Shared helpers for the scripts that run local test services (source it; it defines functions only).
# Each service keeps a pid file and a log file; these helpers start, probe and stop such a process.

svc_log() { printf '[%s] %s\n' "${SVC_NAME:-service}" "$*" >&2; }

svc_now_ms() { date +%s%3N; }

# Exits with the message and the last lines of the log, so a failed start explains itself.
svc_fail() {
  local message=$1 logfile=${2:-}
  svc_log "ERROR: $message"
  if [[ -n $logfile && -f $logfile ]]; then
    svc_log "last lines of $logfile:"
    tail -n 40 "$logfile" >&2
  fi
  exit 1
}

svc_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || svc_fail "'$tool' is required but not on PATH"
  done
}

# The pid in the file if that process is alive, else nothing (and a stale file is removed).
svc_running_pid() {
  local pidfile=$1 pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    printf '%s' "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

svc_port_open() {
  local host=$1 port=$2
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# svc_wait_until TIMEOUT_S PID COMMAND...: polls COMMAND until it succeeds; fails if PID dies or time runs out.
svc_wait_until() {
  local timeout_s=$1 pid=$2
  shift 2
  local deadline=$(($(date +%s) + timeout_s))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 2
    (($(date +%s) < deadline)) || return 1
    sleep 0.25
  done
}

# svc_spawn PIDFILE LOGFILE LABEL COMMAND...: starts COMMAND detached (own session, output to LOGFILE) and prints its pid.
svc_spawn() {
  local pidfile=$1 logfile=$2 label=$3 waited=0
  shift 3
  rm -f "$pidfile"
  # setsid: the service outlives the shell (and the test runner) that started it; it writes its own pid.
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" "$@" >>"$logfile" 2>&1 </dev/null &
  until [[ -s $pidfile ]]; do
    ((waited++ < 50)) || svc_fail "$label did not start" "$logfile"
    sleep 0.1
  done
  cat "$pidfile"
}

# svc_wait_ready PID TIMEOUT_S HOST PORT LOGFILE LABEL ANSWER_CHECK...: the port opens, then ANSWER_CHECK succeeds.
svc_wait_ready() {
  local pid=$1 timeout_s=$2 host=$3 port=$4 logfile=$5 label=$6 status=0
  shift 6
  svc_wait_until "$timeout_s" "$pid" svc_port_open "$host" "$port" || status=$?
  ((status == 0)) && { svc_wait_until "$timeout_s" "$pid" "$@" || status=$?; }
  case $status in
    0) return 0 ;;
    2) svc_fail "$label exited during start-up" "$logfile" ;;
    *) svc_fail "$label did not answer on $host:$port within ${timeout_s}s" "$logfile" ;;
  esac
}

# svc_stop PIDFILE TIMEOUT_S: SIGTERM, wait, then SIGKILL if the process is still there.
svc_stop() {
  local pidfile=$1 timeout_s=$2 pid deadline
  if ! pid=$(svc_running_pid "$pidfile"); then
    svc_log "not running"
    return 0
  fi
  svc_log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(($(date +%s) + timeout_s))
  while kill -0 "$pid" 2>/dev/null; do
    if (($(date +%s) >= deadline)); then
      svc_log "still running after ${timeout_s}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  svc_log "stopped"
}

# svc_status LABEL PIDFILE ADDRESS ANSWER_CHECK...: 0 running and answering, 1 running but silent, 3 not running.
svc_status() {
  local label=$1 pidfile=$2 address=$3 pid
  shift 3
  if ! pid=$(svc_running_pid "$pidfile"); then
    echo "$label not running"
    return 3
  fi
  if "$@"; then
    echo "$label running (pid $pid) on $address"
  else
    echo "$label running (pid $pid) but not answering on $address"
    return 1
  fi
}

# svc_main COMMAND: dispatches start|stop|status to the calling script's start, stop and status functions.
svc_main() {
  case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      exit 64
      ;;
  esac
}
