/**
 * The Raft invariant monitor (raftlab's own, beyond MIT): while a Raft test runs it sees every RPC reply on the
 * network, every {@code getState} and {@code start} answer, every message on {@code applyCh} and every save to a
 * {@code Persister}, and fails the test at the first broken safety rule, naming the rule, the paper section, the
 * peers, the term, the index and the time. It also warns, once and without failing, when the term rises on a calm
 * network with a settled leader (a liveness hint: heartbeats too slow, or an election timer not reset).
 *
 * <ul>
 *   <li>{@link raftlab.tester.monitor.RaftMonitor} — the monitor: events in, first violation out;</li>
 *   <li>{@link raftlab.tester.monitor.Rule} — the rules it checks, with section and usual causes.</li>
 * </ul>
 * The monitor is thread-free: it has no threads or timers of its own, so its tests feed it events directly.
 */
package raftlab.tester.monitor;
