package io.grant.bench.suite.single;

import io.grant.bench.AsyncVsBlocking;
import io.grant.bench.suite.Check;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.PeerResult;
import io.grant.bench.suite.Report;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.Stats;
import io.grant.bench.suite.Workload;
import io.grant.bench.suite.WorkloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Workload 4: one operation alone, {@code select 1} on in-memory H2, where the runtime's own cost shows best
 * (no network to hide it). Target: {@code db.async(...).await()} ({@code AsyncVsBlocking.asyncAwait}) within 1.5x
 * of the same jOOQ query on a virtual thread started for it and joined ({@code AsyncVsBlocking.virtualThreadJooq}).
 *
 * <p>Measured by JMH, run from here with short settings: in each round one fork of each benchmark, called from a
 * platform thread and from a virtual thread ({@code AsyncVsBlocking.OnVirtualThreads}); the ratio is taken within
 * each round. {@code benchmarks/README.md} has the full JMH run.
 */
public final class SingleOperationWorkload implements Workload {

    private static final String ASYNC = "asyncAwait";
    private static final String VIRTUAL = "virtualThreadJooq";

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "One operation alone (H2 select 1, JMH)";
    }

    @Override
    public WorkloadResult run(Options options, Settings settings) throws RunnerException {
        int rounds = options.quick() ? 1 : Math.min(options.rounds(), 3);
        int warmups = options.quick() ? 3 : 8;
        int iterations = options.quick() ? 3 : 5;
        WorkloadResult result = new WorkloadResult(number(), title(), "µs per operation");
        RoundsWorkload.progress("workload 4: %s (JMH: %d round(s) of one fork each, %d warm-up and %d measured"
                + " iterations of 1 s)", title(), rounds, warmups, iterations);
        String benchmarks = Pattern.quote(AsyncVsBlocking.class.getName()) + "\\.(OnVirtualThreads\\.)?(" + ASYNC + "|"
                + VIRTUAL + ")$";
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            OptionsBuilder jmh = new OptionsBuilder();
            jmh.include(benchmarks).forks(1).warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1)).shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT);
            for (RunResult run : new Runner(jmh.build()).run()) {
                String name = name(run.getParams().getBenchmark());
                double[] samples = scores.computeIfAbsent(name, key -> new double[rounds]);
                samples[round] = run.getPrimaryResult().getScore();
            }
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, double[]> score : scores.entrySet()) {
                line.append("  ").append(score.getKey()).append(' ').append(Report.number(score.getValue()[round]));
            }
            RoundsWorkload.progress("  round %d of %d:%s µs/op", round + 1, rounds, line);
        }
        scores.forEach((name, samples) -> result.add(new PeerResult(name, samples, "")));
        for (String caller : List.of("platform", "virtual")) {
            double[] async = scores.get(name(ASYNC, caller));
            double[] virtual = scores.get(name(VIRTUAL, caller));
            double[] ratios = new double[async == null || virtual == null ? 0 : rounds];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = async[r] / virtual[r];
            }
            result.add(new Check("db.async(...).await() vs a virtual thread running the same jOOQ query, " + caller
                    + " caller", "time(" + name(ASYNC, caller) + ") / time(" + name(VIRTUAL, caller) + ")", "x",
                    Stats.of(ratios), Check.Target.atMost(1.5)));
        }
        result.note("JMH, average time; " + rounds + " round(s), each one fork per benchmark with " + warmups
                + " warm-up and " + iterations + " measured iterations of 1 s; a sample is the fork's mean. Full run:"
                + " `Interleaved -ratio asyncAwait/virtualThreadJooq AsyncVsBlocking` (benchmarks/README.md).");
        result.note("`" + name(VIRTUAL, "platform") + "`: `Thread.ofVirtual().start(...)` running `db.dsl()`'s"
                + " `select 1`, then `join()`. `" + name(ASYNC, "platform") + "`: `db.async(\"bench.select1\", dsl ->"
                + " ...).await()`. The virtual caller runs the same methods from JMH's virtual-thread executor.");
        return result;
    }

    /** {@code io.grant.bench.AsyncVsBlocking.OnVirtualThreads.asyncAwait} as {@code asyncAwait, virtual caller}. */
    private static String name(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return name(method, benchmark.contains("OnVirtualThreads") ? "virtual" : "platform");
    }

    private static String name(String method, String caller) {
        return method + ", " + caller + " caller";
    }
}
