package io.grant.bench.suite;

import java.util.List;
import java.util.Locale;

/**
 * The suite's Markdown: a header saying where and how it ran, one table of every target (met or MISSED) with the
 * numbers shown beside them for context, then one section per workload with each peer's median and spread.
 */
public final class Report {

    private Report() {}

    public static String markdown(Machine machine, Options options, String loadBefore, String loadAfter,
            List<WorkloadResult> results, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Grant benchmark suite\n\n");
        if (options.quick()) {
            md.append("> `--quick`: a smoke run with few rounds, to show the format. Not numbers to quote.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row(md, "date", machine.date());
        row(md, "machine", machine.cpus() + ", " + machine.memory() + " memory; load average " + loadBefore
                + " at the start, " + loadAfter + " at the end");
        row(md, "JDK", machine.jdk());
        row(md, "database", machine.postgres());
        row(md, "commit", machine.commit());
        row(md, "command", "`" + machine.command() + "`");
        row(md, "rounds", options.rounds() + " per workload after " + options.warmUps() + " warm-up run(s) per peer;"
                + " peers interleaved, in an order rotated every round");
        md.append('\n');

        md.append("## Targets\n\n");
        md.append("Each number is the median over the rounds of a ratio taken within one round (both sides ran in it), "
                + "with its lowest and highest round. `time(a) / time(b)` above 1 means `b` was faster.\n\n");
        md.append("| # | what | measured | min - max | target | verdict | computed as |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (WorkloadResult result : results) {
            if (result.error() != null) {
                md.append("| ").append(result.number()).append(" | ").append(result.title())
                        .append(" | **not measured** | | | **MISSED** | failed: ").append(cell(result.error())).append(" |\n");
            }
            for (Check check : result.checks()) {
                if (check.hasTarget()) {
                    checkRow(md, result.number(), check);
                }
            }
        }
        md.append('\n');
        boolean context = results.stream().anyMatch(r -> r.checks().stream().anyMatch(c -> !c.hasTarget()));
        if (context) {
            md.append("For context (no target):\n\n");
            md.append("| # | what | measured | min - max | computed as |\n|---|---|---|---|---|\n");
        }
        for (WorkloadResult result : results) {
            for (Check check : result.checks()) {
                if (!check.hasTarget()) {
                    Stats s = check.stats();
                    md.append("| ").append(result.number()).append(" | ").append(cell(check.what())).append(" | ")
                            .append(check.format(s.median())).append(" | ").append(check.formatRange(s.min(), s.max()))
                            .append(" | ").append(cell(check.definition())).append(" |\n");
                }
            }
        }
        if (context) {
            md.append('\n');
        }

        for (WorkloadResult result : results) {
            md.append("## ").append(result.number()).append(". ").append(result.title()).append("\n\n");
            if (result.error() != null) {
                md.append("**Failed**: ").append(result.error()).append("\n\n");
            }
            if (!result.peers().isEmpty()) {
                md.append(result.unit()).append("; median over the ").append(result.samplesAre())
                        .append(", with the lowest and highest.\n\n");
                md.append("| peer | median | min - max | ").append(result.samplesAre())
                        .append(" | notes |\n|---|---|---|---|---|\n");
                for (PeerResult peer : result.peers()) {
                    Stats s = peer.stats();
                    md.append("| ").append(cell(peer.peer())).append(" | ").append(number(s.median())).append(" | ")
                            .append(number(s.min())).append(" - ").append(number(s.max())).append(" | ")
                            .append(s.count()).append(" | ").append(cell(peer.note())).append(" |\n");
                }
                md.append('\n');
            }
            for (String note : result.notes()) {
                md.append("- ").append(note).append('\n');
            }
            if (!result.notes().isEmpty()) {
                md.append('\n');
            }
            String chart = Charts.fileName(result);
            if (charts.contains(chart)) {
                md.append("![").append(result.title()).append("](").append(chart).append(")\n\n");
            }
        }
        if (charts.contains(Charts.TARGETS)) {
            md.append("## Every target at a glance\n\n![targets](").append(Charts.TARGETS).append(")\n");
        }
        return md.toString();
    }

    private static void checkRow(StringBuilder md, int number, Check check) {
        Stats s = check.stats();
        md.append("| ").append(number).append(" | ").append(cell(check.what())).append(" | ").append(check.format(s.median()))
                .append(" | ").append(check.formatRange(s.min(), s.max())).append(" | ")
                .append(cell(check.targetText())).append(" | ").append(check.verdict()).append(" | ")
                .append(cell(check.definition())).append(" |\n");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    /** Text made safe for a table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    /** A measured value with three significant digits or so: {@code 1,234}, {@code 12.3}, {@code 1.23}, {@code 0.123}. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A count that may be an average: {@code 20,000} or {@code 2.5}. */
    public static String count(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : number(value);
    }
}
