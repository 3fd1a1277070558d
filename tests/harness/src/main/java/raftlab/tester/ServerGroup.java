package raftlab.tester;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.persist.Persister;

/**
 * A group of servers that the tester starts, crashes, restarts and partitions (MIT's {@code tester1/group.go}).
 * Server {@code i} of group {@code gid} is registered on the network as {@code server-<gid>-<i>}.
 *
 * <p>Connectivity is per server: {@link #connectOne} and {@link #disconnectAll} enable or disable the links between
 * one server and every other connected server; {@link #partition} splits the group in two. A crash
 * ({@link #shutdownServer}) disconnects the server, deletes it from the network (so it can never again answer
 * positively), gives its record a copy of its persister (orphaning the one the dead instance still holds) and then
 * kills its services. {@link #startServer} starts a new incarnation with fresh ends and a copy of the last persisted
 * state; like MIT's, it leaves the new server disconnected until a connect call.
 *
 * <p>Every change is recorded on the test's {@link Timeline}.
 */
public final class ServerGroup {

    private final Config config;
    private final Network net;
    private final int gid;
    private final ServerStart start;
    private final ServerSlot[] slots;
    private final boolean[] connected;

    ServerGroup(Config config, Network net, int gid, int n, ServerStart start) {
        if (n < 1) {
            throw new IllegalArgumentException("a group needs at least one server, got " + n);
        }
        this.config = config;
        this.net = net;
        this.gid = gid;
        this.start = start;
        this.slots = new ServerSlot[n];
        this.connected = new boolean[n];
        for (int i = 0; i < n; i++) {
            slots[i] = ServerSlot.withFreshEnds(net, config, gid, n);
        }
    }

    /** {@return the network name of server {@code i} of group {@code gid}} */
    public static String serverName(int gid, int i) {
        return "server-" + gid + "-" + i;
    }

    // ---- accessors --------------------------------------------------------------------------------------------

    /** {@return the number of servers} */
    public int n() {
        return slots.length;
    }

    /** {@return this group's id} */
    public int gid() {
        return gid;
    }

    /** {@return the network name of server {@code i}} */
    public String serverName(int i) {
        return serverName(gid, i);
    }

    /** {@return the network names of all servers} */
    public List<String> serverNames() {
        return IntStream.range(0, n()).mapToObj(this::serverName).toList();
    }

    /** {@return the network names of the given servers} */
    public List<String> serverNamesTo(int... servers) {
        return Arrays.stream(servers).mapToObj(this::serverName).toList();
    }

    /** {@return the services of each server; an empty list for a server that is shut down} */
    public synchronized List<List<TestService>> services() {
        List<List<TestService>> result = new ArrayList<>();
        for (ServerSlot slot : slots) {
            result.add(slot.services == null ? List.of() : List.copyOf(slot.services));
        }
        return result;
    }

    /** {@return whether server {@code i} has been started and not shut down since} */
    public synchronized boolean isRunning(int i) {
        return slots[i].services != null;
    }

    /** {@return whether server {@code i} is connected} */
    public synchronized boolean isConnected(int i) {
        return connected[i];
    }

    /** {@return a copy of the connected flags} */
    public synchronized boolean[] connected() {
        return connected.clone();
    }

    /** {@return the largest persisted Raft state of any server, in bytes} */
    public synchronized int logSize() {
        return Arrays.stream(slots).mapToInt(s -> s.saved == null ? 0 : s.saved.raftStateSize()).max().orElse(0);
    }

    /** {@return the largest persisted snapshot of any server, in bytes} */
    public synchronized int snapshotSize() {
        return Arrays.stream(slots).mapToInt(s -> s.saved == null ? 0 : s.saved.snapshotSize()).max().orElse(0);
    }

    /** {@return the number of RPCs the network dispatched to server {@code i} (which must be running)} */
    public int rpcCount(int i) {
        return net.count(serverName(i));
    }

    // ---- start, crash, restart --------------------------------------------------------------------------------

    /** Starts every server, then connects them all. */
    public void startServers() {
        for (int i = 0; i < n(); i++) {
            startServer(i);
        }
        connectAll();
    }

    /**
     * Starts a new incarnation of server {@code i} with fresh ends and a copy of its persisted state. The new server
     * is registered on the network but stays unreachable until a connect call ({@link #connectOne} or
     * {@link #connectAll}).
     *
     * @throws IllegalStateException if server {@code i} is running: shut it down first
     */
    public void startServer(int i) {
        ServerSlot next;
        synchronized (this) {
            if (slots[i].services != null) {
                throw new IllegalStateException(serverName(i) + " is running; shutdownServer(" + i + ") first");
            }
            ServerSlot old = slots[i];
            next = config.whileRunning("start " + serverName(i), () -> old.nextIncarnation(net, config, gid));
            slots[i] = next;
        }
        List<TestService> services = List.copyOf(start.start(next.ends, gid, i, next.saved));
        Server server = new Server();
        services.forEach(s -> s.rpcService().ifPresent(server::addService));
        boolean over;
        synchronized (this) {
            // Cleanup sets its flag before it kills the groups (killAll reads services under this lock): either it
            // kills these services, or this sees the flag and kills them itself.
            over = config.isCleanedUp();
            if (!over) {
                next.services = services;
                net.addServer(serverName(i), server);
            }
        }
        if (over) {
            services.forEach(TestService::kill);
            throw new TestOver("start " + serverName(i));
        }
        recordRestart(i);
    }

