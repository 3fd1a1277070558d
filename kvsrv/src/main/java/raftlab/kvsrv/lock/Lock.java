package raftlab.kvsrv.lock;

import java.util.Objects;
import raftlab.kvsrv.Clerk;
//+solution
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import raftlab.kvsrv.Err;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.labrpc.sim.Sim;
//-solution

/**
 * A lock built only on a {@link Clerk}'s versioned {@code put} and {@code get} (MIT's {@code kvsrv1/lock}). Many lock
 * clients, each with its own clerk, contend for the same key; at most one of them holds the lock at a time, and the
 * others wait in {@link #acquire()} until the holder calls {@link #release()}. Clients do not crash in this lab.
 *
 * <p>The lock's state is whatever you store under the key; the key may not exist when the first client starts. On an
 * unreliable network a Put may return {@code ErrMaybe}: read the key again and decide from what it holds.
 *
 * <p>A lock client may be used by one thread at a time. Interrupting that thread makes a waiting {@code acquire()}
 * throw {@link java.util.concurrent.CancellationException}.
 */
public final class Lock {

    private final Clerk ck;
    private final String key;
    // You may add fields here.
    //+solution

    /** What the key holds while nobody holds the lock. A missing key means free too. */
    private static final String FREE = "";

    /** How long to wait before looking again while another client holds the lock. */
    private static final long POLL_MS = 5;

    private final String id = randValue(8);   // what the key holds while this client holds the lock
    private long heldVersion = -1;            // the key's version while we hold the lock; -1 when we do not
    //-solution

    /**
     * A lock client that keeps the lock's state under {@code key} through {@code ck} (MIT's {@code MakeLock}).
     *
     * @throws NullPointerException if {@code ck} or {@code key} is null
     */
    public Lock(Clerk ck, String key) {
        this.ck = Objects.requireNonNull(ck, "Lock: clerk is null");
        this.key = Objects.requireNonNull(key, "Lock: key is null; name the key that holds the lock's state");
        // You may add code here.
    }

    /** Blocks until this client holds the lock. */
    public void acquire() {
        // Your code here.
        //+solution
        while (true) {
            GetReply r = ck.get(key);
            if (r.err() == Err.OK && r.value().equals(id)) {
                heldVersion = r.version();   // a Put that said ErrMaybe was applied after all
                return;
            }
            if (r.err() == Err.ErrNoKey || r.value().equals(FREE)) {
                long version = r.err() == Err.ErrNoKey ? 0 : r.version();
                if (ck.put(key, id, version) == Err.OK) {
                    heldVersion = version + 1;
                    return;
                }
                // ErrVersion or ErrNoKey: another client got there first. ErrMaybe: the next Get tells.
                continue;
            }
            Sim.sleep(POLL_MS);
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Lock.acquire(" + key + "): interrupted while waiting");
            }
        }
        //-solution
    }

    /**
     * Gives the lock up.
     *
     * @throws IllegalStateException if this client does not hold the lock
     */
    public void release() {
        // Your code here.
        //+solution
        if (heldVersion < 0) {
            throw new IllegalStateException("Lock.release(" + key + "): this client does not hold the lock; call "
                    + "acquire() first");
        }
        long version = heldVersion;
        while (true) {
            Err err = ck.put(key, FREE, version);
            if (err == Err.OK) {
                break;
            }
            // ErrMaybe: the Put may have been applied. (ErrVersion cannot happen while we hold the lock.) The key
            // still holding our identity means it was not: try again at the version read.
            GetReply r = ck.get(key);
            if (r.err() != Err.OK || !r.value().equals(id)) {
                break;
            }
            version = r.version();
        }
        heldVersion = -1;
        //-solution
    }
    //+solution

    /** {@return {@code n} letters drawn uniformly from a–z and A–Z} (MIT's {@code RandValue}) */
    private static String randValue(int n) {
        final String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return b.toString();
    }
    //-solution
}
