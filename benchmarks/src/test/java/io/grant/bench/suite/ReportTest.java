package io.grant.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's arithmetic and report, on made-up samples: nothing here runs a benchmark or reads a clock. */
class ReportTest {

    @Test
    void statsAreOrderStatistics() {
        Stats stats = Stats.of(5, 1, 3, 2, 4);

        assertThat(stats.median()).isEqualTo(3);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(5);
        assertThat(stats.p25()).isEqualTo(2);
        assertThat(stats.p75()).isEqualTo(4);
        assertThat(Stats.of(1, 2).median()).isEqualTo(1.5);
        assertThat(Stats.of().median()).isNaN();
    }

    @Test
    void ratiosArePairedRoundByRound() {
        WorkloadResult result = new WorkloadResult(1, "lookups", "ms");
        result.add(new PeerResult("Grant", new double[] {100, 200, 300}, ""));
        result.add(new PeerResult("pool", new double[] {150, 200, 600}, ""));

        result.ratio("Grant vs pool", "pool", "Grant", Check.Target.atLeast(1.0));

        Check check = result.checks().get(0);
        assertThat(check.stats().median()).isEqualTo(1.5); // 1.5, 1.0, 2.0: not the ratio of the medians (1.0)
        assertThat(check.stats().min()).isEqualTo(1.0);
        assertThat(check.definition()).isEqualTo("time(pool) / time(Grant)");
        assertThat(check.verdict()).isEqualTo("met");
    }

    @Test
    void aMissedTargetSaysSo() {
        Check slower = new Check("aggregates", "time(Grant) / time(one)", "x", Stats.of(1.3), Check.Target.atMost(1.15));
        Check unmeasured = new Check("lookups", "time(a) / time(b)", "x", Stats.of(), Check.Target.atLeast(1.0));
        Check context = new Check("vs pgbench", "time(a) / time(b)", "x", Stats.of(0.3), Check.Target.none());

        assertThat(slower.verdict()).isEqualTo("**MISSED**");
        assertThat(slower.targetText()).isEqualTo("<= 1.15x");
        assertThat(unmeasured.verdict()).isEqualTo("**not measured**");
        assertThat(context.verdict()).isEqualTo("context");
    }

    @Test
    void theReportListsEveryTargetAndEveryPeer() {
        WorkloadResult result = new WorkloadResult(2, "5 aggregates", "ms per set");
        result.add(new PeerResult("Grant", new double[] {230, 250}, "statements per run: 5"));
        result.add(new PeerResult("one statement", new double[] {100, 100}, ""));
        result.ratio("Grant vs one statement", "Grant", "one statement", Check.Target.atMost(1.15));
        WorkloadResult failed = new WorkloadResult(7, "timeout", "ms");
        failed.fail("IllegalStateException: no server");
        Machine machine = new Machine("2026-12-03 10:00 UTC", "2 CPUs", "23.5 GiB", "JDK 25", "PostgreSQL 15", "abc1234",
                "benchmarks/run-suite.sh --quick");

        String markdown = Report.markdown(machine, Options.parse("--quick"), "1.0 1.0 1.0", "2.0 2.0 2.0",
                List.of(result, failed), List.of());

        assertThat(markdown)
                .contains("| 2 | Grant vs one statement | 2.40x | 2.30x - 2.50x | <= 1.15x | **MISSED** |")
                .contains("| Grant | 240 | 230 - 250 | 2 | statements per run: 5 |")
                .contains("| 7 | timeout | **not measured** |")
                .contains("`benchmarks/run-suite.sh --quick`")
                .contains("smoke run");
    }

    @Test
    void optionsHaveDefaultsAndRefuseNonsense() {
        Options defaults = Options.parse();
        Options quick = Options.parse("--quick", "--only", "1,3", "--out", "/tmp/x");

        assertThat(defaults.rounds()).isEqualTo(10);
        assertThat(defaults.runs(7)).isTrue();
        assertThat(quick.rounds()).isEqualTo(3);
        assertThat(quick.runs(1)).isTrue();
        assertThat(quick.runs(2)).isFalse();
        assertThat(quick.out()).isEqualTo(Path.of("/tmp/x"));
        assertThatThrownBy(() -> Options.parse("--rounds", "0")).hasMessage("--rounds must be >= 1, was 0");
        assertThatThrownBy(() -> Options.parse("--only", "9")).hasMessage("--only takes workloads 1 to 8, was 9");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageStartingWith("unknown option '--fast'");
    }
}
