package io.grant.bench.suite;

import io.grant.Grant;
import io.grant.bench.suite.aggregates.AggregatesWorkload;
import io.grant.bench.suite.inserts.InsertsWorkload;
import io.grant.bench.suite.lookups.LookupsWorkload;
import io.grant.bench.suite.parallel.ParallelWorkload;
import io.grant.bench.suite.pending.PendingWorkload;
import io.grant.bench.suite.single.SingleOperationWorkload;
import io.grant.bench.suite.smallqueries.SmallQueriesWorkload;
import io.grant.bench.suite.timeout.TimeoutWorkload;
import io.grant.shard.ShardManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark suite of issue 8: every workload against PostgreSQL, each with its peers in the same run,
 * interleaved, on pools of the same size; a Markdown table of ratios against the targets on standard output and in
 * {@code results.md}, and SVG charts beside it. Progress goes to standard error.
 *
 * <pre>
 * benchmarks/run-suite.sh [--rounds N] [--only 1,3] [--quick] [--out DIR]       # builds, then runs this
 * java -cp benchmarks/target/benchmarks.jar io.grant.bench.suite.Suite [same options]
 * </pre>
 *
 * Workloads (numbers as in the issue): 1 primary-key lookups issued at once; 2 five aggregates issued together;
 * 3 ten small queries issued together; 4 one operation alone (JMH, H2); 5 heap per pending operation; 6 parallel
 * waits and shard fan-out; 7 from a timeout to an idle server; 8 100,000 rows inserted at once. See
 * {@code benchmarks/README.md}.
 *
 * <p>It exits with 0 when every selected workload ran (whether or not its targets were met), 1 when one failed,
 * 2 on a bad command line.
 */
public final class Suite {

    private Suite() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Settings settings = Settings.fromEnvironment();
        Machine machine = Machine.describe(settings, args);
        String loadBefore = Machine.load();
        Schema.ensure(settings);

        List<WorkloadResult> results = new ArrayList<>();
        boolean failed = false;
        for (Workload workload : workloads()) {
            if (!options.runs(workload.number())) {
                continue;
            }
            try {
                results.add(workload.run(options, settings));
            } catch (Exception | AssertionError e) {
                WorkloadResult result = new WorkloadResult(workload.number(), workload.title(), "");
                result.fail(RoundsWorkload.message(e));
                results.add(result);
                RoundsWorkload.progress("workload %d failed: %s", workload.number(), RoundsWorkload.message(e));
                e.printStackTrace();
                failed = true;
            } finally {
                Grant.setDefault(null);
                ShardManager.clear();
            }
        }

        List<String> charts = Charts.write(options.out(), results);
        String markdown = Report.markdown(machine, options, loadBefore, Machine.load(), results, charts);
        Path file = options.out().resolve("results.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        RoundsWorkload.progress("wrote %s and %d chart(s) in %s", file, charts.size(), options.out());
        // every pool and thread the workloads made is closed; exit makes sure no library's stray thread holds the JVM
        System.exit(failed ? 1 : 0);
    }

    /** Every workload, in the order. */
    private static List<Workload> workloads() {
        return List.of(new LookupsWorkload(), new AggregatesWorkload(), new SmallQueriesWorkload(),
                new SingleOperationWorkload(), new PendingWorkload(), new ParallelWorkload(), new TimeoutWorkload(),
                new InsertsWorkload());
    }
}
