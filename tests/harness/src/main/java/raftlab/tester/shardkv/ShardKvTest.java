package raftlab.tester.shardkv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import raftlab.kvsrv.KVServer;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.chan.ChannelClosedException;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.raft.Raft;
import raftlab.shardkv.Clerk;
import raftlab.shardkv.shardcfg.ShardConfig;
import raftlab.shardkv.shardctrler.ShardCtrler;
import raftlab.shardkv.shardgrp.ShardGrpServer;
import raftlab.shardkv.shardgrp.ShardRpc.GetReply;
import raftlab.tester.Client;
import raftlab.tester.Config;
import raftlab.tester.ServerGroup;
import raftlab.tester.TestService;
import raftlab.tester.TestThreads;
import raftlab.tester.TesterExtension;
import raftlab.tester.kv.ClientResult;
import raftlab.tester.kv.KvClients;
import raftlab.tester.kv.VersionedKvClerk;

/**
 * One Lab 5 test (MIT's {@code shardkv1/test.go} on top of {@code kvtest1}): group 0 is the configuration store (one
 * Lab 2 server), groups 1, 2, ... are shard groups of {@link #NSRV} {@link ShardGrpServer}s; the tester makes
 * controllers and clerks, each on a client of its own, and records the clerks' operations for the linearizability
 * check. {@link #make} prints the test's title at once.
 *
 * <p>Threads the harness starts for a test (clients, join/leave loops, blocked Gets) are tracked; the test class
 * calls {@link #stopBackground()} after each test so that none outlives it (Go simply leaks them). Failures found
 * on those threads go through {@link Config#fatalf}, which fails the test on its main thread.
 */
public final class ShardKvTest {

    /** Servers per shard group. */
    public static final int NSRV = 3;
    /** Pause after each join or leave in {@link #joinGroups} and {@link #leaveGroups}, in ms. */
    public static final long INTERGRPDELAY = 200;
    /** Groups joined by the "many groups" and concurrent-clerk tests. */
    public static final int NGRP = 8;
    /** Keys of the tests: {@code k0} ... {@code k59}. */
    public static final int NKEYS = 5 * ShardConfig.NSHARDS;

    private final Config config;
    private final TestThreads threads = new TestThreads();
    private final KvClients clients;
    private final boolean partition;
    private final int maxraftstate;
    private final AtomicInteger ngid = new AtomicInteger(ShardConfig.GID1 + 1);
    private final Map<Integer, ShardGrpServer[]> servers = new HashMap<>();   // guarded by this
    private ShardCtrler sck;

    private ShardKvTest(TesterExtension tester, boolean reliable, boolean partition, int maxraftstate) {
        this.partition = partition;
        this.maxraftstate = maxraftstate;
        this.config = tester.makeConfig(1, reliable, ShardKvTest::startKVServer);
        this.clients = new KvClients(config, threads);
    }

    /** {@return MIT's {@code MakeTestMaxRaft}: prints {@code part (reliable network)...}} */
    public static ShardKvTest makeMaxRaft(TesterExtension tester, String part, boolean reliable, boolean partition,
                                          int maxraftstate) {
        ShardKvTest ts = new ShardKvTest(tester, reliable, partition, maxraftstate);
        ts.config.begin(part);
        return ts;
    }

    /** {@return MIT's {@code MakeTest}: no snapshots, not in partition mode} */
    public static ShardKvTest make(TesterExtension tester, String part, boolean reliable) {
        return makeMaxRaft(tester, part, reliable, false, -1);
    }

    /** {@return MIT's {@code MakeTestLeases}: partition mode ({@link #partitionCtrler} reconnects the old one)} */
    public static ShardKvTest makeLeases(TesterExtension tester, String part, boolean reliable) {
        return makeMaxRaft(tester, part, reliable, true, -1);
    }

    private static List<TestService> startKVServer(List<ClientEnd> ends, int gid, int me, Persister persister) {
        KVServer kv = KVServer.make();
        return List.of(TestService.exported("KVServer", kv, kv::kill));
    }

    private List<TestService> startShardGrp(List<ClientEnd> ends, int gid, int me, Persister persister) {
        ShardGrpServer srv = ShardGrpServer.start(ends, gid, me, persister, maxraftstate);
        synchronized (this) {
            servers.computeIfAbsent(gid, g -> new ShardGrpServer[NSRV])[me] = srv;
        }
        Raft raft = srv.raft();
        return List.of(TestService.exportedIfAny("KVServer", srv, srv::kill),
                TestService.exportedIfAny("Raft", raft, raft::kill));
    }

