package raftlab.shardkv;

import java.util.Objects;
import raftlab.shardkv.shardcfg.Dialer;
import raftlab.shardkv.shardctrler.ShardCtrler;
import raftlab.shardkv.shardgrp.Err;
import raftlab.shardkv.shardgrp.ShardRpc.GetReply;
//+solution
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import raftlab.labrpc.sim.Sim;
import raftlab.shardkv.shardcfg.ShardConfig;
import raftlab.shardkv.shardgrp.ShardRpc.PutArgs;
//-solution

/**
 * The sharded key/value service's client library (MIT's {@code shardkv1.Clerk}). For each call it reads the
 * current configuration through the controller's {@link ShardCtrler#query()}, maps the key to its shard
 * ({@link raftlab.shardkv.shardcfg.ShardConfig#key2shard}), and sends the request to the owning group through a
 * shard-group clerk made with its own dialer. When the group answers {@code ErrWrongGroup} or cannot be reached,
 * it waits a little and starts again with a fresh configuration.
 *
 * <ul>
 *   <li>{@link #get} returns {@code OK} or {@code ErrNoKey}; {@link #put} returns {@code OK}, {@code ErrVersion},
 *       {@code ErrNoKey} or {@code ErrMaybe} (an earlier attempt, at this or another group, may have been
 *       applied). Never {@code ErrWrongGroup} or {@code ErrWrongLeader}.</li>
 *   <li>A call whose group is down waits until the group is back.</li>
 * </ul>
 * A clerk may be used by one thread at a time; interrupting it makes a pending call throw
 * {@link java.util.concurrent.CancellationException}.
 */
public final class Clerk {

    private final Dialer dialer;
    private final ShardCtrler sck;
    // You will have to modify this class.
    //+solution

    /** Pause before re-reading the configuration after a group said no or could not be reached. */
    private static final long RETRY_PAUSE_MS = 100;

    /** Shard-group clerks by gid, so that each remembers its group's leader. */
    private final Map<Integer, raftlab.shardkv.shardgrp.Clerk> groups = new HashMap<>();
    //-solution

    /** A clerk that reaches the groups through {@code dialer} and finds them with {@code sck}'s Query. */
    public Clerk(Dialer dialer, ShardCtrler sck) {
        this.dialer = Objects.requireNonNull(dialer, "shardkv.Clerk: dialer is null");
        this.sck = Objects.requireNonNull(sck, "shardkv.Clerk: controller is null");
    }

    /**
     * Fetches the current value and version of {@code key}, trying until the owning group answers.
     *
     * @return {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} if the key does not exist
     */
    public GetReply get(String key) {
        Objects.requireNonNull(key, "Get: key is null");
        // You will have to modify this function.
        //+solution
        while (true) {
            raftlab.shardkv.shardgrp.Clerk ck = ownerOf(key);
            if (ck != null) {
                GetReply r = ck.get(key);
                if (r.err() == Err.OK || r.err() == Err.ErrNoKey) {
                    return r;
                }
            }
            pause();
        }
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrNoKey);
        //-student
    }

    /**
     * Writes {@code value} to {@code key} if the key's version is {@code version} (0 creates a missing key).
     *
     * @return {@code OK}; {@code ErrVersion} if the version did not match; {@code ErrNoKey}; or {@code ErrMaybe} if
     *         an attempt that may have been applied was followed by {@code ErrVersion}
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Err put(String key, String value, long version) {
        Objects.requireNonNull(key, "Put: key is null");
        Objects.requireNonNull(value, "Put: value is null");
        if (version < 0) {
            throw new IllegalArgumentException("Put: version " + version + " is negative; versions start at 0");
        }
        // You will have to modify this function.
        //+solution
        boolean retried = false;   // some earlier attempt may have been applied
        while (true) {
            raftlab.shardkv.shardgrp.Clerk ck = ownerOf(key);
            if (ck != null) {
                Err err = ck.put(key, value, version);
                switch (err) {
                    case OK, ErrNoKey, ErrMaybe -> {
                        return err;
                    }
                    case ErrVersion -> {
                        return retried ? Err.ErrMaybe : Err.ErrVersion;
                    }
                    case ErrWrongGroup, ErrWrongLeader -> retried = true;
                }
            }
            pause();
        }
        //-solution
        //+student
        // return Err.ErrNoKey;
        //-student
    }
    //+solution

    /** {@return a clerk of the group that owns {@code key}'s shard in the current configuration, or null} */
    private raftlab.shardkv.shardgrp.Clerk ownerOf(String key) {
        ShardConfig cfg = sck.query();
        ShardConfig.GidServers owner = cfg.gidServers(ShardConfig.key2shard(key));
        if (!owner.ok()) {
            return null;
        }
        raftlab.shardkv.shardgrp.Clerk ck = groups.get(owner.gid());
        if (ck == null || !ck.servers().equals(owner.servers())) {
            ck = new raftlab.shardkv.shardgrp.Clerk(dialer, owner.servers());
            groups.put(owner.gid(), ck);
        }
        return ck;
    }

    private static void pause() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("shardkv.Clerk: interrupted while looking for the key's group");
        }
        Sim.sleep(RETRY_PAUSE_MS);
    }
    //-solution
}
