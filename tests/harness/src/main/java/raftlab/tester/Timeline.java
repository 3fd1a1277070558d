package raftlab.tester;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import raftlab.labrpc.sim.Sim;

/**
 * The annotation timeline of one test: what the tester did (partitions, crashes, restarts), what the checkers
 * concluded, and free-form notes, each with timestamps. The checker's HTML view draws it next to the history of
 * client operations, one row per tag. This is MIT's {@code tester1/annotation.go}, kept per test instead of global.
 *
 * <p>Three kinds of entries:
 * <ul>
 *   <li><b>points</b> ({@link #info}, {@link #annotate});</li>
 *   <li><b>intervals</b> from a remembered start ({@link #infoInterval}, and checker results after
 *       {@link #checkerBegin});</li>
 *   <li><b>continuous</b> entries, one open per tag, closed when the next one for that tag opens: the fault row
 *       ({@link #TAG_FAILURE}) always shows the current partition and crashed servers.</li>
 * </ul>
 * The server group records faults itself; tests record checker results and notes. All methods are thread-safe.
 */
public final class Timeline {

    /** The row of checker results. */
    public static final String TAG_CHECKER = "$ Checker";
    /** The row of partitions and crashes. */
    public static final String TAG_FAILURE = "$ Failure";
    /** The row of test information. */
    public static final String TAG_INFO = "$ Test Info";

    // Porcupine's view overlaps two boxes whose end and start coincide; MIT shifts starts by 1000 ns.
    private static final long DISPLAY_GAP_NANOS = 1000;

    private record Open(long start, String description, String details, TimelineEvent.Kind kind) {}

    private final long epochOffsetNanos;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final Map<String, Open> continuous = new LinkedHashMap<>();
    private boolean[] connected = new boolean[0];
    private boolean[] crashed = new boolean[0];
    private long checkerBegin;
    private String checkerBeginDetails = "";
    private boolean finalized;
    private long calmSinceMillis;   // Sim.millis() when every server was last connected and running again; -1 if not

    /** An empty timeline. */
    public Timeline() {
        Instant now = Instant.now();
        long wallNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        // In simulation mode entries carry virtual time, so a replayed run draws the same timeline.
        this.epochOffsetNanos = Sim.isSimulated() ? 0 : wallNanos - Sim.nanoTime();
        this.calmSinceMillis = Sim.millis();
    }

    /** {@return the current time in nanoseconds since the Unix epoch, as timeline entries use it} */
    public long timestamp() {
        return epochOffsetNanos + Sim.nanoTime();
    }

    // ---- test and checker entries -----------------------------------------------------------------------------

    /** Clears the timeline and notes which test runs with how many servers (all connected, none crashed). */
    public synchronized void annotateTest(String description, int servers) {
        events.clear();
        continuous.clear();
        finalized = false;
        connected = new boolean[servers];
        Arrays.fill(connected, true);
        crashed = new boolean[servers];
        calmSinceMillis = Sim.millis();
        String details = description + " (" + servers + " servers)";
        info(details, details);
    }

    /** Remembers that a check starts now; its result becomes an interval from here. */
    public synchronized void checkerBegin(String details) {
        checkerBegin = timestamp();
        checkerBeginDetails = details;
    }

    /** Records a passed check. */
    public void checkerSuccess(String description, String details) {
        checkerEnd(description, details, TimelineEvent.Kind.SUCCESS);
    }

    /** Records a failed check. */
    public void checkerFailure(String description, String details) {
        checkerEnd(description, details, TimelineEvent.Kind.FAILURE);
    }

    /** Records a check that neither passed nor failed (a retry, say). */
    public void checkerNeutral(String description, String details) {
        checkerEnd(description, details, TimelineEvent.Kind.NEUTRAL);
    }

    private synchronized void checkerEnd(String description, String details, TimelineEvent.Kind kind) {
        if (checkerBegin == 0) {
            point(TAG_CHECKER, description, details, kind);
            return;
        }
        interval(TAG_CHECKER, checkerBegin, description, checkerBeginDetails + ": " + details, kind);
        checkerBegin = 0;
    }

    /** Records a point on the test-information row. */
    public void info(String description, String details) {
        point(TAG_INFO, description, details, TimelineEvent.Kind.INFO);
    }

    /** Records an interval from {@code start} (a {@link #timestamp()}) to now on the test-information row. */
    public void infoInterval(long start, String description, String details) {
        interval(TAG_INFO, start, description, details, TimelineEvent.Kind.INFO);
    }

    // ---- user entries -----------------------------------------------------------------------------------------

    /** Records a point on a row of the caller's choosing (a server's own notes, say). */
    public void annotate(String tag, String description, String details) {
        point(tag, description, details, TimelineEvent.Kind.USER);
    }

    /** Records an interval from {@code start} to now on a row of the caller's choosing. */
    public void annotateInterval(String tag, long start, String description, String details) {
        interval(tag, start, description, details, TimelineEvent.Kind.USER);
    }

    /** Opens a continuous entry on {@code tag}, closing the one open there. */
    public void annotateContinuous(String tag, String description, String details) {
        continuous(tag, description, details, TimelineEvent.Kind.USER);
    }

