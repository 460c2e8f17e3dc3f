package io.grant.bench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * What one workload measured: each peer's score per round, the checks against the targets, and notes
 * (what a peer is, what could not be run). A workload that failed still has a result: its error is a note.
 */
public final class WorkloadResult {

    private final int number;
    private final String title;
    private final String unit;
    private final List<PeerResult> peers = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String error;
    private String samples = "rounds";

    public WorkloadResult(int number, String title, String unit) {
        this.number = number;
        this.title = title;
        this.unit = unit;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** The unit of every peer's samples, e.g. {@code ms per 20,000 lookups}. */
    public String unit() {
        return unit;
    }

    public List<PeerResult> peers() {
        return peers;
    }

    public List<Check> checks() {
        return checks;
    }

    public List<String> notes() {
        return notes;
    }

    /** What one sample of a peer is: {@code rounds} unless said otherwise (e.g. {@code repetitions}). */
    public String samplesAre() {
        return samples;
    }

    public void samplesAre(String name) {
        this.samples = name;
    }

    /** Why the workload did not finish, or null. */
    public String error() {
        return error;
    }

    public void add(PeerResult peer) {
        peers.add(peer);
    }

    public void add(Check check) {
        checks.add(check);
    }

    public void note(String note) {
        notes.add(note);
    }

    public void fail(String message) {
        this.error = message;
    }

    /** The samples of {@code name}, or null if no such peer ran. */
    public double[] samplesOf(String name) {
        for (PeerResult peer : peers) {
            if (peer.peer().equals(name)) {
                return peer.samples();
            }
        }
        return null;
    }

    /**
     * Adds a check on {@code numerator / denominator} of two peers' samples, paired round by round (both ran in
     * the same round), so that load which came and went during the run falls on both sides of each ratio.
     */
    public void ratio(String what, String numerator, String denominator, Check.Target target) {
        double[] top = samplesOf(numerator);
        double[] bottom = samplesOf(denominator);
        if (top == null || bottom == null) {
            add(new Check(what, "time(" + numerator + ") / time(" + denominator + ")", "x", Stats.of(), target));
            return;
        }
        int rounds = Math.min(top.length, bottom.length);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = top[r] / bottom[r];
        }
        add(new Check(what, "time(" + numerator + ") / time(" + denominator + ")", "x", Stats.of(ratios), target));
    }
}
