package raftlab.tester.kvsrv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import raftlab.kvsrv.Clerk;
import raftlab.kvsrv.Err;
import raftlab.kvsrv.KVServer;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.tester.Config;
import raftlab.tester.TestService;
import raftlab.tester.TesterExtension;
import raftlab.tester.kv.ClientResult;
import raftlab.tester.kv.KvHistory;

/**
 * One Lab 2 test (MIT's {@code kvsrv1/test.go} with the {@code kvtest1} helpers Lab 2 uses): a single
 * {@link KVServer} ({@code server-0-0}), test clerks, recorded Gets and Puts, JSON values, client spawning, the
 * Put-count check and the linearizability check of the recorded history. Unlike Lab 4's {@code KvTest}, making one
 * prints nothing: each test calls {@link #begin} itself, as MIT's Lab 2 tests do.
 *
 * <p>Threads the harness starts for a test (clients) are tracked; the test class calls {@link #stopBackground()}
 * after each test so that none outlives it.
 */
public final class KvsrvTest {

    /** MIT's {@code linearizabilityCheckTimeout}: the default limit of {@link #checkPorcupine()}. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = warmedUp(new ObjectMapper());
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Config config;
    private final String server;
    private final KvHistory history;
    private final List<Thread> background = new ArrayList<>();   // guarded by this

    private KvsrvTest(TesterExtension tester, boolean reliable) {
        this.config = tester.makeConfig(1, reliable, KvsrvTest::startKVServer);
        this.server = config.group(Config.GRP0).serverName(0);
        this.history = new KvHistory(config);
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

    /**
     * Encodes and decodes each JSON type the tests use once, so that Jackson's first-use set-up (hundreds of
     * milliseconds on a loaded machine) happens when the class loads, not inside a test's timed window: in
     * TestPutConcurrentReliable it would otherwise eat most of the clients' one second.
     */
    private static ObjectMapper warmedUp(ObjectMapper json) {
        try {
            json.readValue(json.writeValueAsString(new EntryV(0, 0)), EntryV.class);
            json.readValue(json.writeValueAsString(0), Integer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the test's JSON values do not round-trip", e);
        }
        return json;
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
     * {@link CancellationException}) ends it quietly.
     */
    public Thread go(String name, Runnable body) {
        Thread t = Sim.go(name, () -> {
            try {
                body.run();
            } catch (CancellationException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        });
        synchronized (this) {
            background.add(t);
        }
        return t;
    }

    /** Interrupts the test's threads still running; the test class calls it after each test. */
    public void stopBackground() {
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(background);
        }
        threads.forEach(Thread::interrupt);
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
    public GetReply get(KvsrvClerk ck, String key, int cli) {
        long call = history.now();
        GetReply reply = ck.clerk().get(key);
        long ret = history.now();
        config.op();
        history.recordGet(cli, key, call, reply.value(), reply.version(), checkerErr(reply.err()), ret);
        return reply;
    }

    /** A recorded Put by client {@code cli}: timed, counted in #ops, added to the history. */
    public Err put(KvsrvClerk ck, String key, String value, long version, int cli) {
        long call = history.now();
        Err err = ck.clerk().put(key, value, version);
        long ret = history.now();
        config.op();
        history.recordPut(cli, key, value, version, call, checkerErr(err), ret);
        return err;
    }

    /** A recorded Put of {@code v} encoded as JSON (MIT's {@code PutJson}). */
    public Err putJson(KvsrvClerk ck, String key, Object v, long version, int me) {
        String json;
        try {
            json = JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw fatalf("%d: marshal %s", me, e.getMessage());
        }
        return put(ck, key, json, version, me);
    }

    /** What {@link #getJson} read: the decoded value and the key's version. */
    public record Versioned<T>(T value, long version) {}

    /**
     * A recorded Get that must return OK, with the value decoded from JSON into {@code type} (MIT's
     * {@code GetJson}).
     */
    public <T> Versioned<T> getJson(KvsrvClerk ck, String key, int me, Class<T> type) {
        GetReply r = get(ck, key, me);
        if (r.err() != Err.OK) {
            throw fatalf("%d: Get \"%s\" err %s", me, key, r.err());
        }
        try {
            return new Versioned<>(JSON.readValue(r.value(), type), r.version());
        } catch (JsonProcessingException e) {
            throw fatalf("Unmarshal err %d", r.version());   // MIT prints the version, not the error
        }
    }

    /** The JSON value {@code {"Id":..,"V":..}} that {@link #onePut} stores: who put it, at which version. */
    public record EntryV(@JsonProperty("Id") int id, @JsonProperty("V") long v) {

        @Override
        public String toString() {
            return "{" + id + " " + v + "}";
        }
    }

    /** What {@link #onePut} returns: the version read back, and whether the Put returned OK. */
    public record OnePut(long version, boolean ok) {}

    /**
     * MIT's {@code OnePut}: a recorded Put of {@code {Id: me, V: ver}} at version {@code ver}, then a recorded Get
     * that checks it; loops while the Put returns ErrVersion (another client got there first). Returns the version
     * read back and whether the Put returned OK.
     */
    public OnePut onePut(int me, KvsrvClerk ck, String key, long ver) {
        while (true) {
            Err err = putJson(ck, key, new EntryV(me, ver), ver, me);
            if (!(err == Err.OK || err == Err.ErrVersion || err == Err.ErrMaybe)) {
                throw fatalf("Wrong error %s", err);
            }
            Versioned<EntryV> e = getJson(ck, key, me, EntryV.class);
            if (err == Err.OK && e.version() == ver + 1) {   // my put?
                if (e.value().id() != me && e.value().v() != ver) {
                    throw fatalf("Wrong value %s", e.value());
                }
            }
            ver = e.version();
            if (err == Err.OK || err == Err.ErrMaybe) {
                return new OnePut(ver, err == Err.OK);
            }
        }
    }

    /** A client of {@link #spawnClientsAndWait}: runs on its own clerk until {@code done} opens. */
    @FunctionalInterface
    public interface ClientBody {
        ClientResult run(int me, KvsrvClerk ck, CountDownLatch done);
    }

    /**
     * MIT's {@code OneClientPut} (random keys off, as in Lab 2): {@link #onePut} on {@code keys[0]} until
     * {@code done} opens, counting the Puts that returned OK and those that returned ErrMaybe.
     */
    public ClientResult oneClientPut(int me, KvsrvClerk ck, List<String> keys, CountDownLatch done) {
        int nOk = 0;
        int nMaybe = 0;
        Map<String, Long> verm = new HashMap<>();
        keys.forEach(k -> verm.put(k, 0L));
        while (done.getCount() > 0) {
            String k = keys.get(0);
            OnePut r = onePut(me, ck, k, verm.get(k));
            verm.put(k, r.version());
            if (r.ok()) {
                nOk++;
            } else {
                nMaybe++;
            }
        }
        return new ClientResult(nOk, nMaybe);
    }

    /**
     * MIT's {@code SpawnClientsAndWait}: runs {@code n} clients, each on its own new clerk (deleted when it
     * returns), for {@code millis}, then tells them to stop and collects their results in client order. A client
     * notices the signal between its operations. Go sends the signal to one client after the other through an
     * unbuffered channel; here all get it at once, which changes nothing a check looks at (each client's counts
     * are those at the moment it stops). A client that fails the test ends the wait at once.
     */
    public List<ClientResult> spawnClientsAndWait(int n, long millis, ClientBody body) {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(n);
        ClientResult[] results = new ClientResult[n];
        for (int cli = 0; cli < n; cli++) {
            int me = cli;
            go("client-" + cli, () -> {
                KvsrvClerk ck = makeClerk();
                try {
                    results[me] = body.run(me, ck, done);
                } finally {
                    deleteClerk(ck);
                    finished.countDown();
                }
            });
        }
        try {
            sleep(millis);
        } finally {
            done.countDown();
        }
        while (!Sim.await(finished, 100)) {
            config.checkpoint();
        }
        config.checkpoint();
        return List.of(results);
    }

    /**
     * MIT's {@code CheckPutConcurrent}: a recorded JSON Get of {@code key} as client -1; the clients' counts are
     * added into {@code res}. Reliable: the key's version must equal the OKs; unreliable: it must not exceed the
     * OKs plus the Maybes.
     */
    public ClientResult checkPutConcurrent(KvsrvClerk ck, String key, List<ClientResult> rs, ClientResult res,
                                           boolean reliable) {
        long ver0 = getJson(ck, key, -1, EntryV.class).version();
        for (ClientResult r : rs) {
            res = res.plus(r);
        }
        if (reliable) {
            if (ver0 != res.nOk()) {
                throw fatalf("Reliable: Wrong number of puts: server %d clnts %s", ver0, res);
            }
        } else if (ver0 > res.nOk() + res.nMaybe()) {
            throw fatalf("Unreliable: Wrong number of puts: server %d clnts %s", ver0, res);
        }
        return res;
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
        history.check(timeout);
    }

    /**
     * Lab 2's error value as the checker's. An exhaustive switch, not a lookup by name: a value added to Lab 2's
     * type fails to compile here until someone decides what the checker should make of it.
     */
    static raftlab.linearizability.kv.Err checkerErr(Err err) {
        return switch (err) {
            case OK -> raftlab.linearizability.kv.Err.OK;
            case ErrNoKey -> raftlab.linearizability.kv.Err.ErrNoKey;
            case ErrVersion -> raftlab.linearizability.kv.Err.ErrVersion;
            case ErrMaybe -> raftlab.linearizability.kv.Err.ErrMaybe;
        };
    }
}
