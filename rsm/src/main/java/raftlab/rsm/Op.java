//+solution-file
package raftlab.rsm;


/**
 * What the RSM puts in the Raft log: the caller's request, tagged so that the peer that proposed it can recognize
 * it when it comes back on {@code applyCh}.
 *
 * @param me      the peer that proposed it
 * @param id      unique per proposal: a random base per RSM instance plus a counter, so that an operation proposed
 *                before a crash is never mistaken for one proposed after it
 * @param request the caller's request, passed to {@link StateMachine#doOp}
 * @param <C>     the state machine's command type
 */
record Op<C>(int me, long id, C request) {}
