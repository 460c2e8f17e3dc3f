package io.grant.bench.suite;

/**
 * What one peer scored in one workload: a value per round (in the workload's unit, lower is better unless the
 * unit says otherwise), and a note on anything else worth knowing (statements sent, failures, the executor).
 */
public record PeerResult(String peer, double[] samples, String note) {

    public Stats stats() {
        return Stats.of(samples);
    }
}
