package raftlab.tester;

import java.util.List;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;

/**
 * Starts one server of a group: MIT's {@code FstartServer}. The group calls it at first start and at every restart,
 * each time with fresh ends and with a copy of the state the previous incarnation persisted.
 */
@FunctionalInterface
public interface ServerStart {

    /**
     * Starts server {@code me} of group {@code gid} and returns what the tester must kill when it crashes.
     *
     * @param ends      one end to every server of the group, including {@code ends.get(me)} to itself; they stay
     *                  disabled until the group connects the server
     * @param gid       the group id
     * @param me        the server's index in the group
     * @param persister what the previous incarnation saved (empty the first time)
     * @return the services to kill on crash; those with an {@link TestService#rpcService()} get registered
     */
    List<TestService> start(List<ClientEnd> ends, int gid, int me, Persister persister);
}
