package raftlab.kvsrv;

import java.util.Objects;
import raftlab.kvsrv.KvsrvRpc.GetArgs;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.kvsrv.KvsrvRpc.PutArgs;
import raftlab.labrpc.net.ClientEnd;
//+solution
import java.util.Optional;
import java.util.concurrent.CancellationException;
import raftlab.kvsrv.KvsrvRpc.PutReply;
import raftlab.labrpc.sim.Sim;
//-solution

/**
 * The client library of Lab 2's key/value server. Its calls go through a {@link ClientEnd}, whose
 * {@code call(KvsrvRpc.GET, args)} returns the reply, or {@code Optional.empty()} if the network lost the request or
 * the reply (the request may or may not have been executed). A clerk keeps re-sending a request until it gets a reply.
 *
 * <ul>
 *   <li>{@link #get} returns the value and version, or {@code ErrNoKey}.</li>
 *   <li>{@link #put} returns {@code OK}; {@code ErrNoKey}; {@code ErrVersion} if the <em>first</em> attempt got
 *       {@code ErrVersion} (the Put certainly did not happen); or {@code ErrMaybe} if a <em>re-sent</em> attempt got
 *       {@code ErrVersion}: an earlier attempt may have been applied with its reply lost, or another client may have
 *       changed the key first, and the clerk cannot tell which.</li>
 * </ul>
 * A clerk may be used by one thread at a time. Interrupting that thread makes a pending call throw
 * {@link java.util.concurrent.CancellationException} instead of re-sending forever.
 */
public final class Clerk {

    private final ClientEnd server;
    // You may add fields here.
    //+solution

    /** Wait before re-sending a request whose call failed (the handout suggests 100 ms). */
    private static final long RESEND_PAUSE_MS = 100;
    //-solution

    /**
     * A clerk that talks to {@code server} (MIT's {@code MakeClerk}).
     *
     * @throws NullPointerException if {@code server} is null
     */
    public Clerk(ClientEnd server) {
        this.server = Objects.requireNonNull(server, "Clerk: server is null; pass the end the tester made for it");
    }

    /**
     * Fetches the current value and version of {@code key}. Re-sends the request, forever, until a reply arrives.
     *
     * @return {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} if the key does not exist
     * @throws NullPointerException if {@code key} is null
     */
    public GetReply get(String key) {
        GetArgs args = new GetArgs(key);
        // You will have to modify this function.
        //+solution
        while (true) {
            Optional<GetReply> reply = server.call(KvsrvRpc.GET, args);
            if (reply.isPresent()) {
                return reply.get();
            }
            pauseBeforeResend();
        }
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrNoKey);
        //-student
    }

    /**
     * Writes {@code value} to {@code key} if the key's version is {@code version} (0 creates a missing key).
     * Re-sends the same request until a reply arrives.
     *
     * @return {@code OK}; {@code ErrVersion} if the first attempt was rejected for its version; {@code ErrNoKey} if
     *         the key does not exist and {@code version} is not 0; {@code ErrMaybe} if a re-sent attempt got
     *         {@code ErrVersion}, so that an earlier attempt may have been applied
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Err put(String key, String value, long version) {
        PutArgs args = new PutArgs(key, value, version);
        // You will have to modify this function.
        //+solution
        for (boolean resent = false; ; resent = true) {
            Optional<PutReply> reply = server.call(KvsrvRpc.PUT, args);
            if (reply.isPresent()) {
                Err err = reply.get().err();
                // An earlier attempt may have been applied with its reply lost; then this attempt's ErrVersion is
                // our own doing. OK and ErrNoKey mean no earlier attempt was applied.
                return err == Err.ErrVersion && resent ? Err.ErrMaybe : err;
            }
            pauseBeforeResend();
        }
        //-solution
        //+student
        // return Err.ErrNoKey;
        //-student
    }
    //+solution

    private static void pauseBeforeResend() {
        Sim.sleep(RESEND_PAUSE_MS);
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Clerk: interrupted while re-sending a request");
        }
    }
    //-solution
}
