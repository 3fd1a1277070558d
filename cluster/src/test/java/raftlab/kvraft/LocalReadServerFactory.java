package raftlab.kvraft;

import java.util.List;
import raftlab.cluster.node.ServerFactory;
import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.kvraft.KvRpc.PutReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;
import raftlab.rsm.Rsm;
import raftlab.rsm.SubmitResult;

/**
 * A test fixture, not student code: the reference KV server with one classic bug — {@code get} answers from the
 * local state machine without going through Raft, so a follower or a partitioned ex-leader serves stale values.
 * {@code ChaosCatchesStaleReadsTest} shows that a chaos run finds the non-linearizable history. It lives in package
 * {@code raftlab.kvraft} to reuse the package-private {@link KvStore}.
 */
public final class LocalReadServerFactory implements ServerFactory {

    @Override
    public Started start(List<ClientEnd> ends, int me, Persister persister, int maxRaftState) {
        KvStore store = new KvStore();
        Rsm<KvRpc.Request, KvRpc.Reply> rsm = Rsm.make(ends, me, persister, maxRaftState, store);
        return new Started(new LocalReadKvServer(rsm, store), rsm.raft(), rsm.raft()::kill);
    }

    /** Puts go through Raft; gets read the local store directly (the bug). */
    public static final class LocalReadKvServer {

        private final Rsm<KvRpc.Request, KvRpc.Reply> rsm;
        private final KvStore store;

        LocalReadKvServer(Rsm<KvRpc.Request, KvRpc.Reply> rsm, KvStore store) {
            this.rsm = rsm;
            this.store = store;
        }

        @Rpc
        public GetReply get(GetArgs args) {
            return (GetReply) store.doOp(args);   // races the applier too; for a broken fixture that is fine
        }

        @Rpc
        public PutReply put(PutArgs args) {
            return rsm.submit(args) instanceof SubmitResult.Applied(var reply)
                    ? (PutReply) reply : new PutReply(Err.ErrWrongLeader);
        }
    }
}
