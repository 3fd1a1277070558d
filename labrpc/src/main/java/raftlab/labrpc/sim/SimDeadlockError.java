package raftlab.labrpc.sim;

/**
 * A simulated run reached a state where no thread can run and no timer is pending, while the code that drives it
 * still waits: a deadlock, reported at once with every simulated thread's stack instead of a time-out much later.
 */
public final class SimDeadlockError extends AssertionError {

    private static final long serialVersionUID = 1L;

    SimDeadlockError(String report) {
        super(report);
    }
}
