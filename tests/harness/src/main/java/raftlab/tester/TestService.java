package raftlab.tester;

import java.util.Objects;
import java.util.Optional;
import raftlab.labrpc.net.Service;

/**
 * Something a {@link ServerStart} function started for one server: the tester kills it when the server crashes or
 * the test ends. If it also answers RPCs, {@link #rpcService()} says under which labrpc service name.
 *
 * <pre>{@code
 * Raft raft = Raft.make(ends, me, persister, applyCh);
 * return List.of(applier,                                        // kill() only
 *                TestService.exported("Raft", raft, raft::kill)); // kill() and RPCs as "Raft.*"
 * }</pre>
 */
public interface TestService {

    /** Stops the service: the server crashed or the test is over. Must return promptly. */
    void kill();

    /** {@return the labrpc service to register for this server, or empty if it answers no RPCs} */
    default Optional<Service> rpcService() {
        return Optional.empty();
    }

    /**
     * {@return a test service that registers the {@code @Rpc} methods of {@code receiver} as {@code name} and
     * whose {@code kill()} runs {@code kill}}
     *
     * @throws IllegalArgumentException if {@code receiver} has no valid {@code @Rpc} handler
     */
    static TestService exported(String name, Object receiver, Runnable kill) {
        return exported(name, receiver, kill, Service.of(name, receiver));
    }

    /**
     * Like {@link #exported}, but a receiver without any {@code @Rpc} method (a student's skeleton that has none
     * yet) is still started, just not callable: Go's labrpc accepts such a type too, and the test then fails on its
     * own checks ("expected one leader, got none") instead of on registration.
     */
    static TestService exportedIfAny(String name, Object receiver, Runnable kill) {
        if (!Service.hasHandlers(receiver.getClass())) {
            Objects.requireNonNull(kill, "kill");
            return kill::run;
        }
        return exported(name, receiver, kill);
    }

    private static TestService exported(String name, Object receiver, Runnable kill, Service service) {
        Objects.requireNonNull(kill, "kill");
        return new TestService() {
            @Override
            public void kill() {
                kill.run();
            }

            @Override
            public Optional<Service> rpcService() {
                return Optional.of(service);
            }

            @Override
            public String toString() {
                return "TestService[" + name + "]";
            }
        };
    }
}
