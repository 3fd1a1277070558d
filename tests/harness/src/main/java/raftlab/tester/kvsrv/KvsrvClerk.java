package raftlab.tester.kvsrv;

import raftlab.kvsrv.Clerk;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.labrpc.net.Network;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.tester.kv.VersionedKvClerk;

/**
 * A test clerk (MIT's {@code TestClerk} in {@code kvsrv1/test.go}): the student's {@link Clerk} plus the client end
 * it talks through, which has a fresh random name and is connected to the one server.
 *
 * <p>It is Lab 2's {@link VersionedKvClerk} adapter: its {@link #get} and {@link #put} call the student's clerk and
 * map the student's error values to the checker's in {@link #err}.
 */
public final class KvsrvClerk implements VersionedKvClerk {

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

    /** The student's Get, unrecorded, in the checker's types. */
    @Override
    public GetResult get(String key) {
        GetReply r = clerk.get(key);
        return new GetResult(r.value(), r.version(), err(r.err()));
    }

    /** The student's Put, unrecorded, with the checker's error. */
    @Override
    public Err put(String key, String value, long version) {
        return err(clerk.put(key, value, version));
    }

    /** Lab 2's error values as the checker's: the one place they are mapped. */
    private static Err err(raftlab.kvsrv.Err err) {
        return switch (err) {
            case OK -> Err.OK;
            case ErrNoKey -> Err.ErrNoKey;
            case ErrVersion -> Err.ErrVersion;
            case ErrMaybe -> Err.ErrMaybe;
        };
    }

    /** Deletes this clerk's end (calls through it fail from now on). */
    void delete() {
        if (!net.isCleanedUp()) {
            net.deleteEnd(endName);
        }
    }
}
