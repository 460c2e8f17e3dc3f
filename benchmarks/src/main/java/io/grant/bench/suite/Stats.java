package io.grant.bench.suite;

import java.util.Arrays;

/** Order statistics of a few samples: what the report shows for every peer and ratio. */
public record Stats(double median, double min, double max, double p25, double p75, int count) {

    public static Stats of(double... samples) {
        if (samples.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1], quantile(sorted, 0.25),
                quantile(sorted, 0.75), sorted.length);
    }

    /** The {@code q} quantile of sorted samples, interpolated between neighbours (R's type 7). */
    public static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
