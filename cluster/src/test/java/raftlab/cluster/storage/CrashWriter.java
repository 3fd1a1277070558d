package raftlab.cluster.storage;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashInjectionTest}: opens (and so recovers and repairs) the store in the directory
 * given as the argument, then saves {@link Workload} states from the one after the recovered one on, printing
 * {@code ack N} after save {@code N} returned, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        // If the test JVM dies without killing us (itself SIGKILLed), do not write on forever.
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1));
        PrintStream out = System.out;
        try (DurableStore store = DurableStore.open(Path.of(args[0]))) {
            long i = Workload.check(store.recovered()) + 1;
            out.println("ready " + i);
            out.flush();
            var persister = store.persister();
            for (; ; i++) {
                persister.save(Workload.state(i), Workload.snapshot(i));
                out.println("ack " + i);
                out.flush();
            }
        }
    }
}
