package raftlab.lab;

import java.nio.file.Path;

/** What {@link Grader} reports while it runs: live bars on a terminal, plain lines elsewhere. */
public interface Progress extends AutoCloseable {

    /** A run of {@code test} started. */
    void started(GradedTest test, int run, long seed);

    /**
     * A run of {@code test} finished.
     *
     * @param stats    the test's results so far, this run included
     * @param keptLog  where the run's output was kept, or null if it was not
     */
    void finished(GradedTest test, int run, long seed, Forker.Result result, TestStats stats, Path keptLog);

    /** Ends the display (bars are completed and released). */
    @Override
    void close();
}
