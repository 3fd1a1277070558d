package raftlab.tester.kv;

import java.util.ArrayList;
import java.util.List;
import raftlab.kvraft.Clerk;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.tester.Config;

/**
 * A test clerk (MIT's {@code TestClerk}): the student's {@link Clerk} plus the client ends it talks through, one per
 * server, each with a fresh random name. Ends to servers the clerk may not reach stay disabled, so calls to them
 * fail after 0–99 ms; {@link #connectAll()} enables them. Server-to-server partitions do not affect clerks.
 */
public final class KvClerk {

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