    // ---- the tester's world -----------------------------------------------------------------------------------

    /** {@return the config} */
    public Config config() {
        return config;
    }

    /** Prints the {@code ... Passed} line. */
    public void end() {
        config.end();
    }

    /** Fails the test with MIT's message; {@code throw ts.fatalf(...)}. */
    public AssertionError fatalf(String format, Object... args) {
        return config.fatalf(format, args);
    }

    /** Sleeps, cut short if another thread fails the test. */
    public void sleep(long millis) {
        config.sleep(millis);
    }

    /** {@return shard group {@code gid}} */
    public ServerGroup group(int gid) {
        return config.group(gid);
    }

    /** Notes an event of the test on the history view's information row. */
    public void annotate(String what) {
        config.timeline().info(what, what);
    }

    /**
     * Runs {@code body} on a tracked thread. An interruption by {@link #stopBackground()} (a clerk then throws
     * {@link CancellationException}) ends it quietly.
     */
    public Thread go(String name, Runnable body) {
        return threads.go(name, body);
    }

    /** Interrupts the test's threads still running; the test class calls it after each test. */
    public void stopBackground() {
        threads.stopAll();
    }

    // ---- controllers, clerks, groups ------------------------------------------------------------------------

    /** A controller with the client it talks through (MIT's {@code makeShardCtrlerClnt}). */
    public record Ctrler(ShardCtrler sck, Client clnt) {}

    /** {@return a new controller on a new client} */
    public Ctrler makeShardCtrlerClnt() {
        Client clnt = config.makeClient();
        return new Ctrler(new ShardCtrler(clnt::endTo), clnt);
    }

    /** {@return a new controller on a new client} */
    public ShardCtrler makeShardCtrler() {
        return makeShardCtrlerClnt().sck();
    }

    /** {@return the setup controller} */
    public ShardCtrler shardCtrler() {
        return sck;
    }

    /**
     * A test clerk: the student's clerk and the client it talks through. It is Lab 5's {@link VersionedKvClerk}
     * adapter: its {@link #get} and {@link #put} call the student's clerk and map the student's error values to the
     * checker's in {@link #err}.
     */
    public record TestClerk(Clerk clerk, Client clnt) implements VersionedKvClerk {

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

        /** Lab 5's error values as the checker's: the one place they are mapped. */
        private static Err err(raftlab.shardkv.shardgrp.Err err) {
            return switch (err) {
                case OK -> Err.OK;
                case ErrNoKey -> Err.ErrNoKey;
                case ErrVersion -> Err.ErrVersion;
                case ErrMaybe -> Err.ErrMaybe;
                case ErrWrongLeader -> Err.ErrWrongLeader;
                case ErrWrongGroup -> Err.ErrWrongGroup;
            };
        }
    }

    /** {@return a new clerk on a new client, with a new controller on a client of its own} */
    public TestClerk makeClerk() {
        Client clnt = config.makeClient();
        return new TestClerk(new Clerk(clnt::endTo, makeShardCtrler()), clnt);
    }

    /** Deletes the clerk's client (not its controller's). */
    public void deleteClerk(TestClerk ck) {
        config.clients().deleteClient(ck.clnt());
    }

    /** Deletes a client's ends. */
    public void deleteClient(Client clnt) {
        config.clients().deleteClient(clnt);
    }

    /** {@return the next unused gid} */
    public int newGid() {
        return ngid.getAndIncrement();
    }

    /** Starts group {@code gid}: fresh servers, empty persisters, connected. */
    public ServerGroup makeGroupStart(int gid) {
        annotate("start group " + gid);
        return config.makeGroupStart(gid, NSRV, this::startShardGrp);
    }

    /**
     * MIT's {@code setupKVService}: makes the setup controller, starts group {@link ShardConfig#GID1} and stores the
     * first configuration (every shard on it). {@code InitController} is not called on the setup controller.
     */
    public int setupKVService() {
        sck = makeShardCtrler();
        ServerGroup g = makeGroupStart(ShardConfig.GID1);
        ShardConfig cfg = ShardConfig.make();
        cfg.joinBalance(Map.of(ShardConfig.GID1, g.serverNames()));
        sck.initConfig(cfg);
        return ShardConfig.GID1;
    }

