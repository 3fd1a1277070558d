package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * What a failed test reports when its body was woken by a failure found elsewhere: the cause, not the wake-up.
 * Seen in Lab 5: a test that hit the time limit while its thread was inside a student clerk was reported as the
 * clerk's "interrupted while re-sending a request".
 */
class HeadlineTest {

    private final TestRun run = new TestRun("headline", 7);

    @Test
    void theRecordedFailureIsTheHeadlineAndTheWakeUpIsSuppressedUnderIt() {
        AssertionError timeLimit = new AssertionError("test took longer than 120 seconds");
        run.recordFailure(timeLimit);
        CancellationException wakeUp = new CancellationException("interrupted while re-sending a request");

        Throwable reported = TesterExtension.headline(wakeUp, run);

        assertThat(reported).isInstanceOf(AssertionFailedError.class)
                .hasMessage("test took longer than 120 seconds").hasCause(timeLimit);
        assertThat(reported.getSuppressed()).containsExactly(wakeUp);
    }

    @Test
    void theRecordedFailureRethrownByACheckpointIsReportedAsItIs() {
        AssertionError died = new AssertionError("thread \"applier\" died");
        run.recordFailure(died);
        AssertionFailedError atCheckpoint = new AssertionFailedError(died.getMessage(), died);

        assertThat(TesterExtension.headline(atCheckpoint, run)).isSameAs(atCheckpoint);
    }

    @Test
    void aFailureOfTheBodyItselfIsReportedAsItIs() {
        AssertionFailedError own = new AssertionFailedError("one(100) failed to reach agreement");

        assertThat(TesterExtension.headline(own, run)).isSameAs(own);
    }
}
