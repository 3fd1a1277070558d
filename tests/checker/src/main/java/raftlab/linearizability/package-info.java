/**
 * A linearizability checker for recorded histories: the job Porcupine does for MIT 6.5840, in Java.
 *
 * <p>A history is a list of {@link raftlab.linearizability.Operation}s (call and return times) or of
 * {@link raftlab.linearizability.Event}s (relative order only). A {@link raftlab.linearizability.Model} says what
 * a sequential object may answer. {@link raftlab.linearizability.Linearizability#check} decides whether some order of
 * the operations, consistent with real time, is legal for the model:
 * <pre>{@code
 * CheckResult r = Linearizability.check(new VersionedKvModel(), recorder.history(), Duration.ofSeconds(1));
 * }</pre>
 *
 * <h2>Using it as a library</h2>
 * <ul>
 *   <li><b>Model.</b> Implement {@link raftlab.linearizability.Model}: {@code init}, a pure {@code step} returning
 *       {@link raftlab.linearizability.Step#to} or {@link raftlab.linearizability.Step#illegal()}, and, for a map
 *       of independent keys, {@code partition} (see {@link raftlab.linearizability.Partitions#byKey}). <b>States are
 *       never {@code null}</b>: model "no value" as a value ({@code ""}, an empty record, {@code Optional.empty()});
 *       a {@code null} initial state is refused with an {@link java.lang.IllegalArgumentException} before the
 *       search starts, and {@code Step.to(null)} throws in the model's own step.</li>
 *   <li><b>Several outcomes.</b> If an operation may lead to several states, implement
 *       {@link raftlab.linearizability.NondeterministicModel} (a step returns a {@code Set} of states, empty when
 *       illegal) and check its {@link raftlab.linearizability.NondeterministicModel#toModel()}, the power-set
 *       construction Porcupine uses.</li>
 *   <li><b>History.</b> Timed operations ({@link raftlab.linearizability.Operation}, or
 *       {@link raftlab.linearizability.HistoryRecorder} for live clients), events in log order
 *       ({@link raftlab.linearizability.Event}), or, for a log format of your own,
 *       {@link raftlab.linearizability.HistoryBuilder}: per client {@code call}, then {@code returned},
 *       {@code neverReturned} (a timeout: may or may not have happened) or {@code noEffect}.</li>
 *   <li><b>Check.</b> {@link raftlab.linearizability.Linearizability}: {@code check} / {@code checkEvents} give the
 *       verdict; {@code checkVerbose} / {@code checkEventsVerbose} also give partial linearizations, a witness and
 *       {@link raftlab.linearizability.SearchStatistics} (steps, states explored, memo hits, backtracks). Each takes
 *       a timeout or {@link raftlab.linearizability.CheckOptions} (timeout, pool size, debug checks).</li>
 * </ul>
 *
 * <p>The search is Wing &amp; Gong's backtracking with Lowe's memoization and just-in-time linearization, on a
 * doubly linked entry list; a model that partitions its history (by key) has each partition checked independently,
 * in parallel on a bounded pool (P-compositionality, Horn &amp; Kroening). The verbose variant
 * ({@link raftlab.linearizability.Linearizability#checkVerbose}) also keeps, per partition, the longest partial
 * linearizations, which {@link raftlab.linearizability.view.HistoryView} draws as an HTML page.
 *
 * <p>Sub-packages: {@code kv} holds the raftlab versioned key/value model; {@code kvlog} the Get/Put/Append model
 * and parser for Porcupine's recorded kv logs; {@code view} the HTML history view. Nothing here depends on Raft.
 */
package raftlab.linearizability;
