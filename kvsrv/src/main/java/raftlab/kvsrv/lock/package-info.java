/**
 * A distributed lock built on Lab 2's versioned {@link raftlab.kvsrv.Clerk} (MIT 6.5840's {@code kvsrv1/lock}): every
 * {@link raftlab.kvsrv.lock.Lock} client takes and gives up the lock by conditional Puts to one key, so only the
 * server's version check decides who holds it.
 */
package raftlab.kvsrv.lock;
