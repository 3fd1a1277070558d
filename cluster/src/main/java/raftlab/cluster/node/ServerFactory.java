package raftlab.cluster.node;

import java.util.List;
import raftlab.kvraft.KVServer;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.Raft;

/**
 * How a node builds its KV server: the student's {@link KVServer} by default. The kit's own tests substitute a
 * deliberately broken variant (a test fixture, never student code) to show that chaos catches the bug; a cluster
 * chooses its factory at {@code start} ({@code --server-factory}, hidden) and keeps it in {@code cluster.properties}.
 */
public interface ServerFactory {

    /**
     * A started server.
     *
     * @param kvService the receiver of the {@code "KVServer"} RPCs ({@code get}, {@code put})
     * @param raft      its Raft peer, served as {@code "Raft"}
     * @param kill      stops it
     */
    record Started(Object kvService, Raft raft, Runnable kill) {}

    Started start(List<ClientEnd> ends, int me, Persister persister, int maxRaftState);

    /** {@return the factory of the student's KV server} */
    static ServerFactory kvServer() {
        return (ends, me, persister, maxRaftState) -> {
            KVServer kv = KVServer.start(ends, 0, me, persister, maxRaftState);
            return new Started(kv, kv.raft(), kv::kill);
        };
    }

    /**
     * {@return the factory named by {@code className} (a public class with a public no-argument constructor), or the
     * student's KV server for an empty name}
     *
     * @throws IllegalArgumentException naming the class if it cannot be made
     */
    static ServerFactory named(String className) {
        if (className.isEmpty()) {
            return kvServer();
        }
        try {
            return (ServerFactory) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("server factory " + className + " cannot be made (" + e + "); it must "
                    + "be a public class implementing " + ServerFactory.class.getName() + " with a public no-argument "
                    + "constructor, on the class path", e);
        }
    }
}
