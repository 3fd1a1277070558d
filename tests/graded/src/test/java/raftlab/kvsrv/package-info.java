/**
 * The graded Lab 2 tests of the key/value server and its clerk (MIT's {@code kvsrv1/kvsrv_test.go}):
 * {@link raftlab.kvsrv.Kvsrv2Test}, tagged {@code 2}, on the harness in {@link raftlab.tester.kvsrv}. The lock's tests
 * are in {@link raftlab.kvsrv.lock}.
 */
package raftlab.kvsrv;
