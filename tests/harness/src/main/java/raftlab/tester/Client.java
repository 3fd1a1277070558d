package raftlab.tester;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;

/**
 * A clerk's view of the network (MIT's {@code Clnt}): it creates its end to a server lazily, on the first call to
 * that server, and enables it only if the server is allowed. Ends target server names, so a clerk reaches a
 * restarted server without doing anything. Server-to-server partitions do not affect clients.
 */
public final class Client {

    private final Network net;
    private final Config config;
    private final Map<String, String> ends = new HashMap<>();     // server name -> end name
    private final Map<String, ClientEnd> endObjects = new HashMap<>();
    private List<String> allowed;                                 // null: every server

    Client(Network net, Config config, List<String> allowed) {
        this.net = net;
        this.config = config;
        this.allowed = allowed == null ? null : List.copyOf(allowed);
    }

    /**
     * Calls {@code method} (e.g. {@code "KVServer.get"}) on {@code server} (e.g. {@code "server-0-1"}).
     *
     * @return the reply, or empty if the call failed or the server is not reachable by this client
     */
    public <R> Optional<R> call(String server, String method, Object args, Class<R> replyType) {
        return end(server).call(method, args, replyType);
    }

    /**
     * {@return this client's end to {@code server}, made (and enabled if the server is allowed) on first use}; Lab 5's
     * clerks and controllers dial servers by name through it.
     */
    public ClientEnd endTo(String server) {
        return end(server);
    }

    /** Makes every server reachable, including ends created later. */
    public synchronized void connectAll() {
        ends.values().forEach(name -> net.enable(name, true));
        allowed = null;
    }

    /** Allows {@code servers} and enables the existing ends to them; ends to other servers keep their state. */
    public synchronized void connectTo(List<String> servers) {
        allowed = List.copyOf(servers);
        ends.forEach((server, name) -> {
            if (allowedLocked(server)) {
                net.enable(name, true);
            }
        });
    }

    /** Disables the end to {@code server}. */
    public synchronized void disconnect(String server) {
        String name = ends.get(server);
        if (name != null) {
            net.enable(name, false);
        }
    }

    /** Disables every end; no server is allowed any more. */
    public synchronized void disconnectAll() {
        ends.values().forEach(name -> net.enable(name, false));
        allowed = List.of();
    }

    synchronized void remove() {
        ends.values().forEach(net::deleteEnd);
        ends.clear();
        endObjects.clear();
    }

    private synchronized ClientEnd end(String server) {
        ClientEnd end = endObjects.get(server);
        if (end != null) {
            return end;
        }
        String name = config.randstring(20);
        end = net.makeEnd(name);
        net.connect(name, server);
        net.enable(name, allowedLocked(server));
        ends.put(server, name);
        endObjects.put(server, end);
        return end;
    }

    private boolean allowedLocked(String server) {
        return allowed == null || allowed.contains(server);
    }
}
