package raftlab.kvsrv;

import raftlab.kvsrv.KvsrvRpc.GetArgs;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.kvsrv.KvsrvRpc.PutArgs;
import raftlab.kvsrv.KvsrvRpc.PutReply;
import raftlab.labrpc.net.Rpc;
//+solution
import java.util.HashMap;
import java.util.Map;
//-solution

/**
 * Lab 2's key/value server: one process, no replication. The tester registers it as the {@code "KVServer"} service,
 * so its {@code @Rpc} methods answer {@code KVServer.get} and {@code KVServer.put}.
 *
 * <p>Every key has a value and a version, the number of Puts applied to it:
 * <ul>
 *   <li>Get: {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} for a missing key.</li>
 *   <li>Put: applied only if its version equals the key's version, which then grows by one; otherwise
 *       {@code ErrVersion}. A missing key has version 0: a Put with version 0 creates it with version 1, a Put with
 *       any other version gets {@code ErrNoKey}.</li>
 * </ul>
 * The network runs every request on its own thread, so the handlers run concurrently. The server keeps no state per
 * client: a re-sent Put that was already applied is rejected by the version check ({@code ErrVersion}), never applied
 * twice, and the memory test fails a server whose memory grows with the number of clients or requests.
 */
public final class KVServer {

    // Your definitions here.
    //+solution

    /** A key's value and version. */
    private record Versioned(String value, long version) {}

    private final Map<String, Versioned> data = new HashMap<>();   // guarded by this
    //-solution

    private KVServer() {
        // Your code here.
    }

    /** {@return a new server with an empty store} (MIT's {@code MakeKVServer}) */
    public static KVServer make() {
        return new KVServer();
    }

    /** The {@code KVServer.get} RPC: the key's value and version, or {@code ErrNoKey}. */
    @Rpc
    public GetReply get(GetArgs args) {
        // Your code here.
        //+solution
        Versioned v;
        synchronized (this) {
            v = data.get(args.key());
        }
        return v == null ? new GetReply("", 0, Err.ErrNoKey) : new GetReply(v.value(), v.version(), Err.OK);
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrNoKey);
        //-student
    }

    /** The {@code KVServer.put} RPC: writes the key if its version matches; see the class comment. */
    @Rpc
    public PutReply put(PutArgs args) {
        // Your code here.
        //+solution
        synchronized (this) {
            Versioned v = data.get(args.key());
            long current = v == null ? 0 : v.version();
            if (args.version() != current) {
                return new PutReply(v == null ? Err.ErrNoKey : Err.ErrVersion);
            }
            data.put(args.key(), new Versioned(args.value(), current + 1));
        }
        return new PutReply(Err.OK);
        //-solution
        //+student
        // return new PutReply(Err.ErrNoKey);
        //-student
    }

    /** Stops the server when a test ends. Lab 2's server starts no threads, so there is nothing to stop. */
    public void kill() {
    }
}
