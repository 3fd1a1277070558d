package raftlab.labrpc.sim;

/**
 * Code running under the simulation waited in a way the simulation cannot control (a {@code Thread.sleep}, a timed
 * {@code await}, {@code poll}, {@code wait}, {@code join} or {@code parkNanos}): its wake-up would come from the real
 * clock, so the run would no longer be a function of its seed. The message names the first frame of the caller's
 * code and the {@link Sim} call to use instead.
 */
public final class SimEscapeError extends AssertionError {

    private static final long serialVersionUID = 1L;

    SimEscapeError(String message) {
        super(message);
    }

    static SimEscapeError timedWait(Thread thread, long nowNanos) {
        StackTraceElement[] stack = thread.getStackTrace();
        StackTraceElement site = callerFrame(stack);
        String what = describe(stack);
        StringBuilder message = new StringBuilder();
        message.append(site == null ? "?" : site.getFileName() + ":" + site.getLineNumber())
                .append(": ").append(what.isEmpty() ? "a timed wait" : what)
                .append(" in thread \"").append(thread.getName()).append("\" at virtual time ")
                .append(SimScheduler.formatTime(nowNanos))
                .append(" escapes the simulation (it would wake up by the real clock): ")
                .append(advice(what)).append('\n');
        SimThreadDump.appendStack(message, stack);
        return new SimEscapeError(message.toString());
    }

    /** {@return the first frame outside the JDK: the code that made the call} */
    static StackTraceElement callerFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return frame;
            }
        }
        return null;
    }

    /** {@return the JDK call that waited, e.g. "Thread.sleep", from the frame just above the caller's} */
    private static String describe(StackTraceElement[] stack) {
        StackTraceElement previous = null;
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                break;
            }
            previous = frame;
        }
        if (previous == null) {
            return "";
        }
        String c = previous.getClassName();
        return c.substring(c.lastIndexOf('.') + 1).replace('$', '.') + "." + previous.getMethodName();
    }

    private static String advice(String what) {
        if (what.startsWith("Thread.sleep")) {
            return "use Sim.sleep(ms)";
        }
        if (what.startsWith("CountDownLatch.await")) {
            return "use Sim.await(latch, ms)";
        }
        if (what.contains("ConditionObject.await")) {
            return "use Sim.awaitNanos(condition, nanos)";
        }
        if (what.startsWith("Object.wait")) {
            return "use a ReentrantLock and Sim.awaitNanos(condition, nanos) instead of a timed wait()";
        }
        if (what.startsWith("Thread.join")) {
            return "join without a time-out, or wait on a CountDownLatch with Sim.await(latch, ms)";
        }
        return "use Sim.sleep(ms), Sim.await(latch, ms) or Sim.awaitNanos(condition, nanos)";
    }
}