    /** Closes the continuous entry open on {@code tag}, if any. */
    public synchronized void continuousEnd(String tag) {
        Open open = continuous.remove(tag);
        if (open != null) {
            add(new TimelineEvent(tag, open.start(), timestamp(), open.description(), open.details(), open.kind()));
        }
    }

    // ---- faults -----------------------------------------------------------------------------------------------

    /** Records which servers are connected now (each disconnected one sits in its own partition). */
    public synchronized void connection(boolean[] now) {
        if (Arrays.equals(connected, now)) {
            return;
        }
        connected = now.clone();
        annotateFault();
    }

    /** Records a split into two partitions. */
    public void twoPartitions(int[] p1, int[] p2) {
        synchronized (this) {
            calmSinceMillis = p1.length > 0 && p2.length > 0 ? -1 : Sim.millis();
        }
        String text = "partition = " + Arrays.toString(p1) + " " + Arrays.toString(p2);
        continuous(TAG_FAILURE, text, text, TimelineEvent.Kind.FAULT);
    }

    /** Records that every server is connected and running again. */
    public synchronized void clearFailure() {
        Arrays.fill(crashed, false);
        Arrays.fill(connected, true);
        calmSinceMillis = Sim.millis();
        continuousEnd(TAG_FAILURE);
    }

    /** Records that servers crashed. */
    public synchronized void shutdown(int... servers) {
        if (markCrashed(servers, true)) {
            annotateFault();
        }
    }

    /** Records that every server crashed. */
    public synchronized void shutdownAll() {
        shutdown(IntStream.range(0, crashed.length).toArray());
    }

    /** Records that servers restarted. */
    public synchronized void restart(int... servers) {
        if (markCrashed(servers, false)) {
            annotateFault();
        }
    }

    /** Records that every server restarted. */
    public synchronized void restartAll() {
        restart(IntStream.range(0, crashed.length).toArray());
    }

    private boolean markCrashed(int[] servers, boolean value) {
        boolean changed = false;
        for (int id : servers) {
            if (id >= 0 && id < crashed.length) {
                changed |= crashed[id] != value;
                crashed[id] = value;
            }
        }
        return changed;
    }

    private void annotateFault() {
        boolean healthy = true;
        for (int i = 0; i < connected.length; i++) {
            healthy &= connected[i] && !crashed[i];
        }
        if (healthy) {
            calmSinceMillis = Sim.millis();
            continuousEnd(TAG_FAILURE);
            return;
        }
        calmSinceMillis = -1;
        StringBuilder text = new StringBuilder("partition = ");
        List<Integer> together = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (int id = 0; id < connected.length; id++) {
            if (crashed[id]) {
                down.add(id);
            } else if (connected[id]) {
                together.add(id);
            } else {
                text.append('[').append(id).append("] ");
            }
        }
        if (!together.isEmpty()) {
            text.append(together.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]")));
        }
        if (!down.isEmpty()) {
            text.append(" / crash = ").append(down.stream().map(String::valueOf)
                    .collect(Collectors.joining(" ", "[", "]")));
        }
        continuous(TAG_FAILURE, text.toString(), text.toString(), TimelineEvent.Kind.FAULT);
    }

    /**
     * {@return {@code Sim.millis()} at which every server of group 0 was last connected and running again after a
     * fault (a disconnection, partition or crash), or when the test began if there was none; -1 while a fault lasts}
     */
    public synchronized long calmSinceMillis() {
        return calmSinceMillis;
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** {@return the entries recorded so far (continuous entries still open are not included)} */
    public synchronized List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Closes every open continuous entry, appends a short closing entry saying {@code end} (the view needs the
     * last entry to be an interval), marks the timeline finalized and returns all entries.
     */
    public synchronized List<TimelineEvent> finish(String end) {
        long now = timestamp();
        continuous.forEach((tag, open) -> add(new TimelineEvent(tag, open.start(), now, open.description(),
                open.details(), open.kind())));
        continuous.clear();
        add(new TimelineEvent(TAG_INFO, now, now + DISPLAY_GAP_NANOS, end, end, TimelineEvent.Kind.INFO));
        finalized = true;
        return List.copyOf(events);
    }

    /** Marks the timeline as already written out (by a linearizability report, say). */
    public synchronized void setFinalized() {
        finalized = true;
    }

    /** {@return whether the timeline was finished or marked as written out} */
    public synchronized boolean isFinalized() {
        return finalized;
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private synchronized void point(String tag, String description, String details, TimelineEvent.Kind kind) {
        long now = timestamp();
        add(new TimelineEvent(tag, now, now, description, details, kind));
    }

    private synchronized void interval(String tag, long start, String description, String details,
                                       TimelineEvent.Kind kind) {
        add(new TimelineEvent(tag, start, timestamp(), description, details, kind));
    }

    private synchronized void continuous(String tag, String description, String details, TimelineEvent.Kind kind) {
        Open previous = continuous.get(tag);
        long now = timestamp();
        long start = now;
        if (previous != null) {
            add(new TimelineEvent(tag, previous.start(), now, previous.description(), previous.details(),
                    previous.kind()));
            start = now + DISPLAY_GAP_NANOS;
        }
        continuous.put(tag, new Open(start, description, details, kind));
    }

    private void add(TimelineEvent event) {
        events.add(event);
    }
}
