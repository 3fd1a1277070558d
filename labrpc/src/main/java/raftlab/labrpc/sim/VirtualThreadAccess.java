package raftlab.labrpc.sim;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;

/**
 * The JDK internals the simulation needs, reached by reflection: the virtual-thread builder that takes a scheduler
 * (an {@link Executor}), and a virtual thread's internal state, so the scheduler can tell a thread blocked on a
 * monitor (which the JDK wakes from its own "unblocker" platform thread) from one parked in a lock or a condition.
 *
 * <p>Both are non-public: the JVM must run with {@code --add-opens java.base/java.lang=ALL-UNNAMED}, and the JDK must
 * be one whose virtual threads do not pin their carrier on {@code synchronized} (JDK 24 and later, JEP 491). On any
 * other JVM {@link #unsupportedReason()} says why and what to do; the real-time mode never touches this class.
 */
final class VirtualThreadAccess {

    /** The oldest JDK whose virtual threads unmount when they block on a monitor. */
    static final int MIN_FEATURE = 24;
    /** The newest JDK the simulation was tested on. Later ones are tried, and refused if their internals moved. */
    static final int TESTED_FEATURE = 25;

    /** The internal states (java.lang.VirtualThread's constants) the scheduler reacts to. */
    static final int PARKED = 4;
    static final int TIMED_PARKED = 7;
    static final int TIMED_PINNED = 8;
    static final int BLOCKED = 13;
    static final int UNBLOCKED = 14;
    static final int WAIT = 16;
    static final int TIMED_WAIT = 18;
    static final int TERMINATED = 99;
    private static final int SUSPENDED = 1 << 8;

    private static final Constructor<?> BUILDER;
    private static final Field STATE;
    private static final Field ON_WAITING_LIST;
    private static final Field BLOCK_PERMIT;
    private static final Field RUN_CONTINUATION;
    private static final String UNSUPPORTED;

    static {
        Constructor<?> builder = null;
        Field state = null;
        Field onWaitingList = null;
        Field blockPermit = null;
        Field runContinuation = null;
        String problem = null;
        int feature = Runtime.version().feature();
        if (feature < MIN_FEATURE) {
            problem = "the simulation mode needs JDK " + MIN_FEATURE + " or later (tested on " + TESTED_FEATURE
                    + "), but this JVM is " + Runtime.version() + ": on older JDKs a virtual thread that blocks in "
                    + "synchronized pins the single carrier thread and the whole run hangs. Run with JDK "
                    + TESTED_FEATURE + ", or drop -Dlab.sim=true to use the real-time mode";
        } else {
            try {
                Class<?> builderClass = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                builder = builderClass.getDeclaredConstructor(Executor.class);
                builder.setAccessible(true);
                Class<?> vthread = Class.forName("java.lang.VirtualThread");
                state = accessible(vthread.getDeclaredField("state"));
                onWaitingList = accessible(vthread.getDeclaredField("onWaitingList"));
                blockPermit = accessible(vthread.getDeclaredField("blockPermit"));
                runContinuation = accessible(vthread.getDeclaredField("runContinuation"));
                checkConstants(vthread);
            } catch (ReflectiveOperationException e) {
                problem = "the simulation mode cannot control virtual threads on " + Runtime.version()
                        + " (the JDK internals it relies on changed: " + e + "). It is tested on JDK "
                        + TESTED_FEATURE + "; use that, or drop -Dlab.sim=true to use the real-time mode";
            } catch (RuntimeException e) {        // InaccessibleObjectException: the package is not opened
                problem = "the simulation mode needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED "
                        + "(the kit's Maven build and ./lab pass it; add it to your own run configuration), or drop "
                        + "-Dlab.sim=true to use the real-time mode. Cause: " + e.getMessage();
            }
        }
        BUILDER = builder;
        STATE = state;
        ON_WAITING_LIST = onWaitingList;
        BLOCK_PERMIT = blockPermit;
        RUN_CONTINUATION = runContinuation;
        UNSUPPORTED = problem;
    }

    private VirtualThreadAccess() {}

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }

    /** Refuses a JDK whose state numbering differs from the one this class was written against. */
    private static void checkConstants(Class<?> vthread) throws ReflectiveOperationException {
        int[] expected = {PARKED, TIMED_PARKED, TIMED_PINNED, BLOCKED, UNBLOCKED, WAIT, TIMED_WAIT, TERMINATED};
        String[] names = {"PARKED", "TIMED_PARKED", "TIMED_PINNED", "BLOCKED", "UNBLOCKED", "WAIT", "TIMED_WAIT",
                "TERMINATED"};
        for (int i = 0; i < names.length; i++) {
            Field f = accessible(vthread.getDeclaredField(names[i]));
            if (f.getInt(null) != expected[i]) {
                throw new ReflectiveOperationException("VirtualThread." + names[i] + " is " + f.getInt(null)
                        + ", expected " + expected[i]);
            }
        }
    }

    /** {@return null when the simulation can run on this JVM, else why not and what to do} */
    static String unsupportedReason() {
        return UNSUPPORTED;
    }

    /** Throws {@link UnsupportedOperationException} with {@link #unsupportedReason()} on an unsupported JVM. */
    static void requireSupported() {
        if (UNSUPPORTED != null) {
            throw new UnsupportedOperationException(UNSUPPORTED);
        }
    }

    /** {@return a virtual-thread builder whose threads run only when {@code scheduler} runs their tasks} */
    static Thread.Builder.OfVirtual builder(Executor scheduler) {
        requireSupported();
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual-thread builder with a scheduler: " + e, e);
        }
    }

    /** {@return the internal state of virtual thread {@code thread}, without the suspended bit} */
    static int state(Thread thread) {
        try {
            return STATE.getInt(thread) & ~SUSPENDED;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return whether the JDK has decided to wake {@code thread} from a monitor but has not submitted it yet} */
    static boolean unblockPending(Thread thread) {
        try {
            return ON_WAITING_LIST.getBoolean(thread) || BLOCK_PERMIT.getBoolean(thread)
                    || state(thread) == UNBLOCKED;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static volatile Thread unblocker;

    /**
     * {@return whether the JDK's "VirtualThread-unblocker" platform thread is doing something other than waiting for
     * its next batch of monitor waiters to wake} Its thread state says RUNNABLE either way (it waits in native code),
     * so the top frame decides.
     */
    static boolean unblockerBusy() {
        Thread thread = unblocker;
        if (thread == null) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("VirtualThread-unblocker")) {
                    unblocker = thread = t;
                }
            }
            if (thread == null) {
                return false;            // not started yet: nobody can be in the middle of a wake-up
            }
        }
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length == 0 || !stack[0].getMethodName().equals("takeVirtualThreadListToUnblock");
    }

    /** {@return the task the JDK submits to the scheduler each time {@code thread} may continue} */
    static Runnable continuationTask(Thread thread) {
        try {
            return (Runnable) RUN_CONTINUATION.get(thread);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
