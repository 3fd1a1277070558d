package raftlab.labrpc.net;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as an RPC handler of its service. A handler takes exactly one argument (the request) and
 * returns the reply:
 * <pre>{@code
 * @Rpc
 * public RequestVoteReply requestVote(RequestVoteArgs args) { ... }
 * }</pre>
 * {@link Service#of(String, Object)} registers every {@code @Rpc} method and rejects one of any other shape at once,
 * so a typo cannot silently leave a handler unregistered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Rpc {}
