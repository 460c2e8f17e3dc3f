package io.grant.bench.suite;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The suite's command line: {@code [--rounds N] [--only 1,3] [--quick] [--out DIR]}.
 *
 * <ul>
 *   <li>{@code --rounds N}: rounds per workload (default 10; {@code --quick}: 3); each round runs every peer once;
 *   <li>{@code --only 1,3}: only these workloads (1-8);
 *   <li>{@code --quick}: fewer rounds, warm-ups and repetitions, shorter JMH and pgbench runs: a smoke run that
 *       shows the format, not numbers to quote;
 *   <li>{@code --out DIR}: where {@code results.md} and the charts go (default {@code benchmarks/report} when
 *       run from the repository root, else {@code report}).
 * </ul>
 */
public record Options(int rounds, Set<Integer> only, boolean quick, Path out) {

    public static Options parse(String... args) {
        Integer rounds = null;
        Set<Integer> only = new TreeSet<>();
        boolean quick = false;
        Path out = Path.of("benchmarks").toFile().isDirectory() ? Path.of("benchmarks", "report") : Path.of("report");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> {
                    rounds = Integer.parseInt(value(args, ++i, "--rounds"));
                    if (rounds < 1) {
                        throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
                    }
                }
                case "--only" -> {
                    for (String part : value(args, ++i, "--only").split(",")) {
                        int number = Integer.parseInt(part.trim());
                        if (number < 1 || number > 8) {
                            throw new IllegalArgumentException("--only takes workloads 1 to 8, was " + number);
                        }
                        only.add(number);
                    }
                }
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: Suite [--rounds N] [--only 1,3] [--quick] [--out DIR]");
            }
        }
        return new Options(rounds != null ? rounds : quick ? 3 : 10, only, quick, out);
    }

    /** Whether workload {@code number} is to run. */
    public boolean runs(int number) {
        return only.isEmpty() || only.contains(number);
    }

    /** Warm-up runs of each peer before the measured rounds. */
    public int warmUps() {
        return quick ? 1 : 3;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
