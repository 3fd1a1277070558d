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
