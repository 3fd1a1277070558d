package raftlab.tester.kv;

import java.util.ArrayList;
import java.util.List;
import raftlab.kvraft.Clerk;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.tester.Config;

/**
 * A test clerk (MIT's {@code TestClerk}): the student's {@link Clerk} plus the client ends it talks through, one per
 * server, each with a fresh random name. Ends to servers the clerk may not reach stay disabled, so calls to them
 * fail after 0–99 ms; {@link #connectAll()} enables them. Server-to-server partitions do not affect clerks.
 *
 * <p>It is Lab 4's {@link VersionedKvClerk} adapter: its {@link #get} and {@link #put} call the student's clerk and
 * map the student's error values to the checker's in {@link #err}.
 */
public final class KvClerk implements VersionedKvClerk {

    private final Network net;
    private final List<String> endNames;
    private final Clerk clerk;

    private KvClerk(Network net, List<String> endNames, Clerk clerk) {
        this.net = net;
        this.endNames = endNames;
        this.clerk = clerk;
    }

    /** {@return a clerk with ends to every server in {@code serverNames}, enabled where {@code allowed[i]}} */
    static KvClerk make(Config config, List<String> serverNames, boolean[] allowed) {
        Network net = config.net();
        List<String> names = new ArrayList<>();
        List<ClientEnd> ends = new ArrayList<>();
        for (int i = 0; i < serverNames.size(); i++) {
            String name = config.randstring(20);
            ClientEnd end = net.makeEnd(name);
            net.connect(name, serverNames.get(i));
            net.enable(name, allowed[i]);
            names.add(name);
            ends.add(end);
        }
        return new KvClerk(net, List.copyOf(names), new Clerk(ends));
    }

    /** {@return the student's clerk} */
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

    /** Lab 4's error values as the checker's: the one place they are mapped. */
    private static Err err(raftlab.kvraft.Err err) {
        return switch (err) {
            case OK -> Err.OK;
            case ErrNoKey -> Err.ErrNoKey;
            case ErrVersion -> Err.ErrVersion;
            case ErrMaybe -> Err.ErrMaybe;
            case ErrWrongLeader -> Err.ErrWrongLeader;
        };
    }

    /** Lets this clerk reach every server. */
    public void connectAll() {
        if (!net.isCleanedUp()) {
            endNames.forEach(name -> net.enable(name, true));
        }
    }

    /** Deletes this clerk's ends (calls through them fail from now on). */
    void delete() {
        if (!net.isCleanedUp()) {
            endNames.forEach(net::deleteEnd);
        }
    }
}
