package io.grant.bench.suite;

/** One of the workloads: runs its peers against each other and reports. */
public interface Workload {

    /** Its number in the issue (1-8). */
    int number();

    /** What it does, in a few words, e.g. {@code 20,000 primary-key lookups issued at once}. */
    String title();

    /** Runs it; a failure is reported in the result, not thrown, so that the other workloads still run. */
    WorkloadResult run(Options options, Settings settings) throws Exception;
}
