#!/usr/bin/env bash
# Builds the benchmarks module and runs the PostgreSQL benchmark suite (io.grant.bench.suite.Suite).
#
#   benchmarks/run-suite.sh [--rounds N] [--only 1,3] [--quick] [--out DIR]
#
# Environment: GRANT_BENCH_POSTGRES_URL / _USER / _PASSWORD (default jdbc:postgresql://127.0.0.1:5432/test,
# postgres, empty); GRANT_BENCH_JAVA, the java to run it with (default the JDK 25 below); GRANT_BENCH_SKIP_BUILD=1
# to run the jar already built. The report goes to stdout and benchmarks/report/ (results.md and *.svg).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java="${GRANT_BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"

if [[ "${GRANT_BENCH_SKIP_BUILD:-}" != 1 ]]; then
    mvn -B -q -Dstyle.color=never -pl benchmarks -am package -DskipTests >&2   # stdout is the report's
fi

# A copy, so that a build running meanwhile cannot change the classes under the run (or its JMH forks).
jar="$(mktemp -d "${TMPDIR:-/tmp}/grant-bench.XXXXXX")"
trap 'rm -rf "$jar"' EXIT
cp benchmarks/target/benchmarks.jar "$jar/benchmarks.jar"

jvm_args=()
# JDK 23+ warns about JMH's sun.misc.Unsafe; older JDKs do not know the option.
if "$java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    jvm_args+=(--sun-misc-unsafe-memory-access=allow)
fi

export GRANT_BENCH_COMMAND="benchmarks/run-suite.sh${*:+ $*}"
"$java" "${jvm_args[@]}" -cp "$jar/benchmarks.jar" io.grant.bench.suite.Suite "$@"
