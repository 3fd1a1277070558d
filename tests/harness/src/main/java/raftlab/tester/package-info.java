/**
 * The tester: the Java counterpart of MIT 6.5840's {@code tester1}, shared by the Raft, RSM and KV suites.
 *
 * <ul>
 *   <li>{@link raftlab.tester.TesterExtension} owns each test's life: seed, 120-second watchdog, cleanup, leaked
 *       thread check, report line.</li>
 *   <li>{@link raftlab.tester.Config} is one test's world: the network, server groups, clients, the
 *       {@link raftlab.tester.Timeline} of annotations, {@code begin}/{@code end} report lines and
 *       {@code fatalf}.</li>
 *   <li>{@link raftlab.tester.ServerGroup} starts, crashes, restarts and partitions servers that a
 *       {@link raftlab.tester.ServerStart} function creates; what it returns are
 *       {@link raftlab.tester.TestService}s that the group kills on a crash.</li>
 *   <li>{@link raftlab.tester.Client} is a clerk's lazily connected view of the servers.</li>
 * </ul>
 * Nothing here knows about Raft: the suite-specific harnesses (checkers, test services) live next to their tests.
 */
package raftlab.tester;
