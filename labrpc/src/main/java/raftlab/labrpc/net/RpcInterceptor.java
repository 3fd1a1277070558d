package raftlab.labrpc.net;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The tester's seam for directed tests (raftlab's own, beyond MIT's labrpc): decides, for one chosen kind of message,
 * whether the network delivers it now, loses it, or holds it back. Install one with
 * {@link Network#setInterceptor}; a network without one (every MIT-faithful test) pays a single field read per call
 * and behaves exactly like labrpc.
 *
 * <p>Both methods run on the caller's thread, inside the code under test: they must be quick and must not block or
 * throw. To hold a message they return {@link Verdict#hold}; the network does the waiting, ends the hold at the
 * release, at the hold's time limit or at {@link Network#cleanup()}, whichever comes first, so a forgotten hold never
 * hangs a test.
 *
 * <ul>
 *   <li>{@link #request} is asked before the network looks at the end: a held request then goes to whatever server
 *       the end reaches at the moment of release (a packet that waited in the network reaches the restarted server
 *       at that address), and fails if the end is disabled by then. Lost: the call fails as for a disabled end.</li>
 *   <li>{@link #reply} is asked after the handler ran and the reply survived the network's own faults, before the
 *       caller sees it: a held reply reaches the caller late; a lost one makes the call fail (the handler did run).</li>
 * </ul>
 */
public interface RpcInterceptor {

    /**
     * {@return what to do with a request about to enter the network}
     *
     * @param endName       the client end it goes through (the tester knows whose end it is)
     * @param serviceMethod e.g. {@code "Raft.appendEntries"}
     * @param args          the caller's argument object (read it; never change it)
     */
    Verdict request(String endName, String serviceMethod, Object args);

    /** {@return what to do with a reply about to reach its caller} By default: deliver it. */
    default Verdict reply(String endName, String serviceMethod, Object args, Object reply) {
        return Verdict.PASS;
    }

    /** What the network does with one message. */
    sealed interface Verdict {

        /** Deliver it now. */
        Verdict PASS = new Pass();

        /** Lose it. */
        Verdict DROP = new Drop();

        /** {@return a hold until {@code release} is counted down, for at most {@code maxMillis}, then delivery} */
        static Verdict hold(CountDownLatch release, long maxMillis) {
            return new Hold(release, maxMillis);
        }

        /** Deliver now. */
        record Pass() implements Verdict {}

        /** Lose the message. */
        record Drop() implements Verdict {}

        /**
         * Wait until {@code release} or {@code maxMillis}, then deliver.
         *
         * @param release   counted down by the test to let the message go on
         * @param maxMillis the longest hold, so that a test that never releases still ends
         */
        record Hold(CountDownLatch release, long maxMillis) implements Verdict {
            public Hold {
                Objects.requireNonNull(release, "Hold: release is null");
                if (maxMillis < 0) {
                    throw new IllegalArgumentException("Hold: maxMillis is negative: " + maxMillis);
                }
            }
        }
    }
}