    /** Joins {@code gid} with {@code servers}: Query, copy, JoinBalance, ChangeConfigTo. */
    public void join(ShardCtrler ctrl, int gid, List<String> servers) {
        annotate("join " + gid);
        ShardConfig cfg = query(ctrl).copy();
        if (!cfg.joinBalance(Map.of(gid, servers))) {
            throw fatalf("join: group %d is already present", gid);
        }
        ctrl.changeConfigTo(cfg);
    }

    /** For each gid: start the group, join it, check it owns shards, pause 200 ms; false if one owns none. */
    public boolean joinGroups(ShardCtrler ctrl, List<Integer> gids) {
        for (int gid : gids) {
            makeGroupStart(gid);
            join(ctrl, gid, group(gid).serverNames());
            if (!checkMember(ctrl, gid)) {
                return false;
            }
            Sim.sleep(INTERGRPDELAY);
        }
        return true;
    }

    /** Removes {@code gid}: Query, copy, LeaveBalance, ChangeConfigTo. */
    public void leave(ShardCtrler ctrl, int gid) {
        annotate("leave " + gid);
        ShardConfig cfg = query(ctrl).copy();
        if (!cfg.leaveBalance(List.of(gid))) {
            throw fatalf("leave: group %d is already not present", gid);
        }
        ctrl.changeConfigTo(cfg);
    }

    /** For each gid: leave, check it owns no shard, shut the group down and forget it, pause 200 ms. */
    public boolean leaveGroups(ShardCtrler ctrl, List<Integer> gids) {
        for (int gid : gids) {
            leave(ctrl, gid);
            if (checkMember(ctrl, gid)) {
                return false;
            }
            annotate("exit group " + gid);
            config.exitGroup(gid);
            Sim.sleep(INTERGRPDELAY);
        }
        return true;
    }

    /** {@return whether {@code gid} owns a shard in the current configuration} */
    public boolean checkMember(ShardCtrler ctrl, int gid) {
        return query(ctrl).isMember(gid);
    }

    /** {@return the controller's current configuration}; fails the test (Go: a nil dereference) if it is null */
    public ShardConfig query(ShardCtrler ctrl) {
        ShardConfig cfg = ctrl.query();
        if (cfg == null) {
            throw fatalf("ShardCtrler.query() returned null: it must return the current configuration, as stored "
                    + "by initConfig");
        }
        return cfg;
    }

    /** Crashes every server of group {@code gid}. */
    public void shutdownGroup(int gid) {
        annotate("shut down group " + gid);
        group(gid).shutdown();
    }

    /** Restarts every server of group {@code gid} from its saved state. */
    public void startGroup(int gid) {
        annotate("restart group " + gid);
        group(gid).startServers();
    }

    /** {@return gids {@code from} ... {@code from + n - 1}} */
    public static List<Integer> gids(int from, int n) {
        return IntStream.range(from, from + n).boxed().toList();
    }

    /**
     * MIT's {@code disconnectClntFromLeader}: crashes the Raft leader of group {@code gid} (despite the name nothing
     * is disconnected) and returns its index; fails with "Leader failed" if the group has none.
     */
    public int disconnectClntFromLeader(int gid) {
        int l = leader(gid);
        if (l < 0) {
            throw fatalf("Leader failed");
        }
        annotate("crash leader " + group(gid).serverName(l));
        group(gid).shutdownServer(l);
        return l;
    }

