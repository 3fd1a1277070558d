package raftlab.tester.kvsrv;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import raftlab.kvsrv.Clerk;
import raftlab.kvsrv.KVServer;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.persist.Persister;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.tester.Config;
import raftlab.tester.TestService;
import raftlab.tester.TestThreads;
import raftlab.tester.TesterExtension;
import raftlab.tester.kv.ClientResult;
import raftlab.tester.kv.KvClients;
import raftlab.tester.kv.KvClients.Versioned;

/**
 * One Lab 2 test (MIT's {@code kvsrv1/test.go} with the {@code kvtest1} helpers Lab 2 uses): a single
 * {@link KVServer} ({@code server-0-0}), test clerks, recorded Gets and Puts, JSON values, client spawning, the
 * Put-count check and the linearizability check of the recorded history (the helpers Labs 2, 4 and 5 share:
 * {@link KvClients}). Unlike Lab 4's {@code KvTest}, making one
 * prints nothing: each test calls {@link #begin} itself, as MIT's Lab 2 tests do.
 *
 * <p>Threads the harness starts for a test (clients) are tracked; the test class calls {@link #stopBackground()}
 * after each test so that none outlives it.
 */
public final class KvsrvTest {

    /** MIT's {@code linearizabilityCheckTimeout}: the default limit of {@link #checkPorcupine()}. */
    public static final Duration CHECK_TIMEOUT = KvClients.CHECK_TIMEOUT;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Config config;
    private final String server;
    private final TestThreads threads = new TestThreads();
    private final KvClients clients;

    private KvsrvTest(TesterExtension tester, boolean reliable) {
        this.config = tester.makeConfig(1, reliable, KvsrvTest::startKVServer);
        this.server = config.group(Config.GRP0).serverName(0);
        this.clients = new KvClients(config, threads);
    }

    /** {@return a test with one started server on a reliable or unreliable network} (MIT's {@code MakeTestKV}) */
    public static KvsrvTest make(TesterExtension tester, boolean reliable) {
        return new KvsrvTest(tester, reliable);
    }

    /** MIT's {@code StartKVServer}: ignores its arguments and starts a fresh server. */
    private static List<TestService> startKVServer(List<ClientEnd> ends, int gid, int me, Persister persister) {
        KVServer kv = KVServer.make();
        return List.of(TestService.exported("KVServer", kv, kv::kill));
    }

    // ---- the tester's world -----------------------------------------------------------------------------------

    /** Prints {@code <title> (reliable network)...} and starts the report line's measurement. */
    public void begin(String title) {
        config.begin(title);
    }

    /** {@return the config} */
    public Config config() {
        return config;
    }

    /** {@return whether the network is reliable} */
    public boolean isReliable() {
        return config.isReliable();
    }

    /** Sleeps, cut short if another thread fails the test. */
    public void sleep(long millis) {
        config.sleep(millis);
    }

    /** Fails the test with MIT's message; {@code throw ts.fatalf(...)}. Works from any thread. */
    public AssertionError fatalf(String format, Object... args) {
        return config.fatalf(format, args);
    }

    /**
     * {@return {@code n} letters drawn uniformly from a–z and A–Z, from the test's seeded source} (MIT's
     * {@code RandValue})
     */
    public String randValue(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(LETTERS.charAt(config.random().nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    /**
     * Runs {@code body} on a tracked thread. An interruption by {@link #stopBackground()} (a clerk then throws
     * {@link java.util.concurrent.CancellationException}) ends it quietly.
     */
    public Thread go(String name, Runnable body) {
        return threads.go(name, body);
    }

    /** Interrupts the test's threads still running; the test class calls it after each test. */
    public void stopBackground() {
        threads.stopAll();
    }

    // ---- clerks and recorded operations -----------------------------------------------------------------------

    /** {@return a new test clerk: a new client end, connected to the server, and the student's clerk on it} */
    public KvsrvClerk makeClerk() {
        Network net = config.net();
        String name = config.randstring(20);
        ClientEnd end = net.makeEnd(name);
        net.connect(name, server);
        net.enable(name, true);
        return new KvsrvClerk(net, name, new Clerk(end));
    }

    /** Deletes a test clerk's end (MIT's {@code DeleteClerk}). */
    public void deleteClerk(KvsrvClerk ck) {
        ck.delete();
    }

    /** A recorded Get by client {@code cli}: timed, counted in #ops, added to the history. */
    public GetResult get(KvsrvClerk ck, String key, int cli) {
        return clients.get(ck, key, cli);
    }

    /** A recorded Put by client {@code cli}: timed, counted in #ops, added to the history. */
    public Err put(KvsrvClerk ck, String key, String value, long version, int cli) {
        return clients.put(ck, key, value, version, cli);
    }

    /** A recorded Put of {@code v} encoded as JSON (MIT's {@code PutJson}). */
    public Err putJson(KvsrvClerk ck, String key, Object v, long version, int me) {
        return clients.putJson(ck, key, v, version, me);
    }

    /**
     * A recorded Get that must return OK, with the value decoded from JSON into {@code type} (MIT's
     * {@code GetJson}).
     */
    public <T> Versioned<T> getJson(KvsrvClerk ck, String key, int me, Class<T> type) {
        return clients.getJson(ck, key, me, type);
    }

    /**
     * MIT's {@code OneClientPut} (random keys off, as in Lab 2): {@link KvClients#onePut} on {@code keys[0]} until
     * {@code done} opens, counting the Puts that returned OK and those that returned ErrMaybe.
     */
    public ClientResult oneClientPut(int me, KvsrvClerk ck, List<String> keys, CountDownLatch done) {
        return clients.oneClientPut(me, ck, keys, done, false);
    }

    /**
     * MIT's {@code SpawnClientsAndWait}: runs {@code n} clients, each on its own new clerk (deleted when it
     * returns), for {@code millis}, then tells them to stop and collects their results in client order; see
     * {@link KvClients#spawnClientsAndWait}.
     */
    public List<ClientResult> spawnClientsAndWait(int n, long millis, KvClients.ClientBody<KvsrvClerk> body) {
        return clients.spawnClientsAndWait(n, millis, this::makeClerk, this::deleteClerk, body);
    }

    /**
     * MIT's {@code CheckPutConcurrent}: a recorded JSON Get of {@code key} as client -1; the clients' counts are
     * added into {@code res}. Reliable: the key's version must equal the OKs; unreliable: it must not exceed the
     * OKs plus the Maybes.
     */
    public ClientResult checkPutConcurrent(KvsrvClerk ck, String key, List<ClientResult> rs, ClientResult res,
                                           boolean reliable) {
        return clients.checkPutConcurrent(ck, key, rs, res, reliable);
    }

    /** MIT's {@code CheckPorcupine}: the linearizability check of everything recorded, with the 1-second limit. */
    public void checkPorcupine() {
        checkPorcupineT(CHECK_TIMEOUT);
    }

    /**
     * MIT's {@code CheckPorcupineT}: checks the whole history with MIT's versioned KV model. Not linearizable fails
     * the test ("history is not linearizable") and writes the history view; a check that runs out of time passes
     * with {@code info: linearizability check timed out, assuming history is ok}.
     */
    public void checkPorcupineT(Duration timeout) {
        clients.checkLinearizable(timeout);
    }
}
