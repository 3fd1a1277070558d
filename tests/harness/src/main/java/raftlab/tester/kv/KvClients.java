package raftlab.tester.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.tester.Config;
import raftlab.tester.TestThreads;

/**
 * The KV helpers of MIT's {@code kvtest1}, written once for Labs 2, 4 and 5 against {@link VersionedKvClerk}:
 * recorded Gets and Puts, {@code CheckGet}, {@code PutAtLeastOnce}, the JSON Puts and Gets, {@code OnePut} and
 * {@code OneClientPut}, client spawning, the Put-count check and the linearizability check of the recorded
 * history. Each lab's tester ({@link KvTest}, {@code KvsrvTest}, {@code ShardKvTest}) owns one and delegates to
 * it; the failure messages are MIT's (those of its shared {@code kvtest1}, so the same in every lab).
 */
public final class KvClients {

    /** MIT's {@code linearizabilityCheckTimeout}: the default limit of {@link #checkLinearizable()}. */
    public static final Duration CHECK_TIMEOUT = KvHistory.CHECK_TIMEOUT;

    private static final ObjectMapper JSON = warmedUp(new ObjectMapper());

    private final Config config;
    private final TestThreads threads;
    private final KvHistory history;

    /** Helpers for {@code config}'s test, recording into a new history; clients run on {@code threads}. */
    public KvClients(Config config, TestThreads threads) {
        this.config = config;
        this.threads = threads;
        this.history = new KvHistory(config);
    }

    /**
     * Encodes and decodes each JSON type the tests use once, so that Jackson's first-use set-up (hundreds of
     * milliseconds on a loaded machine) happens when the class loads, not inside a test's timed window: in Lab 2's
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

    // ---- recorded operations ----------------------------------------------------------------------------------

    /** A recorded Get by client {@code cli}: timed, counted in #ops, added to the history. */
    public GetResult get(VersionedKvClerk ck, String key, int cli) {
        long call = history.now();
        GetResult reply = ck.get(key);
        long ret = history.now();
        config.op();
        history.recordGet(cli, key, call, reply, ret);
        return reply;
    }

    /** A recorded Put by client {@code cli}: timed, counted in #ops, added to the history. */
    public Err put(VersionedKvClerk ck, String key, String value, long version, int cli) {
        long call = history.now();
        Err err = ck.put(key, value, version);
        long ret = history.now();
        config.op();
        history.recordPut(cli, key, value, version, call, err, ret);
        return err;
    }

    /** Fails the test unless a recorded Get of {@code key} returns OK with exactly {@code value} and {@code version}. */
    public void checkGet(VersionedKvClerk ck, String key, String value, long version) {
        GetResult r = get(ck, key, 0);
        if (r.err() != Err.OK) {
            throw config.fatalf("Get(%s) returns error = %s", key, r.err());
        }
        if (!r.value().equals(value) || r.version() != version) {
            throw config.fatalf("Get(%s) returns (%s, %d) != (%s, %d)", key, r.value(), r.version(), value, version);
        }
    }

    /**
     * Puts until one attempt returns OK, bumping the version after each ErrMaybe or ErrVersion; returns the version
     * the key has after the successful Put.
     */
    public long putAtLeastOnce(VersionedKvClerk ck, String key, String value, long ver, int me) {
        while (true) {
            Err err = put(ck, key, value, ver, me);
            if (err == Err.OK) {
                return ver + 1;
            }
            if (err == Err.ErrMaybe || err == Err.ErrVersion) {
                ver++;
            } else if (ver != 0) {
                // ErrNoKey with version 0 cannot happen; with another version it is a bug
                throw config.fatalf("Put %s ver %d err %s", key, ver, err);
            }
            config.checkpoint();
        }
    }

    // ---- JSON values ------------------------------------------------------------------------------------------

    /** A recorded Put of {@code v} encoded as JSON (MIT's {@code PutJson}). */
    public Err putJson(VersionedKvClerk ck, String key, Object v, long version, int me) {
        String json;
        try {
            json = JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw config.fatalf("%d: marshal %s", me, e.getMessage());
        }
        return put(ck, key, json, version, me);
    }

    /** What {@link #getJson} read: the decoded value and the key's version. */
    public record Versioned<T>(T value, long version) {}

    /**
     * A recorded Get that must return OK, with the value decoded from JSON into {@code type} (MIT's
     * {@code GetJson}).
     */
    public <T> Versioned<T> getJson(VersionedKvClerk ck, String key, int me, Class<T> type) {
        GetResult r = get(ck, key, me);
        if (r.err() != Err.OK) {
            throw config.fatalf("%d: Get \"%s\" err %s", me, key, r.err());
        }
        try {
            return new Versioned<>(JSON.readValue(r.value(), type), r.version());
        } catch (JsonProcessingException e) {
            throw config.fatalf("Unmarshal err %d", r.version());   // MIT prints the version, not the error
        }
    }

    /** The JSON value {@code {"Id":..,"V":..}} that {@link #onePut} stores: who put it, at which version. */
    public record EntryV(@JsonProperty("Id") int id, @JsonProperty("V") long v) {