    /** {@return the first running server of group {@code gid} whose Raft says it is leader, or -1} */
    private int leader(int gid) {
        ServerGroup g = group(gid);
        for (int i = 0; i < NSRV; i++) {
            ShardGrpServer srv;
            synchronized (this) {
                srv = servers.get(gid)[i];
            }
            if (g.isRunning(i) && srv.raft().getState().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    // ---- recorded operations (shared with Labs 2 and 4: KvClients) -------------------------------------------

    /** A recorded Get by client {@code cli}. */
    public GetResult get(TestClerk ck, String key, int cli) {
        return clients.get(ck, key, cli);
    }

    /** A recorded Put by client {@code cli}. */
    public Err put(TestClerk ck, String key, String value, long version, int cli) {
        return clients.put(ck, key, value, version, cli);
    }

    /** Fails the test unless a recorded Get of {@code key} returns OK with exactly {@code value} and {@code version}. */
    public void checkGet(TestClerk ck, String key, String value, long version) {
        clients.checkGet(ck, key, value, version);
    }

    /** {@code CheckGet} of every key at version 1. */
    public void checkGets(TestClerk ck, List<String> keys, List<String> values) {
        for (int i = 0; i < keys.size(); i++) {
            checkGet(ck, keys.get(i), values.get(i), 1);
        }
    }

    /** Keys and the values put to them. */
    public record KeysValues(List<String> keys, List<String> values) {}

    /** MIT's {@code SpreadPuts}: {@code SpreadPutsSize(ck, n, 20)}. */
    public KeysValues spreadPuts(TestClerk ck, int n) {
        return spreadPutsSize(ck, n, 20);
    }

    /**
     * MIT's {@code SpreadPutsSize}: a direct Put of a random value of {@code valsz} characters to each of
     * {@code k0}...{@code k(n-1)} (results ignored, not recorded), then a recorded check of each at version 1.
     */
    public KeysValues spreadPutsSize(TestClerk ck, int n, int valsz) {
        List<String> keys = KvClients.makeKeys(n);
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            String value = config.randstring(valsz);
            values.add(value);
            ck.put(key, value, 0);
        }
        checkGets(ck, keys, values);
        return new KeysValues(keys, values);
    }

    /** Checks the whole history so far for linearizability (1 s limit; a time-out passes). */
    public void checkPorcupine() {
        clients.checkLinearizable();
    }

    // ---- concurrent clients -----------------------------------------------------------------------------------

    /** MIT's {@code OneClientPut}: {@link KvClients#onePut} on {@code keys[0]} (random keys are off in Lab 5). */
    public ClientResult oneClientPut(int cli, TestClerk ck, List<String> keys, CountDownLatch done) {
        return clients.oneClientPut(cli, ck, keys, done, false);
    }

    /**
     * MIT's {@code SpawnClientsAndWait} with {@code OneClientPut}: {@code n} clients, each on a new clerk, for
     * {@code millis}; then tells them to stop and waits for them.
     */
    public List<ClientResult> spawnClientsAndWait(int n, long millis, List<String> keys) {
        return clients.spawnClientsAndWait(n, millis, this::makeClerk, this::deleteClerk,
                (me, ck, done) -> oneClientPut(me, ck, keys, done));
    }

    // ---- controller failures (5B, 5C) ----------------------------------------------------------------------------

    /** {@return whether this test is in partition mode ({@code MakeTestLeases}): the old controller comes back} */
    public boolean partitionMode() {
        return partition;
    }

    /**
     * MIT's {@code partitionCtrler}: a controller joins and leaves new groups in a loop; after 1 s plus up to
     * 399 ms group {@code gid} is shut down, so that the controller gets stuck inside a change; 1 s later it is
     * partitioned (in partition mode it stays so for 1 s more), the group restarts, and a new controller's
     * {@code InitController} must finish the interrupted join or leave. In partition mode the old controller is then
     * reconnected and must not interfere. Finally the keys are checked and both controllers' clients deleted.
     */
    public void partitionCtrler(TestClerk ck, int gid, List<String> keys, List<String> values) {
        final int rand = 400;
        final long nsec = 1;
        final int join = 1;
        final int leave = 2;

        Ctrler c = makeShardCtrlerClnt();
        ShardCtrler sck = c.sck();
        sck.initController();

        int num = query(shardCtrler()).num();

        // Read across threads, unsynchronised in Go.
        AtomicInteger state = new AtomicInteger();
        AtomicInteger ngidNow = new AtomicInteger();
        go("partitioned-ctrler", () -> {
            while (true) {
                int ngid = newGid();
                ngidNow.set(ngid);
                state.set(join);
                joinGroups(sck, List.of(ngid));
                if (checkMember(sck, ngid)) {
                    state.set(leave);
                    leaveGroups(sck, List.of(ngid));
                } else {
                    return;   // deposed
                }
            }
        });

        sleep(1000 + config.random().nextInt(rand));

        shutdownGroup(gid);

        sleep(nsec * 1000);

        annotate("partition controller");
        c.clnt().disconnectAll();

        if (partition) {
            // wait a while before restarting shardgrp `gid`
            sleep(1000);
        }

        startGroup(gid);

        Ctrler c0 = makeShardCtrlerClnt();
        annotate("new controller: InitController");
        c0.sck().initController();
        ShardConfig cfg = query(c0.sck());
        if (cfg.num() <= num) {
            throw fatalf("didn't recover; expected %d > %d", num, cfg.num());
        }

        int st = state.get();
        int ngid = ngidNow.get();
        boolean present = cfg.isMember(ngid);
        if ((st == join && !present) || (st == leave && present)) {
            throw fatalf("didn't recover %d correctly after %s", ngid, st == join ? "join" : "leave");
        }

        if (st == join && present) {
            // cleanup if disconnected after join but before leave
            leaveGroups(c0.sck(), List.of(ngid));
        }

        if (partition) {
            // reconnect old controller, which should bail out, because it has been superseded.
            annotate("reconnect old controller");
            c.clnt().connectAll();
            sleep(100);
        }

        for (int i = 0; i < keys.size(); i++) {
            checkGet(ck, keys.get(i), values.get(i), 1);
        }

        deleteClient(c.clnt());
        deleteClient(c0.clnt());
    }

    /**
     * MIT's {@code concurCtrler}: four threads, each looping (until told to stop) over a new gid, a new controller,
     * {@code InitController}, a join and, if the group got shards, a leave; after 2 s the threads are stopped one
     * by one (each stop waits until a thread finishes its iteration, like Go's unbuffered send) and the keys are
     * checked.
     */
    public void concurCtrler(TestClerk ck, List<String> keys, List<String> values) {
        final long nsec = 2;
        final int n = 4;

        Channel<Boolean> ch = new Channel<>();        // Go's unbuffered chan bool (Sim-aware: runs under --sim)
        for (int i = 0; i < n; i++) {
            go("concur-ctrler-" + i, () -> {
                while (ch.poll(0, TimeUnit.MILLISECONDS) == null) {
                    int ngid = newGid();
                    ShardCtrler sck = makeShardCtrler();
                    sck.initController();
                    joinGroups(sck, List.of(ngid));
                    if (checkMember(sck, ngid)) {
                        leaveGroups(sck, List.of(ngid));
                    }
                }
            });
        }

        // wait for a while so that we have several controllers running concurrently
        sleep(nsec * 1000);

        // The stops are sent on a helper thread, so that this one can check for failures every 100 ms meanwhile.
        CountDownLatch stopped = new CountDownLatch(1);
        go("concur-ctrler-stop", () -> {
            try {
                for (int i = 0; i < n; i++) {
                    ch.send(true);
                }
                stopped.countDown();
            } catch (ChannelClosedException | CancellationException e) {
                // the test failed meanwhile
            }
        });
        try {
            while (!Sim.await(stopped, 100)) {
                config.checkpoint();
            }
        } finally {
            ch.close();
        }

        for (int i = 0; i < keys.size(); i++) {
            checkGet(ck, keys.get(i), values.get(i), 1);
        }
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    /**
     * MIT's {@code checkShutdownSharding}: shuts group {@code down} down, then Gets every key on a new clerk each,
     * in parallel; keys of other groups must come back with their values, and not all of them may (the down
     * group's keys must block). Gives up waiting once 2 s pass without a completion; then restarts the group, which
     * lets the blocked Gets finish silently.
     */
    public void checkShutdownSharding(int down, List<String> keys, List<String> values) {
        final long nsec = 2;

        shutdownGroup(down);

        int n = keys.size();
        Channel<String> ch = new Channel<>(n);   // "" = a correct completion
        boolean[] done = new boolean[1];
        Object lock = new Object();
        for (int i = 0; i < n; i++) {
            String key = keys.get(i);
            String value = values.get(i);
            TestClerk ck = makeClerk();
            go("sharding-get-" + key, () -> {
                GetReply r;
                try {
                    r = ck.clerk().get(key);
                } catch (IllegalStateException e) {
                    synchronized (lock) {
                        if (done[0]) {
                            return;     // given up on (as Go's goroutine is); the test's network may be gone
                        }
                    }
                    throw e;
                }
                synchronized (lock) {
                    if (done[0]) {
                        return;
                    }
                }
                if (!r.value().equals(value)) {
                    ch.send(String.format("Get(%s): expected:\n%s\nreceived:\n%s", key, value, r.value()));
                } else {
                    ch.send("");
                }
            });
        }

        int ndone = 0;
        while (true) {
            String msg;
            try {
                msg = ch.poll(nsec, TimeUnit.SECONDS);   // virtual time under --sim
            } catch (CancellationException e) {
                throw fatalf("interrupted");
            }
            config.checkpoint();
            if (msg == null) {
                synchronized (lock) {
                    done[0] = true;
                }
                break;
            }
            if (!msg.isEmpty()) {
                throw fatalf("%s", msg);
            }
            ndone++;
        }

        if (ndone >= n) {
            throw fatalf("expected less than %d completions with shard %d down\n", n, down);
        }

        startGroup(down);
    }
}
