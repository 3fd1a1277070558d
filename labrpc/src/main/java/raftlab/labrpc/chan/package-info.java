/**
 * {@link raftlab.labrpc.chan.Channel}: Go's channel, for {@code applyCh}.
 */
package raftlab.labrpc.chan;
