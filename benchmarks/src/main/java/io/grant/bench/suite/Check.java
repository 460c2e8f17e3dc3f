package io.grant.bench.suite;

import java.util.Locale;

/**
 * A number the issue sets a target for (or that is shown beside them for context), with its spread over the
 * rounds and whether the target was met.
 *
 * @param what what was compared, e.g. {@code Grant / fixed pool of 8}
 * @param definition how the number is computed, e.g. {@code time(fixed pool) / time(Grant)}, per round
 * @param unit {@code x} for ratios, otherwise the unit of an absolute number
 * @param stats the number's median and spread over the rounds
 * @param target the target, or {@link Target#none()} for a number shown for context
 */
public record Check(String what, String definition, String unit, Stats stats, Target target) {

    /** {@code AT_LEAST}: higher is better; {@code AT_MOST}: lower is better; {@code NONE}: context only. */
    public enum Direction { AT_LEAST, AT_MOST, NONE }

    /** A bound on a number; {@code aim} is what we hope for beyond it, e.g. {@code aim 2x}. */
    public record Target(Direction direction, double bound, String aim) {
        public static Target atLeast(double bound) {
            return new Target(Direction.AT_LEAST, bound, "");
        }

        public static Target atMost(double bound) {
            return new Target(Direction.AT_MOST, bound, "");
        }

        public static Target none() {
            return new Target(Direction.NONE, Double.NaN, "");
        }

        public Target aim(String text) {
            return new Target(direction, bound, text);
        }
    }

    /** Whether the median meets the target; true for a number without one. */
    public boolean met() {
        double value = stats.median();
        return switch (target.direction()) {
            case AT_LEAST -> value >= target.bound();
            case AT_MOST -> value <= target.bound();
            case NONE -> true;
        };
    }

    public boolean hasTarget() {
        return target.direction() != Direction.NONE;
    }

    /** The target as the table shows it, e.g. {@code >= 1.00x (aim 2x)}. */
    public String targetText() {
        String bound = format(target.bound());
        String text = switch (target.direction()) {
            case AT_LEAST -> ">= " + bound;
            case AT_MOST -> "<= " + bound;
            case NONE -> "";
        };
        return target.aim().isEmpty() ? text : text + " (" + target.aim() + ")";
    }

    /** The verdict column: met, MISSED, or context. */
    public String verdict() {
        if (!hasTarget()) {
            return "context";
        }
        if (Double.isNaN(stats.median())) {
            return "**not measured**";
        }
        return met() ? "met" : "**MISSED**";
    }

    /** A spread in this check's unit, e.g. {@code 1.10x - 1.30x} or {@code 980 - 1,020 bytes}. */
    public String formatRange(double low, double high) {
        if (unit.equals("x") || Double.isNaN(low) || Double.isNaN(high)) {
            return format(low) + " - " + format(high);
        }
        return Report.number(low) + " - " + Report.number(high) + " " + unit;
    }

    /** A value in this check's unit, e.g. {@code 1.23x} or {@code 12.3 ms}. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (unit.equals("x")) {
            return String.format(Locale.ROOT, "%.2fx", value);
        }
        return Report.number(value) + " " + unit;
    }
}
