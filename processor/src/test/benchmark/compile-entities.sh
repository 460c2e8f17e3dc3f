#!/usr/bin/env bash
# Measures the processor's share of compile time on generated entities (default 200), javac in-process.
# Usage, from the repository root:  bash processor/src/test/benchmark/compile-entities.sh [entities [warm-up [rounds]]]
# It also checks that the shaded processor jar works on the processor path alone.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -B -q -pl runtime,processor -am package -DskipTests
mvn -B -q -pl runtime dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=compile
mvn -B -q -pl runtime,processor dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
    -Dmdep.includeScope=test
RUNTIME_CP="runtime/target/classes:$(cat runtime/target/classpath.txt)"

# The shaded jar, alone on the processor path, must process an entity.
check="$(mktemp -d)"
mkdir -p "$check/src/check"
printf 'package check;\n@io.grant.annotations.GrantModel\npublic record Thing(@io.grant.annotations.Id Long id, String name) {}\n' \
    > "$check/src/check/Thing.java"
"$JAVA_HOME/bin/javac" --release 21 -Xlint:all -Xlint:-processing -Werror -d "$check/out" -s "$check/gen" \
    -processorpath processor/target/grant-processor-*.jar -classpath "$RUNTIME_CP" "$check/src/check/Thing.java"
test -f "$check/gen/check/ThingAsync.java" && echo "shaded jar alone on -processorpath: ThingAsync generated"

"$JAVA_HOME/bin/java" -cp "processor/target/test-classes:processor/target/classes:$(cat processor/target/test-classpath.txt)" \
    io.grant.processor.bench.CompileBenchmark "$RUNTIME_CP" "$@"
