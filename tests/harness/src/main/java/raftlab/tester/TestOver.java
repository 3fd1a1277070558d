package raftlab.tester;

/**
 * Thrown in a tester helper thread that asks the tester for something new (a group, a server, a client) after the
 * test has ended and its cleanup has started: the thread stops here, and the tester does not count it as a failure.
 *
 * <p>Why: MIT's tests leave some helper goroutines running when the test body returns (e.g. {@code partitionCtrler}'s
 * superseded controller, which bails out only once its next join fails). In Go such a goroutine keeps calling into a
 * dead network and is never noticed; here the network refuses new ends once it is cleaned up, and a helper thread
 * that dies fails the test at once. Ending the thread with this signal keeps MIT's verdict (the body's) without
 * starting servers that nothing would kill.
 */
public final class TestOver extends RuntimeException {

    TestOver(String what) {
        super(what + ": the test has ended (cleanup started), so this tester thread stops here");
    }
}
