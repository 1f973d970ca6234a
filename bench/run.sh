#!/usr/bin/env bash
# Benchmarks (docs/performance.md); not part of the test command.
#   bench/run.sh micro               JMH: the rule engine, the batch planner, the pain.001 writer
#   bench/run.sh round [N] [USERS]   the round driver against the application started as the README runs it
#                                    (or against BENCH_BASE when set, e.g. BENCH_BASE=http://host:8080 BENCH_PID=123);
#                                    RUNS=3 runs it three times on a fresh application each, each after a baseline of
#                                    its own, and writes the median of every figure to bench/target/round-report.md; each run
#                                    first warms the application with a round of WARMUP applications (default 200,
#                                    not measured; WARMUP=0 measures the freshly started JVM)
#   bench/run.sh round2 [N] [USERS]  the same round against two application instances that share one engine, one
#                                    PostgreSQL and one S3 store (started in a JVM of their own); requests go to each
#                                    instance in turn, so every session is used on both
#   bench/run.sh lists [OPEN_TASKS] [USERS] [THINK_MS]  the task list, its facets, the case list and case views with
#                                    OPEN_TASKS open tasks (default 10000: 50 applications through the API, copied in
#                                    the database); each user pauses THINK_MS (mean, default 0: no pause) between reads;
#                                    WARMUP (default 50) rounds of the reads come first, not measured
#   bench/run.sh baseline [N]        the bare-engine baseline alone: the same models on the same engine, no-op workers
#   bench/run.sh intake [N] [USERS]  the bare engine's intake: N submissions by USERS concurrent senders into the same
#                                    models, no-op workers, user tasks held (USER_TASK_TIMEOUT, default PT30S as in
#                                    the embedded default); the engine's own ceiling for the intake
#   bench/run.sh profile FILE.jfr [TOP]  where a recorded application's CPU went (JfrProfile): per thread group, per
#                                    frame of our code, per engine step; PROFILE=1 bench/run.sh round records each
#                                    run's application (JFR) and appends this to its report
# round (before each run) and round2 run the baseline first (same N), then report the round's jobs per second and its ratio to it;
# CAMUNDA_CLIENT_WORKER_DEFAULTS_STREAMENABLED=true has jobs pushed to the workers of both (off by default: "What limits" 17)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-round}"
java_bin=""
for j in /usr/lib/jvm/*/bin/java; do
  v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then java_bin="$j"; fi
done
[ -n "$java_bin" ] || { echo "a JDK >= 21 is needed under /usr/lib/jvm" >&2; exit 1; }
# the application too: round2 and lists start instances with -pl api alone, from the installed modules
./mvnw -B -q -Pbench -pl bench,api -am install -DskipTests
./mvnw -B -q -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > /dev/null
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
# a 公示 lasts 7 working days in production and 1 minute in the demo; the benchmark measures the processing, not the
# calendar, so its publicity lasts a few seconds (override with PUBLICITY_DURATION)
export PUBLICITY_DURATION="${PUBLICITY_DURATION:-PT5S}"
# the round driver reads the application's grants.engine.answer timer (how late the engine answered completed tasks)
export MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE="${MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE:-health,info,metrics}"
baseline() {
  # the models on the development engine with workers that complete every job at once (EngineBaseline)
  "$java_bin" -cp "$cp" cn.grants.bench.EngineBaseline --n "$1" --out bench/target/baseline.properties \
    > bench/target/baseline.log 2>&1 || { tail -20 bench/target/baseline.log >&2; exit 1; }
  grep -A100 '^Bare-engine baseline' bench/target/baseline.log
}
case "$mode" in
  baseline)
    baseline "${2:-2000}"
    ;;
  micro)
    shift || true
    "$java_bin" -cp "$cp" org.openjdk.jmh.Main -rf json -rff bench/target/jmh.json "$@"
    ;;
  round)
    n="${2:-2000}"; users="${3:-8}"; runs="${RUNS:-1}"
    base="${BENCH_BASE:-}"; pid="${BENCH_PID:-0}"
    if [ -n "$base" ]; then
      "$java_bin" -cp "$cp" cn.grants.bench.RoundDriver --base "$base" --n "$n" --users "$users" --pid "$pid" \
        --warmup "${WARMUP:-200}" --enterprise-offset "${ENTERPRISE_OFFSET:-0}" --report bench/target/round-report.md
      exit 0
    fi
    # the embedded engine counts its completed jobs for the driver (EngineStats, loopback only)
    export ENGINE_STATS_PORT="${ENGINE_STATS_PORT:-26599}"
    base="http://localhost:8080"
    trap 'pkill -f cn.grants.api.GrantsApplication || true' EXIT
    reports=()
    for run in $(seq 1 "$runs"); do
      # each run's ratio against a baseline measured just before it: the bare engine's figure moves from one
      # invocation to the next by more than the application's (docs/performance.md, "A round of 2,000 with G1")
      baseline "$n"
      # a fresh database and object store for each run: the round is measured on an empty system
      export DATA_DIR="$PWD/bench/target/data-$(date +%s)"
      jvm_options=""
      # PROFILE=1: a flight recording of the application, written when it stops, read by JfrProfile below
      [ "${PROFILE:-0}" = 1 ] && jvm_options="-XX:StartFlightRecording=filename=$PWD/bench/target/app-$run.jfr,settings=profile,dumponexit=true"
      rm -f "bench/target/app-$run.jfr"
      ./mvnw -B -q -pl api -am spring-boot:run -Dgrants.run.jvm-options="$jvm_options" > bench/target/app.log 2>&1 &
      started=$!
      for _ in $(seq 1 180); do
        curl -fs "$base/actuator/health" > /dev/null 2>&1 && break
        sleep 2
      done
      pid=$(pgrep -f cn.grants.api.GrantsApplication | head -1)
      report="bench/target/round-report.md"
      [ "$runs" -gt 1 ] && report="bench/target/round-report-$run.md"
      "$java_bin" -cp "$cp" cn.grants.bench.RoundDriver --base "$base" --n "$n" --users "$users" --pid "$pid" \
        --warmup "${WARMUP:-200}" --report "$report" --engine-stats "http://127.0.0.1:$ENGINE_STATS_PORT/jobs" \
        --baseline bench/target/baseline.properties
      echo "engine errors in the application log (run $run): $(grep -c 'ERROR' bench/target/app.log || true)"
      reports+=("$report")
      # stopped as an operator stops it; the next run starts from nothing
      pkill -f cn.grants.api.GrantsApplication || true
      wait "$started" 2> /dev/null || true
      if [ -s "bench/target/app-$run.jfr" ]; then
        "$java_bin" -cp "$cp" cn.grants.bench.JfrProfile "bench/target/app-$run.jfr" >> "$report"
      fi
    done
    if [ "$runs" -gt 1 ]; then
      "$java_bin" -cp "$cp" cn.grants.bench.Medians bench/target/round-report.md "${reports[@]}"
    fi
    ;;
  round2|lists)
    if [ "$mode" = round2 ]; then n="${2:-2000}"; users="${3:-8}"; ports="8080 8081"; baseline "$n"
    else open_tasks="${2:-10000}"; users="${3:-8}"; think="${4:-0}"; ports="8080"; fi
    run_dir="$PWD/bench/target/$mode-$(date +%s)"
    mkdir -p "$run_dir"
    ./mvnw -B -q -pl embedded dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > /dev/null
    (tail -f /dev/null | "$java_bin" -cp "embedded/target/classes:$(cat embedded/target/classpath.txt)" \
      cn.grants.embedded.SharedServicesLauncher "$run_dir/data" > "$run_dir/services.env" 2> "$run_dir/services.log") &
    trap 'pkill -f cn.grants.api.GrantsApplication || true; pkill -f cn.grants.embedded.SharedServicesLauncher || true' EXIT
    for _ in $(seq 1 120); do grep -q '^READY' "$run_dir/services.env" 2>/dev/null && break; sleep 1; done
    grep -q '^READY' "$run_dir/services.env" || { echo "the shared services did not start: $run_dir/services.log" >&2; exit 1; }
    set -a; . <(grep -E '^[A-Z0-9_]+=' "$run_dir/services.env"); set +a
    export DEMO_USERS=force   # a database of its own (DB_URL) turns the demo users off unless forced
    pids=""; bases=""
    for port in $ports; do
      # one after the other: the first migrates the schema and deploys the models, the second finds them
      # the settings the in-process engine gives the embedded default (EmbeddedZeebeEngine), for an engine elsewhere
      PORT=$port ./mvnw -B -q -pl api spring-boot:run -Dspring-boot.run.arguments="--grants.lifecycle.publicity-working-days=0 \
--grants.lifecycle.publicity-duration=$PUBLICITY_DURATION --grants.lifecycle.review-poll=PT5S \
--camunda.client.worker.defaults.timeout=PT15S \
--camunda.client.worker.override[io.camunda.zeebe:userTask].timeout=PT30S" > "$run_dir/app-$port.log" 2>&1 &
      for _ in $(seq 1 180); do
        curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 && break
        sleep 2
      done
      curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 \
        || { echo "the instance on port $port did not start: $run_dir/app-$port.log" >&2; tail -5 "$run_dir/app-$port.log" >&2; exit 1; }
      pid=$(pgrep -f "cn.grants.api.GrantsApplication" | while read -r p; do
        grep -qa "PORT=$port" "/proc/$p/environ" 2>/dev/null && echo "$p"; done | head -1)
      pids="${pids:+$pids,}${pid:-0}"; bases="${bases:+$bases,}http://localhost:$port"
    done
    if [ "$mode" = round2 ]; then
      "$java_bin" -cp "$cp" cn.grants.bench.RoundDriver --base "$bases" \
        --n "$n" --users "$users" --pid "$pids" --report bench/target/round2-report.md \
        --engine-stats "$ENGINE_STATS_URL" --baseline bench/target/baseline.properties
    else
      # 50 applications through the API, their open tasks copied in the database up to OPEN_TASKS
      "$java_bin" -cp "$cp" cn.grants.bench.RoundDriver --base "$bases" --n 50 --users "$users" --pid "$pids" \
        --open-tasks "$open_tasks" --think "$think" --warmup "${WARMUP:-50}" --db-url "$DB_URL" --db-user "$DB_USERNAME" --db-password "$DB_PASSWORD" \
        --report bench/target/lists-report.md
    fi
    echo "ERROR lines in the logs: $(for port in $ports; do echo -n "instance $port: $(grep -c 'ERROR' "$run_dir/app-$port.log" || true), "; done)" \
      "engine, PostgreSQL, S3: $(grep -c 'ERROR' "$run_dir/services.log" || true)"
    ;;
  profile)
    # where the CPU of a recorded application went: bench/run.sh profile app.jfr [TOP]
    "$java_bin" -cp "$cp" cn.grants.bench.JfrProfile "${2:?a .jfr file}" "${3:-15}"
    ;;
  intake)
    "$java_bin" -cp "$cp" cn.grants.bench.EngineBaseline --n "${2:-2000}" --intake "${3:-8}" \
      --user-task-timeout "${USER_TASK_TIMEOUT:-PT30S}"
    ;;
  *) echo "usage: bench/run.sh micro | round [N] [USERS] | round2 [N] [USERS] | lists [OPEN_TASKS] [USERS] [THINK_MS] | baseline [N] | intake [N] [USERS] | profile FILE.jfr [TOP]" >&2; exit 2 ;;
esac
