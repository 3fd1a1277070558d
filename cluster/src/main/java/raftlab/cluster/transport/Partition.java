package raftlab.cluster.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers a node is cut off from: its calls to them and their calls to it fail, both ways, as if the links were
 * down. Clients (caller id {@link GrpcEnds#CLIENT}) are never cut off. Changed at run time by the nemesis.
 */
public final class Partition {

    private final Set<Integer> blocked = ConcurrentHashMap.newKeySet();

    /** Cuts this node off from exactly {@code peers} (empty heals every link). */
    public void set(Set<Integer> peers) {
        blocked.retainAll(peers);
        blocked.addAll(peers);
    }

    /** {@return whether the link to or from {@code peer} is cut} */
    public boolean isBlocked(int peer) {
        return peer >= 0 && blocked.contains(peer);
    }

    /** {@return the peers this node is cut off from} */
    public Set<Integer> blocked() {
        return Set.copyOf(blocked);
    }
}
