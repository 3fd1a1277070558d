package raftlab.shardkv.shardctrler;

import java.util.Objects;
import raftlab.kvsrv.Clerk;
import raftlab.labrpc.net.ClientEnd;
import raftlab.shardkv.shardcfg.Dialer;
import raftlab.shardkv.shardcfg.ShardConfig;
//+solution
import java.util.List;
import java.util.concurrent.CancellationException;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.shardkv.shardgrp.Err;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardReply;
//-solution

/**
 * The shard controller (MIT's {@code shardctrler.ShardCtrler}): a client-side library, not a server. The tester
 * (the "administrator") makes controllers and calls them to store the first configuration, to read the current one
 * and to move the system to a new one. Configurations live in the configuration store, the single server
 * {@value #CONFIG_SERVER}, which every controller reaches through its own clerk; nothing is cached across
 * controllers.
 *
 * <ul>
 *   <li>{@link #initConfig} stores the first configuration; {@link #query} reads the current one.</li>
 *   <li>{@link #changeConfigTo} moves every shard whose owner changes (freeze at the old owner, install at the new
 *       one, delete at the old one, each tagged with the new configuration's number), then stores the new
 *       configuration as the current one (5A).</li>
 *   <li>A controller may fail in the middle of a change; {@link #initController} of the next controller finishes
 *       it (5B).</li>
 *   <li>Several controllers may try to change the configuration at once, and an old one may come back; only one
 *       change per configuration number may take effect, the others return without doing anything (5C).</li>
 * </ul>
 */
public final class ShardCtrler {

    /** The configuration store's server name (MIT's ServerName(GRP0, 0) in its tester). */
    public static final String CONFIG_SERVER = "server-0-0";

    private final Dialer dialer;
    private final Clerk store;     // a clerk of the configuration store
    // Your data here.
    //+solution

    /** The store's key of the current configuration. */
    static final String CURRENT = "config";

    /** The store's key of the configuration being installed (equal to the current one when none is). */
    static final String NEXT = "next";

    /** A configuration read from the store, with the version of its key. */
    private record Stored(ShardConfig config, String text, long version) {}
    //-solution

    /**
     * A controller that reaches the configuration store and the shard groups through {@code dialer}
     * (MIT's MakeShardCtrler).
     */
    public ShardCtrler(Dialer dialer) {
        this.dialer = Objects.requireNonNull(dialer, "ShardCtrler: dialer is null");
        ClientEnd end = dialer.end(CONFIG_SERVER);
        this.store = new Clerk(end);
    }

    /**
     * Called by the tester before it uses a new controller for changes (5B, 5C); nothing to do in 5A. Recovery: if
     * a previous controller stored a next configuration and failed before making it current, finish that change.
     */
    public void initController() {
        // Your code here (5B).
        //+solution
        // Next before current. Next (number m) was claimed while current was m - 1, and current only grows, so a
        // current read afterwards is either m - 1, the configuration to move from, or newer (nothing to finish).
        // The other order can pair an old current with a next claimed after it: a change finished and the next
        // one claimed between the two reads, and moving shards from that stale configuration installs the empty
        // state of a group that no longer holds a shard over the live one (5C: Get answered ErrNoKey).
        Stored next = read(NEXT);
        Stored current = read(CURRENT);
        if (next.config().num() > current.config().num()) {
            finish(current, next.config());
        }
        //-solution
    }

    /**
     * Stores the first configuration (called once per test, with number {@link ShardConfig#NUM_FIRST} and every
     * shard on {@link ShardConfig#GID1}).
     *
     * @throws NullPointerException if {@code cfg} is null
     */
    public void initConfig(ShardConfig cfg) {
        Objects.requireNonNull(cfg, "InitConfig: configuration is null");
        // Your code here (5A).
        //+solution
        String text = cfg.toString();
        store.put(CURRENT, text, 0);
        store.put(NEXT, text, 0);
        //-solution
    }

