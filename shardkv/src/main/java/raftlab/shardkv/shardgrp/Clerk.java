package raftlab.shardkv.shardgrp;

import java.util.List;
import java.util.Objects;
import raftlab.shardkv.shardcfg.Dialer;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.GetArgs;
import raftlab.shardkv.shardgrp.ShardRpc.GetReply;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.PutArgs;
//+solution
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import raftlab.labrpc.net.RpcMethod;
import raftlab.labrpc.sim.Sim;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.PutReply;
//-solution

/**
 * The clerk of one shard group (MIT's {@code shardgrp.Clerk}), used by the shardkv clerk and by the controller. Like
 * Lab 4's clerk it looks for the group's leader, but it must not try forever: a group can vanish for good (the
 * tester shuts a group down right after it leaves), so after a bounded effort without an answer from a leader it
 * returns {@code ErrWrongLeader} and lets its caller decide (re-read the configuration, or try again).
 *
 * <ul>
 *   <li>{@link #get}: {@code OK}, {@code ErrNoKey}, {@code ErrWrongGroup}, or {@code ErrWrongLeader} (no answer).</li>
 *   <li>{@link #put}: {@code OK}, {@code ErrNoKey}, {@code ErrVersion}, {@code ErrMaybe} (a re-sent attempt got
 *       {@code ErrVersion}), {@code ErrWrongGroup}, or {@code ErrWrongLeader} (no answer).</li>
 *   <li>The shard calls: the group's answer, or {@code ErrWrongLeader} (no answer).</li>
 * </ul>
 * A clerk may be used by one thread at a time. Interrupting that thread makes a pending call throw
 * {@link java.util.concurrent.CancellationException}.
 */
public final class Clerk {

    private final Dialer dialer;
    private final List<String> servers;
    // You will have to modify this class (5A).
    //+solution

    /** Full rounds over the servers without a leader's answer before giving up. */
    private static final int MAX_ROUNDS = 5;

    /** Pause after a full round without an answer: there is probably an election going on. */
    private static final long ROUND_PAUSE_MS = 20;

    private int leader;   // the server that answered last
    //-solution

    /**
     * A clerk for the group whose servers are {@code servers}, reached through {@code dialer}.
     *
     * @throws IllegalArgumentException if {@code servers} is empty
     */
    public Clerk(Dialer dialer, List<String> servers) {
        this.dialer = Objects.requireNonNull(dialer, "shardgrp.Clerk: dialer is null");
        Objects.requireNonNull(servers, "shardgrp.Clerk: servers is null");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("shardgrp.Clerk: the group has no servers");
        }
        this.servers = List.copyOf(servers);
    }

    /** {@return the group's servers} */
    public List<String> servers() {
        return servers;
    }

    /** Reads {@code key} at this group. */
    public GetReply get(String key) {
        // Your code here (5A).
        //+solution
        return call(ShardRpc.GET, new GetArgs(key), GetReply::err)
                .orElse(new GetReply("", 0, Err.ErrWrongLeader));
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrWrongLeader);
        //-student
    }

    /** Writes {@code key} at this group if its version matches. */
    public Err put(String key, String value, long version) {
        PutArgs args = new PutArgs(key, value, version);
        // Your code here (5A).
        //+solution
        Optional<PutReply> reply = call(ShardRpc.PUT, args, PutReply::err);
        if (reply.isEmpty()) {
            return Err.ErrWrongLeader;
        }
        Err err = reply.get().err();
        // An earlier attempt may have been applied with its reply lost; then this ErrVersion is our own doing.
        return err == Err.ErrVersion && retried ? Err.ErrMaybe : err;
        //-solution
        //+student
        // return Err.ErrWrongLeader;
        //-student
    }

    /** Freezes {@code shard} for configuration {@code num}; the reply holds its state. */
    public FreezeShardReply freezeShard(int shard, int num) {
        // Your code here (5A).
        //+solution
        return call(ShardRpc.FREEZE_SHARD, new FreezeShardArgs(shard, num), FreezeShardReply::err)
                .orElse(new FreezeShardReply(new byte[0], 0, Err.ErrWrongLeader));
        //-solution
        //+student
        // return new FreezeShardReply(new byte[0], 0, Err.ErrWrongLeader);
        //-student
    }

    /** Installs {@code state} as {@code shard}'s for configuration {@code num}. */
    public Err installShard(int shard, byte[] state, int num) {
        // Your code here (5A).
        //+solution
        return call(ShardRpc.INSTALL_SHARD, new InstallShardArgs(shard, state, num), InstallShardReply::err)
                .map(InstallShardReply::err).orElse(Err.ErrWrongLeader);
        //-solution
        //+student
        // return Err.ErrWrongLeader;
        //-student
    }

    /** Deletes {@code shard}'s state for configuration {@code num}. */
    public Err deleteShard(int shard, int num) {
        // Your code here (5A).
        //+solution
        return call(ShardRpc.DELETE_SHARD, new DeleteShardArgs(shard, num), DeleteShardReply::err)
                .map(DeleteShardReply::err).orElse(Err.ErrWrongLeader);
        //-solution
        //+student
        // return Err.ErrWrongLeader;
        //-student
    }
    //+solution

    private boolean retried;   // the current put's first attempt went unanswered

    /**
     * Sends {@code args} to the leader until one answers with something other than ErrWrongLeader, at most
     * {@link #MAX_ROUNDS} rounds; empty if none did. For a put, records whether an attempt went unanswered.
     */
    private <A, R> Optional<R> call(RpcMethod<A, R> method, A args, Function<R, Err> errOf) {
        retried = false;
        int rounds = 0;
        for (int attempt = 1; ; attempt++) {
            Optional<R> reply = dialer.end(servers.get(leader)).call(method, args);
            if (reply.isPresent() && errOf.apply(reply.get()) != Err.ErrWrongLeader) {
                return reply;
            }
            retried = true;
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("shardgrp.Clerk: interrupted while looking for a leader of "
                        + servers);
            }
            leader = (leader + 1) % servers.size();
            if (attempt % servers.size() == 0) {
                if (++rounds == MAX_ROUNDS) {
                    return Optional.empty();
                }
                Sim.sleep(ROUND_PAUSE_MS);
            }
        }
    }
    //-solution
}
