package raftlab.labrpc.sim;

import java.util.concurrent.locks.LockSupport;

/** Formats a simulated thread for a deadlock or escape report: name, state, what it waits for, and its stack. */
final class SimThreadDump {

    private SimThreadDump() {}

    static void append(StringBuilder out, Thread thread) {
        out.append('"').append(thread.getName()).append("\" ").append(thread.getState());
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker != null) {
            out.append(", waiting for ").append(blocker.getClass().getName()).append('@')
                    .append(Integer.toHexString(System.identityHashCode(blocker)));
        }
        out.append('\n');
        appendStack(out, thread.getStackTrace());
    }

    static void appendStack(StringBuilder out, StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            out.append("    at ").append(frame).append('\n');
        }
    }
}
