package io.grant.bench.suite.pending;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap in use once garbage is gone: a few full collections, then {@link MemoryMXBean}'s used heap. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {}

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            MEMORY.gc();
            Thread.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
