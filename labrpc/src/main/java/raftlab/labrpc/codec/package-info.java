/**
 * The checked codec, raftlab's labgob. {@link raftlab.labrpc.codec.Codec} copies RPC arguments, replies and log
 * commands (its class comment is the manual: what travels, what is refused and why); {@link
 * raftlab.labrpc.codec.Encoder} and {@link raftlab.labrpc.codec.Decoder} write and read several values in a row,
 * for Raft's persistent state.
 *
 * <p>Inside: one {@code Plan} per class, built and checked on first use and cached; records are written through
 * method handles to their accessors and rebuilt through their canonical constructors.
 */
package raftlab.labrpc.codec;
