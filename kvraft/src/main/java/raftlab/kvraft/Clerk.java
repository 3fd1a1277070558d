package raftlab.kvraft;

import java.util.List;
import java.util.Objects;
import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.labrpc.net.ClientEnd;
//+solution
import java.util.Optional;
import java.util.concurrent.CancellationException;
import raftlab.kvraft.KvRpc.PutReply;
import raftlab.labrpc.sim.Sim;
//-solution

/**
 * The client library of the key/value service. It sends each request to the server it believes is the leader,
 * moves on to the next server when a call is lost or answered {@code ErrWrongLeader}, and keeps trying until some
 * leader answers: a call returns only with a real answer.
 *
 * <ul>
 *   <li>{@link #get} returns the value and version, or {@code ErrNoKey}.</li>
 *   <li>{@link #put} returns {@code OK}, {@code ErrNoKey}, {@code ErrVersion} when the first attempt was rejected, or
 *       {@code ErrMaybe} when a <em>re-sent</em> attempt got {@code ErrVersion}: an earlier attempt may have been
 *       applied (and bumped the version), or not.</li>
 *   <li>It remembers the last server that answered as leader, so a steady leader costs one RPC per call.</li>
 * </ul>
 * A clerk may be used by one thread at a time. Interrupting that thread makes a pending call throw
 * {@link java.util.concurrent.CancellationException} instead of retrying forever.
 */
public final class Clerk {

    private final List<ClientEnd> servers;
    // You will have to modify this class (4B).
    //+solution

    /** Pause after asking every server in turn without an answer: there is probably an election going on. */
    private static final long ROUND_PAUSE_MS = 20;

    private int leader;   // the server that answered last
    //-solution

    /**
     * A clerk that talks to {@code servers}.
     *
     * @param servers one client end per server, in the servers' order
     * @throws IllegalArgumentException if {@code servers} is empty or holds null
     */
    public Clerk(List<ClientEnd> servers) {
        Objects.requireNonNull(servers, "Clerk: servers is null");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("Clerk: the server list is empty; a clerk needs at least one server");
        }
        if (servers.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("Clerk: the server list holds null: " + servers);
        }
        this.servers = List.copyOf(servers);
    }

    /**
     * Fetches the current value and version of {@code key}. Keeps trying, in the face of all errors other than
     * {@code ErrNoKey}, until some server answers.
     *
     * @return {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} if the key does not exist
     */
    public GetReply get(String key) {
        GetArgs args = new GetArgs(key);
        // You will have to modify this function.
        //+solution
        for (int attempt = 1; ; attempt++) {
            Optional<GetReply> reply = servers.get(leader).call(KvRpc.GET, args);
            if (reply.isPresent() && reply.get().err() != Err.ErrWrongLeader) {
                return reply.get();
            }
            nextServer(attempt);
        }
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrNoKey);
        //-student
    }

    /**
     * Writes {@code value} to {@code key} if the key's version is {@code version} (0 creates a missing key).
     *
     * @return {@code OK}; {@code ErrVersion} if the version did not match; {@code ErrNoKey} if the key does not exist
     *         and {@code version} is not 0; {@code ErrMaybe} if a re-sent request got {@code ErrVersion}, so that an
     *         earlier attempt may have been applied
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Err put(String key, String value, long version) {
        PutArgs args = new PutArgs(key, value, version);
        // You will have to modify this function.
        //+solution
        for (int attempt = 1; ; attempt++) {
            Optional<PutReply> reply = servers.get(leader).call(KvRpc.PUT, args);
            if (reply.isPresent() && reply.get().err() != Err.ErrWrongLeader) {
                Err err = reply.get().err();
                // Any earlier attempt may have reached a leader that committed it before losing its leadership (or
                // before its reply was lost); then this attempt's ErrVersion is our own doing.
                return err == Err.ErrVersion && attempt > 1 ? Err.ErrMaybe : err;
            }
            nextServer(attempt);
        }
        //-solution
        //+student
        // return Err.ErrNoKey;
        //-student
    }
    //+solution

    private void nextServer(int attempt) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Clerk: interrupted while looking for a leader");
        }
        leader = (leader + 1) % servers.size();
        if (attempt % servers.size() == 0) {
            Sim.sleep(ROUND_PAUSE_MS);
        }
    }
    //-solution
}
