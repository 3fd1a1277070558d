package raftlab.kvraft;

import java.util.List;
import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.kvraft.KvRpc.PutReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.Raft;
import raftlab.rsm.Rsm;
//+solution
import raftlab.rsm.SubmitResult;
//-solution

/**
 * One replica of the key/value service. The tester registers two services per server: this one as
 * {@code "KVServer"} (its {@code @Rpc} methods {@code get} and {@code put}) and {@link #raft()} as {@code "Raft"}.
 *
 * <p>The RPC handlers submit the request to the {@link Rsm} and answer with the result of applying it to the
 * {@link KvStore}, or with {@code ErrWrongLeader} if the RSM could not commit it here. Every Get goes through the
 * log too: a leader that has been deposed without knowing it must not answer from its own, possibly stale, store.
 */
public final class KVServer {

    private final Rsm<KvRpc.Request, KvRpc.Reply> rsm;
    // Your data here (4B).

    private KVServer(List<ClientEnd> servers, int me, Persister persister, int maxraftstate) {
        this.rsm = Rsm.make(servers, me, persister, maxraftstate, new KvStore());
    }

    /**
     * Starts a replica and returns quickly.
     *
     * @param servers      client ends to every replica's Raft, including this one
     * @param gid          the replica group's id (unused in Lab 4; a sharded store needs it)
     * @param me           this replica's index in {@code servers}
     * @param persister    this replica's stable storage; it holds the Raft state and the store's snapshot
     * @param maxraftstate snapshot when the persisted Raft state approaches this many bytes; -1 never snapshots
     */
    public static KVServer start(List<ClientEnd> servers, int gid, int me, Persister persister, int maxraftstate) {
        return new KVServer(servers, me, persister, maxraftstate);
    }

    /** {@return this replica's Raft peer (the tester registers it as the "Raft" service)} */
    public Raft raft() {
        return rsm.raft();
    }

    /** Stops this replica: kills its Raft peer, which ends the RSM. Calling it twice is harmless. */
    public void kill() {
        rsm.raft().kill();
    }

    /** The {@code KVServer.get} RPC: reads a key through the log, so that the answer is never stale. */
    @Rpc
    public GetReply get(GetArgs args) {
        // Your code here (4B).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (GetReply) reply;
            case SubmitResult.WrongLeader() -> new GetReply("", 0, Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrWrongLeader);
        //-student
    }

    /** The {@code KVServer.put} RPC: writes a key through the log if its version matches. */
    @Rpc
    public PutReply put(PutArgs args) {
        // Your code here (4B).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (PutReply) reply;
            case SubmitResult.WrongLeader() -> new PutReply(Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new PutReply(Err.ErrWrongLeader);
        //-student
    }
}
