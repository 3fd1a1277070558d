package raftlab.labrpc.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Formats simulated threads for a deadlock or escape report: name, state, what each waits for, the frames of the
 * student's code, then the whole stack. Threads stopped in student code come first: a deadlock report should open
 * with the line of the student's code that waits, not with the JDK's parking frames.
 */
final class SimThreadDump {

    /** The packages of the student's code (src/main of the lab modules), each with its sub-packages. */
    private static final List<String> STUDENT_PACKAGES =
            List.of("raftlab.raft.", "raftlab.rsm.", "raftlab.kvraft.", "raftlab.kvsrv.", "raftlab.shardkv.");

    private static final Map<String, Boolean> STUDENT_CLASSES = new ConcurrentHashMap<>();

    private SimThreadDump() {}

    /** Appends every thread of {@code threads}, those stopped in student code first, each group in the given order. */
    static void appendAll(StringBuilder out, List<Thread> threads) {
        List<Thread> inStudentCode = new ArrayList<>();
        List<Thread> others = new ArrayList<>();
        List<StackTraceElement[]> studentStacks = new ArrayList<>();
        List<StackTraceElement[]> otherStacks = new ArrayList<>();
        for (Thread t : threads) {
            StackTraceElement[] stack = t.getStackTrace();
            boolean student = false;
            for (StackTraceElement frame : stack) {
                student |= isStudentFrame(frame);
            }
            (student ? inStudentCode : others).add(t);
            (student ? studentStacks : otherStacks).add(stack);
        }
        for (int i = 0; i < inStudentCode.size(); i++) {
            append(out, inStudentCode.get(i), studentStacks.get(i));
        }
        for (int i = 0; i < others.size(); i++) {
            append(out, others.get(i), otherStacks.get(i));
        }
    }

    static void append(StringBuilder out, Thread thread) {
        append(out, thread, thread.getStackTrace());
    }

    private static void append(StringBuilder out, Thread thread, StackTraceElement[] stack) {
        out.append('"').append(thread.getName()).append("\" ").append(thread.getState());
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker != null) {
            out.append(", waiting for ").append(blocker.getClass().getName()).append('@')
                    .append(Integer.toHexString(System.identityHashCode(blocker)));
        }
        out.append('\n');
        boolean any = false;
        for (StackTraceElement frame : stack) {
            if (isStudentFrame(frame)) {
                out.append(any ? "      from " : "  in your code: ").append(frame).append('\n');
                any = true;
            }
        }
        appendStack(out, stack);
    }

    static void appendStack(StringBuilder out, StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            out.append("    at ").append(frame).append('\n');
        }
    }

    /** {@return whether {@code frame} is in the student's code: a lab module's package, not a test class} */
    static boolean isStudentFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        if (STUDENT_PACKAGES.stream().noneMatch(name::startsWith)) {
            return false;
        }
        return STUDENT_CLASSES.computeIfAbsent(name, SimThreadDump::loadedFromMainClasses);
    }

    /** The graded suites share the lab packages (raftlab.raft.Raft3ATest): tell them apart by where they load from. */
    private static boolean loadedFromMainClasses(String className) {
        try {
            Class<?> c = Class.forName(className, false, ClassLoader.getSystemClassLoader());
            var source = c.getProtectionDomain().getCodeSource();
            return source == null || !source.getLocation().toString().contains("test-classes");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return true;
        }
    }
}
