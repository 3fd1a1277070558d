package raftlab.tester.kvsrv;

import raftlab.kvsrv.Clerk;
import raftlab.labrpc.net.Network;

/**
 * A test clerk (MIT's {@code TestClerk} in {@code kvsrv1/test.go}): the student's {@link Clerk} plus the client end
 * it talks through, which has a fresh random name and is connected to the one server.
 */
public final class KvsrvClerk {

    private final Network net;
    private final String endName;
    private final Clerk clerk;

    KvsrvClerk(Network net, String endName, Clerk clerk) {
        this.net = net;
        this.endName = endName;
        this.clerk = clerk;
    }

    /** {@return the student's clerk; calls on it directly are neither counted in #ops nor recorded} */
    public Clerk clerk() {
        return clerk;
    }

    /** Deletes this clerk's end (calls through it fail from now on). */
    void delete() {
        if (!net.isCleanedUp()) {
            net.deleteEnd(endName);
        }
    }
}
