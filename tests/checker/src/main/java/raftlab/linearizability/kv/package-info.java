/**
 * The raftlab key/value service's sequential specification, for the linearizability checks of the KV suites (4B,
 * 4C): versioned {@code Put} and {@code Get}, one independent register per key.
 *
 * <p>The types here are deliberately the checker's own, not the KV module's: the test harness maps its clerks'
 * requests and replies onto {@link raftlab.linearizability.kv.KvInput} and
 * {@link raftlab.linearizability.kv.KvOutput}, so the checker depends on nothing a student writes.
 */
package raftlab.linearizability.kv;
