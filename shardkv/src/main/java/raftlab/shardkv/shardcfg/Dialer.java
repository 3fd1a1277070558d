package raftlab.shardkv.shardcfg;

import raftlab.labrpc.net.ClientEnd;

/**
 * How a clerk or controller reaches servers by name (the part of MIT's {@code tester.Clnt} Lab 5 uses): the tester
 * hands every clerk and controller its own dialer, and may cut it off from some or all servers. Provided code.
 */
@FunctionalInterface
public interface Dialer {

    /**
     * {@return this client's end to the server named {@code server} (e.g. {@code "server-1-0"})}; calling it again
     * with the same name may return the same end. A call through an end to a server that is down, deleted or cut
     * off fails (an empty reply) after a short delay.
     */
    ClientEnd end(String server);
}
