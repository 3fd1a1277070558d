package raftlab.linearizability;

import java.time.Duration;
import java.util.List;

/**
 * Entry points of the checker.
 *
 * <pre>{@code
 * CheckResult r = Linearizability.check(model, operations, Duration.ofSeconds(1));
 * VerboseResult<I, O> v = Linearizability.checkVerbose(model, operations, Duration.ofSeconds(1));
 * if (v.illegal()) HistoryView.write(model, v, annotations, path);
 * }</pre>
 *
 * <p>All methods throw {@link IllegalArgumentException} for a malformed history (a return before its call, a null
 * operation, an input or output the model rejects) and {@link IllegalStateException} if the model misbehaves (its
 * step throws or, with debug checks on, mutates its state; its partition loses or invents operations). An empty
 * history is {@link CheckResult#OK} at once.
 */
public final class Linearizability {

    private Linearizability() {}

    /** {@return whether the history is linearizable}; {@code timeout} zero means no limit */
    public static <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history, Duration timeout) {
        return check(model, history, CheckOptions.withTimeout(timeout));
    }

    /** {@return whether the history is linearizable} */
    public static <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history,
                                              CheckOptions options) {
        return new CheckRun<>(model, history, options, false).run().result();
    }

    /** {@return the verdict, with per partition the longest partial linearizations and a witness when legal} */
    public static <S, I, O> VerboseResult<I, O> checkVerbose(Model<S, I, O> model, List<Operation<I, O>> history,
                                                             Duration timeout) {
        return checkVerbose(model, history, CheckOptions.withTimeout(timeout));
    }

    /** {@return the verdict, with per partition the longest partial linearizations and a witness when legal} */
    public static <S, I, O> VerboseResult<I, O> checkVerbose(Model<S, I, O> model, List<Operation<I, O>> history,
                                                             CheckOptions options) {
        return new CheckRun<>(model, history, options, true).run();
    }

    /** Checks an event history (see {@link Histories#fromEvents}). */
    public static <S, I, O> CheckResult checkEvents(Model<S, I, O> model, List<? extends Event<I, O>> events,
                                                    Duration timeout) {
        return check(model, Histories.fromEvents(events), timeout);
    }

    /** Checks an event history verbosely; operation times in the result are event positions. */
    public static <S, I, O> VerboseResult<I, O> checkEventsVerbose(Model<S, I, O> model,
                                                                   List<? extends Event<I, O>> events,
                                                                   Duration timeout) {
        return checkVerbose(model, Histories.fromEvents(events), timeout);
    }
}