    /**
     * Moves the system from the current configuration to {@code newConfig}, whose number must be the current one's
     * plus one. If another controller has already started or finished a change to that number (or a newer one),
     * returns without doing anything (5C).
     *
     * @throws NullPointerException     if {@code newConfig} is null
     * @throws IllegalArgumentException if {@code newConfig} skips configuration numbers (its number is more than
     *                                  the current one's plus one)
     */
    public void changeConfigTo(ShardConfig newConfig) {
        Objects.requireNonNull(newConfig, "ChangeConfigTo: configuration is null");
        // Your code here (5A, 5B, 5C).
        //+solution
        Stored current = read(CURRENT);
        int want = current.config().num() + 1;
        if (newConfig.num() > want) {
            throw new IllegalArgumentException("ChangeConfigTo: configuration " + newConfig.num() + " skips "
                    + "numbers; the current configuration is " + current.config().num() + ", so the next must be "
                    + want + " (Query, copy, then join or leave)");
        }
        if (newConfig.num() < want) {
            return;   // superseded: the system has moved on
        }
        Stored next = read(NEXT);
        if (next.config().num() >= want) {
            return;   // another controller has claimed this number; it or the next InitController finishes it
        }
        // Claim the number: exactly one controller's versioned Put of next succeeds.
        String text = newConfig.toString();
        raftlab.kvsrv.Err err = store.put(NEXT, text, next.version());
        if (err == raftlab.kvsrv.Err.ErrMaybe) {
            err = read(NEXT).text().equals(text) ? raftlab.kvsrv.Err.OK : raftlab.kvsrv.Err.ErrVersion;
        }
        if (err != raftlab.kvsrv.Err.OK) {
            return;
        }
        finish(current, newConfig);
        //-solution
    }

    /** {@return the current configuration, read from the configuration store} */
    public ShardConfig query() {
        // Your code here (5A).
        //+solution
        return read(CURRENT).config();
        //-solution
        //+student
        // return null;
        //-student
    }
    //+solution

    // ---- the change ---------------------------------------------------------------------------------------------

    /**
     * Moves the shards from {@code current} to {@code next} and makes {@code next} current, unless a group fences
     * a move off (the system has moved past {@code next}).
     */
    private void finish(Stored current, ShardConfig next) {
        if (!moveShards(current.config(), next)) {
            return;
        }
        // A versioned Put: a controller that was superseded cannot overwrite a newer configuration. ErrVersion or
        // ErrMaybe both mean someone (perhaps us) has posted it or moved on.
        store.put(CURRENT, next.toString(), current.version());
    }

    /** Freeze, install, delete, shard by shard; false if a group reports a newer configuration for a shard. */
    private boolean moveShards(ShardConfig from, ShardConfig to) {
        int num = to.num();
        for (int shard = 0; shard < ShardConfig.NSHARDS; shard++) {
            final int s = shard;
            int src = from.shard(s);
            int dst = to.shard(s);
            if (src == dst) {
                continue;
            }
            List<String> srcServers = from.servers(src).orElse(null);
            List<String> dstServers = to.servers(dst).orElse(null);
            byte[] state = new byte[0];
            if (srcServers != null) {
                raftlab.shardkv.shardgrp.Clerk ck = new raftlab.shardkv.shardgrp.Clerk(dialer, srcServers);
                FreezeShardReply r = untilAnswered(num, () -> ck.freezeShard(s, num), FreezeShardReply::err);
                if (r == null || r.err() != Err.OK) {
                    return false;
                }
                state = r.state();
            }
            if (dstServers != null) {
                raftlab.shardkv.shardgrp.Clerk ck = new raftlab.shardkv.shardgrp.Clerk(dialer, dstServers);
                byte[] st = state;
                if (untilAnswered(num, () -> ck.installShard(s, st, num), e -> e) != Err.OK) {
                    return false;
                }
            }
            if (srcServers != null) {
                raftlab.shardkv.shardgrp.Clerk ck = new raftlab.shardkv.shardgrp.Clerk(dialer, srcServers);
                if (untilAnswered(num, () -> ck.deleteShard(s, num), e -> e) != Err.OK) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Repeats a shard call while its group gives no answer (down, or electing): the change waits for the group.
     * Between attempts it checks whether configuration {@code num} has become current meanwhile: then another
     * controller finished this change (a recovering one, say), the group may since have left and been shut down for
     * good, and waiting for it would never end. Returns null in that case.
     */
    private <R> R untilAnswered(int num, java.util.function.Supplier<R> call, java.util.function.Function<R, Err> err) {
        while (true) {
            R r = call.get();
            if (err.apply(r) != Err.ErrWrongLeader) {
                return r;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("ShardCtrler: interrupted while waiting for a shard group");
            }
            if (read(CURRENT).config().num() >= num) {
                return null;
            }
        }
    }

    // ---- the store ----------------------------------------------------------------------------------------------

    private Stored read(String key) {
        GetReply r = store.get(key);
        if (r.err() != raftlab.kvsrv.Err.OK) {
            throw new IllegalStateException("ShardCtrler: the configuration store has no '" + key + "' ("
                    + r.err() + "); call InitConfig first");
        }
        return new Stored(ShardConfig.fromString(r.value()), r.value(), r.version());
    }
    //-solution
}
