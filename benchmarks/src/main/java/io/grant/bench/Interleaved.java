package io.grant.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs benchmarks in rounds of one fork each, so that every benchmark's forks are spread over the whole run,
 * and prints their scores and the ratios asked for. On a small machine that other work shares, load comes and
 * goes over minutes; JMH's usual order (every fork of one benchmark, then the next) would hand it to whichever
 * benchmark ran at the time, and a ratio would measure the load. Interleaved, each benchmark sees about the
 * same share.
 *
 * <pre>
 * java -cp benchmarks.jar io.grant.bench.Interleaved [-rounds N] [-ratio a/b]... [JMH options] regex...
 * </pre>
 *
 * Scores and errors are JMH's: the mean of every measurement iteration of every round, with its 99.9%
 * confidence interval. The mean of each round is printed too, to show how far the load moved them. A ratio
 * {@code a/b} divides the score of method {@code a} by that of method {@code b} in the same class with the
 * same parameters, for every class that has both; its error combines the two relative errors in quadrature.
 */
public final class Interleaved {

    private final List<String[]> ratios = new ArrayList<>();
    private final Map<String, Score> scores = new LinkedHashMap<>();
    private int rounds = 3;

    private Interleaved() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Interleaved run = new Interleaved();
        CommandLineOptions jmhOptions = run.parse(args);
        for (int round = 1; round <= run.rounds; round++) {
            run.runRound(jmhOptions);
            System.out.printf("round %d of %d done%n", round, run.rounds);
        }
        run.printScores();
        run.printRatios();
    }

    /** Takes this class's options out of {@code args}; the rest are JMH's. */
    private CommandLineOptions parse(String[] args) throws CommandLineOptionException {
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
                if (rounds < 1) {
                    throw new IllegalArgumentException("-rounds must be >= 1, was " + rounds);
                }
            } else if (args[i].equals("-ratio") && i + 1 < args.length) {
                String[] pair = args[++i].split("/");
                if (pair.length != 2) {
                    throw new IllegalArgumentException("-ratio takes method/method, was '" + args[i] + "'");
                }
                ratios.add(pair);
            } else {
                jmhArgs.add(args[i]);
            }
        }
        return new CommandLineOptions(jmhArgs.toArray(String[]::new));
    }

    private void runRound(CommandLineOptions jmhOptions) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.parent(jmhOptions).forks(1).shouldFailOnError(true).verbosity(VerboseMode.SILENT);
        for (RunResult result : new Runner(options.build()).run()) {
            Score score = scores.computeIfAbsent(keyOf(result.getParams()),
                    key -> new Score(result.getPrimaryResult().getScoreUnit()));
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    score.iterations.addValue(iteration.getPrimaryResult().getScore());
                }
            }
            score.rounds.add(result.getPrimaryResult().getScore());
        }
    }

    private void printScores() {
        System.out.printf("%n%-82s %5s %12s   %10s  %-6s  %s%n", "Benchmark", "Cnt", "Score", "Error", "Units",
                "Each round");
        scores.forEach((key, score) -> System.out.printf("%-82s %5d %12.3f ± %10.3f  %-6s  %s%n", key,
                score.iterations.getN(), score.mean(), score.error(), score.unit, score.rounds()));
    }

    private void printRatios() {
        if (!ratios.isEmpty()) {
            System.out.printf("%nRatios (99.9%% errors combined in quadrature):%n");
        }
        for (String[] pair : ratios) {
            scores.forEach((key, a) -> {
                Name name = Name.of(key);
                if (!name.method.equals(pair[0])) {
                    return;
                }
                Score b = scores.get(name.withMethod(pair[1]));
                if (b == null) {
                    return;
                }
                double ratio = a.mean() / b.mean();
                double error = ratio * Math.hypot(a.error() / a.mean(), b.error() / b.mean());
                System.out.printf("%-82s %6.2f ± %5.2f%n", name.withMethod(pair[0] + "/" + pair[1]), ratio, error);
            });
        }
    }

    private static String keyOf(BenchmarkParams params) {
        String name = params.getBenchmark().replace("io.grant.bench.", "");
        if (params.getParamsKeys().isEmpty()) {
            return name;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        return name + " " + values;
    }

    /** A score's key taken apart: {@code Class.method {params}}. */
    private record Name(String owner, String method, String params) {
        static Name of(String key) {
            int space = key.indexOf(' ');
            String benchmark = space < 0 ? key : key.substring(0, space);
            int dot = benchmark.lastIndexOf('.');
            return new Name(benchmark.substring(0, dot), benchmark.substring(dot + 1),
                    space < 0 ? "" : key.substring(space));
        }

        String withMethod(String other) {
            return owner + "." + other + params;
        }
    }

    private static final class Score {
        final String unit;
        final ListStatistics iterations = new ListStatistics();
        final List<Double> rounds = new ArrayList<>();

        Score(String unit) {
            this.unit = unit;
        }

        double mean() {
            return iterations.getMean();
        }

        double error() {
            return iterations.getN() > 2 ? iterations.getMeanErrorAt(0.999) : Double.NaN;
        }

        String rounds() {
            List<String> means = new ArrayList<>();
            for (double round : rounds) {
                means.add("%.3f".formatted(round));
            }
            return String.join(" ", means);
        }
    }
}
