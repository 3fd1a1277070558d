package raftlab.tester.kvsrv;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The JVM's counterpart of Go's {@code runtime.GC(); runtime.ReadMemStats(&st); st.HeapAlloc}: bytes of the heap in
 * use right after a full collection, i.e. the live objects of the whole process (test, harness, network, server).
 *
 * <p>{@code System.gc()} is only a request in general, but the graded tests run with the serial collector
 * ({@code -XX:+UseSerialGC}, set by the build and by {@code ./lab}), for which it is a synchronous, compacting full
 * collection; the heap in use read right after it is the live set plus what other threads allocated in between
 * (the tester's watchdog and the network are idle then: a few kilobytes).
 */
public final class LiveHeap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private LiveHeap() {}

    /** Runs a full collection. */
    public static void gc() {
        System.gc();
    }

    /** {@return the bytes of heap in use now} (call right after {@link #gc()}) */
    public static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
