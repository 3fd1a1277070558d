/**
 * The graded Lab 2 tests of the lock built on the clerk (MIT's {@code kvsrv1/lock/lock_test.go}):
 * {@link raftlab.kvsrv.lock.Lock2Test}, tagged {@code 2}.
 */
package raftlab.kvsrv.lock;