        @Override
        public String toString() {
            return "{" + id + " " + v + "}";
        }
    }

    // ---- concurrent clients -----------------------------------------------------------------------------------

    /** What {@link #onePut} returns: the version read back, and whether the Put returned OK. */
    public record OnePut(long version, boolean ok) {}

    /**
     * MIT's {@code OnePut}: a recorded Put of {@code {Id: me, V: ver}} at version {@code ver}, then a recorded Get
     * that checks it; loops while the Put returns ErrVersion (another client got there first). Returns the version
     * read back and whether the Put returned OK.
     */
    public OnePut onePut(int me, VersionedKvClerk ck, String key, long ver) {
        while (true) {
            Err err = putJson(ck, key, new EntryV(me, ver), ver, me);
            if (!(err == Err.OK || err == Err.ErrVersion || err == Err.ErrMaybe)) {
                throw config.fatalf("Wrong error %s", err);
            }
            Versioned<EntryV> e = getJson(ck, key, me, EntryV.class);
            if (err == Err.OK && e.version() == ver + 1) {   // my put?
                if (e.value().id() != me && e.value().v() != ver) {
                    throw config.fatalf("Wrong value %s", e.value());
                }
            }
            ver = e.version();
            if (err == Err.OK || err == Err.ErrMaybe) {
                return new OnePut(ver, err == Err.OK);
            }
            config.checkpoint();
        }
    }

    /**
     * MIT's {@code OneClientPut}: {@link #onePut} on {@code keys[0]} (or, with {@code randomKeys}, on a key drawn
     * from the test's seeded source) until {@code done} opens, counting the Puts that returned OK and those that
     * returned ErrMaybe.
     */
    public ClientResult oneClientPut(int me, VersionedKvClerk ck, List<String> keys, CountDownLatch done,
                                     boolean randomKeys) {
        int nOk = 0;
        int nMaybe = 0;
        Map<String, Long> verm = new HashMap<>();
        keys.forEach(k -> verm.put(k, 0L));
        while (done.getCount() > 0) {
            String k = randomKeys ? keys.get(config.random().nextInt(keys.size())) : keys.get(0);
            OnePut r = onePut(me, ck, k, verm.get(k));
            verm.put(k, r.version());
            if (r.ok()) {
                nOk++;
            } else {
                nMaybe++;
            }
            config.checkpoint();
        }
        return new ClientResult(nOk, nMaybe);
    }

    /** A client of {@link #spawnClientsAndWait}: runs on its own clerk until {@code done} opens. */
    @FunctionalInterface
    public interface ClientBody<C> {
        ClientResult run(int me, C ck, CountDownLatch done);
    }

    /**
     * MIT's {@code SpawnClientsAndWait}: runs {@code n} clients, each on its own new clerk from {@code makeClerk}
     * (given to {@code deleteClerk} when it returns), for {@code millis}, then tells them to stop and collects their
     * results in client order. A client notices the signal between its operations. Go sends the signal to one client
     * after the other through an unbuffered channel; here all get it at once, which changes nothing a check looks at
     * (each client's counts are those at the moment it stops). A client that fails the test ends the wait at once.
     */
    public <C> List<ClientResult> spawnClientsAndWait(int n, long millis, Supplier<C> makeClerk,
                                                      Consumer<C> deleteClerk, ClientBody<? super C> body) {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(n);
        ClientResult[] results = new ClientResult[n];
        for (int cli = 0; cli < n; cli++) {
            int me = cli;
            threads.go("client-" + cli, () -> {
                C ck = makeClerk.get();
                try {
                    results[me] = body.run(me, ck, done);
                } finally {
                    deleteClerk.accept(ck);
                    finished.countDown();
                }
            });
        }
        try {
            config.sleep(millis);
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
    public ClientResult checkPutConcurrent(VersionedKvClerk ck, String key, List<ClientResult> rs, ClientResult res,
                                           boolean reliable) {
        long ver0 = getJson(ck, key, -1, EntryV.class).version();
        for (ClientResult r : rs) {
            res = res.plus(r);
        }
        if (reliable) {
            if (ver0 != res.nOk()) {
                throw config.fatalf("Reliable: Wrong number of puts: server %d clnts %s", ver0, res);
            }
        } else if (ver0 > res.nOk() + res.nMaybe()) {
            throw config.fatalf("Unreliable: Wrong number of puts: server %d clnts %s", ver0, res);
        }
        return res;
    }

    /** {@return {@code "k0"} … {@code "k(n-1)"}} (MIT's {@code MakeKeys}) */
    public static List<String> makeKeys(int n) {
        return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
    }

    // ---- the linearizability check ----------------------------------------------------------------------------

    /** MIT's {@code CheckPorcupine}: the whole history so far, with the 1-second limit; see {@link KvHistory}. */
    public void checkLinearizable() {
        history.check();
    }

    /** MIT's {@code CheckPorcupineT}: like {@link #checkLinearizable()} with the time limit {@code timeout}. */
    public void checkLinearizable(Duration timeout) {
        history.check(timeout);
    }
}