    /** Crashes server {@code i}; see the class comment. Does nothing to a server that is not running. */
    public void shutdownServer(int i) {
        List<TestService> services;
        synchronized (this) {
            disconnect(i, all());
            // Delete before swapping the persister, so the dead instance cannot acknowledge anything it persists
            // into the persister that is about to be orphaned.
            net.deleteServer(serverName(i));
            ServerSlot slot = slots[i];
            if (slot.saved != null) {
                slot.saved = slot.saved.copy();
            }
            services = slot.services;
            slot.services = null;
        }
        recordConnection();
        recordShutdown(i);
        if (services != null) {
            services.forEach(TestService::kill);
        }
    }

    /** Crashes every server. */
    public void shutdown() {
        for (int i = 0; i < n(); i++) {
            shutdownServer(i);
        }
    }

    /** {@return the persister the next incarnation of server {@code i} will get a copy of} */
    public synchronized Persister persister(int i) {
        return slots[i].saved;
    }

    // ---- connectivity -----------------------------------------------------------------------------------------

    /** Connects server {@code i} to every connected server (and marks it connected). */
    public void connectOne(int i) {
        synchronized (this) {
            connect(i, all());
        }
        recordConnection();
    }

    /** Connects every server, including ones that are shut down (their old ends become enabled again). */
    public void connectAll() {
        synchronized (this) {
            for (int i = 0; i < n(); i++) {
                connect(i, all());
            }
        }
        recordConnection();
    }

    /** Disconnects server {@code i} from every server, itself included. */
    public void disconnectAll(int i) {
        synchronized (this) {
            disconnect(i, all());
        }
        recordConnection();
    }

    /**
     * Splits the group: servers in {@code p1} reach each other and nobody in {@code p2}, and the other way round.
     * {@code partition(all, new int[0])} heals the group.
     */
    public void partition(int[] p1, int[] p2) {
        synchronized (this) {
            for (int i : p1) {
                disconnect(i, p2);
                connect(i, p1);
            }
            for (int i : p2) {
                disconnect(i, p1);
                connect(i, p2);
            }
        }
        if (gid == Config.GRP0) {
            config.timeline().twoPartitions(p1, p2);
        } else {
            config.timeline().annotate(tag(), "partition " + Arrays.toString(p1) + " " + Arrays.toString(p2),
                    "group " + gid + ": partition " + Arrays.toString(p1) + " " + Arrays.toString(p2));
        }
    }

    /**
     * {@return two partitions that put server {@code l} in the minority: {@code [0]} holds the first
     * {@code n/2 + 1} servers other than {@code l}, {@code [1]} the remaining {@code n/2} with {@code l} last}
     */
    public int[][] makePartition(int l) {
        int n = n();
        int[] p1 = new int[n / 2 + 1];
        int[] p2 = new int[n / 2];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (i != l) {
                if (j < p1.length) {
                    p1[j] = i;
                } else {
                    p2[j - p1.length] = i;
                }
                j++;
            }
        }
        p2[p2.length - 1] = l;
        return new int[][] {p1, p2};
    }

    /** {@return every server except {@code l}} */
    public int[] allServersExcept(int l) {
        return IntStream.range(0, n()).filter(i -> i != l).toArray();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    // The timeline's fault row follows group 0 (the servers it was told about); the faults of other groups (Lab 5's
    // shard groups) go on a row of their own, "group <gid>", so that server indexes of different groups never mix.

    private String tag() {
        return "group " + gid;
    }

    private void recordConnection() {
        if (gid == Config.GRP0) {
            config.timeline().connection(connected());
        }
    }

    private void recordShutdown(int i) {
        if (gid == Config.GRP0) {
            config.timeline().shutdown(i);
        } else {
            config.timeline().annotate(tag(), "crash " + serverName(i), "crash " + serverName(i));
        }
    }

    private void recordRestart(int i) {
        if (gid == Config.GRP0) {
            config.timeline().restart(i);
        } else {
            config.timeline().annotate(tag(), "start " + serverName(i), "start " + serverName(i));
        }
    }

    private int[] all() {
        return IntStream.range(0, n()).toArray();
    }

    // Caller holds the lock.
    private void connect(int i, int[] to) {
        connected[i] = true;
        for (int j : to) {
            if (connected[j]) {
                slots[i].enable(net, j, true);     // outgoing
            }
        }
        for (int j : to) {
            if (connected[j]) {
                slots[j].enable(net, i, true);     // incoming
            }
        }
    }

    // Caller holds the lock.
    private void disconnect(int i, int[] from) {
        connected[i] = false;
        for (int j : from) {
            slots[i].enable(net, j, false);
            slots[j].enable(net, i, false);
        }
    }

    /** Kills every running service without deleting servers: the end of a test. */
    void killAll() {
        List<TestService> all = new ArrayList<>();
        synchronized (this) {
            for (ServerSlot slot : slots) {
                if (slot.services != null) {
                    all.addAll(slot.services);
                }
            }
        }
        all.forEach(TestService::kill);
    }
}
