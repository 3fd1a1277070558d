/**
 * {@link raftlab.labrpc.persist.Persister}: the in-memory stable storage that survives a simulated crash.
 */
package raftlab.labrpc.persist;
