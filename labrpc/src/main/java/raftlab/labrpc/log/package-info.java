/**
 * Topic logging for kit and student code: {@link raftlab.labrpc.log.Log#debug} writes
 * {@code 012345 VOTE S2 granted vote to S0 in term 3} lines when {@code VERBOSE=1} or {@code -Dverbose=1}, and
 * {@code ./lab logs FILE -c 3 -j VOTE,LEAD} lays them out one column per peer.
 */
package raftlab.labrpc.log;
