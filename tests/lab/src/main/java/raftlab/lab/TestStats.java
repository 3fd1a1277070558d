package raftlab.lab;

/**
 * The results of one test's runs so far: counts, and the time's mean and standard deviation computed online
 * (Welford's algorithm), the RPC count's mean, and the fork overhead's mean. Not thread-safe; the grader
 * synchronizes.
 */
public final class TestStats {

    private final GradedTest test;
    private final int planned;
    private int finished;
    private int failed;
    private int killed;
    private double timeMean;
    private double timeM2;
    private double overheadSum;
    private long rpcSum;
    private int rpcRuns;

    TestStats(GradedTest test, int planned) {
        this.test = test;
        this.planned = planned;
    }

    void add(Forker.Result r) {
        finished++;
        if (r.status() != Forker.Status.PASSED) {
            failed++;
        }
        if (r.status() == Forker.Status.KILLED) {
            killed++;
        }
        double x = r.testSeconds();
        double delta = x - timeMean;
        timeMean += delta / finished;
        timeM2 += delta * (x - timeMean);
        overheadSum += r.overheadSeconds();
        if (r.rpcs() >= 0) {
            rpcSum += r.rpcs();
            rpcRuns++;
        }
    }

    /** {@return the test} */
    public GradedTest test() {
        return test;
    }

    /** {@return how many runs were planned} */
    public int planned() {
        return planned;
    }

    /** {@return how many runs finished} */
    public int finished() {
        return finished;
    }

    /** {@return how many runs failed, killed ones included} */
    public int failed() {
        return failed;
    }

    /** {@return how many runs were killed for running past the limit} */
    public int killed() {
        return killed;
    }

    /** {@return the passed runs} */
    public int passed() {
        return finished - failed;
    }

    /** {@return whether every planned run finished and passed} */
    public boolean allPassed() {
        return finished == planned && failed == 0;
    }

    /** {@return the mean of the test's own time in seconds} */
    public double timeMean() {
        return timeMean;
    }

    /** {@return the sample standard deviation of the test's time} */
    public double timeSd() {
        return finished > 1 ? Math.sqrt(timeM2 / (finished - 1)) : 0;
    }

    /** {@return the mean fork overhead (wall time minus test time) in seconds} */
    public double overheadMean() {
        return finished == 0 ? 0 : overheadSum / finished;
    }

    /** {@return the sum of fork overheads} */
    double overheadSum() {
        return overheadSum;
    }

    /** {@return the mean RPC count of the runs that reported one, or -1} */
    public double rpcMean() {
        return rpcRuns == 0 ? -1 : (double) rpcSum / rpcRuns;
    }
}
