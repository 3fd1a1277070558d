package raftlab.tester;

import java.util.ArrayList;
import java.util.List;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.persist.Persister;

/**
 * The tester's record of one server incarnation (MIT's {@code tester1/srv.go}): its outgoing ends, one to every
 * server of the group including itself, each with a fresh random name; the persister it was given; and the
 * services it runs ({@code null} once it is shut down).
 */
final class ServerSlot {

    final List<String> endNames;
    final List<ClientEnd> ends;
    Persister saved;
    List<TestService> services;

    private ServerSlot(List<String> endNames, List<ClientEnd> ends, Persister saved) {
        this.endNames = endNames;
        this.ends = ends;
        this.saved = saved;
    }

    /** A slot with fresh ends, connected to the group's server names but disabled, and no persister yet. */
    static ServerSlot withFreshEnds(Network net, Config config, int gid, int n) {
        List<String> names = new ArrayList<>(n);
        List<ClientEnd> ends = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            String name = config.randstring(20);
            ends.add(net.makeEnd(name));
            net.connect(name, ServerGroup.serverName(gid, j));
            names.add(name);
        }
        return new ServerSlot(List.copyOf(names), List.copyOf(ends), null);
    }

    /**
     * {@return the next incarnation: fresh ends and a copy of this slot's persister, so that the old instance can
     * never overwrite what the new one reads}
     */
    ServerSlot nextIncarnation(Network net, Config config, int gid) {
        ServerSlot next = withFreshEnds(net, config, gid, endNames.size());
        next.saved = saved == null ? new Persister() : saved.copy();
        return next;
    }

    /** Enables or disables this server's ends toward {@code to}. */
    void enable(Network net, int to, boolean enabled) {
        net.enable(endNames.get(to), enabled);
    }
}
