package io.jenkins.plugins.blinkops.core.run;

import static io.jenkins.plugins.blinkops.core.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.Fixtures;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.fake.FakeBlinkServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waits measure time with the monotonic clock: a step of the wall clock neither ends nor stretches
 * one, and a controller restart carries the time left over by the wall clock, never stretching it.
 */
class MonotonicWaitsTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(60);
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private FakeBlinkServer server;
    private BlinkClient client;
    private final Fixtures.CapturedLog log = new Fixtures.CapturedLog();
    /** The wall clock (epoch ms) and the monotonic one (ns) of the JVM the test plays. */
    private final AtomicLong wall = new AtomicLong(1_765_000_000_000L);

    private final AtomicLong nanos = new AtomicLong(42_000_000_000L);

    @BeforeEach
    void start() {
        server = Fixtures.serverWithWorkflow("{}");
        // the run goes on for the whole test: only the wait's own clock can end it
        server.workflow("ws-1", "wf-1").takes(Duration.ofHours(1));
        client = Fixtures.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WorkflowRunner runner(WaitClock clock) {
        return new WorkflowRunner(client, options(WaitMode.FOLLOW).withTimeout(TIMEOUT), log.log, clock);
    }

    private void pass(Duration d) {
        nanos.addAndGet(d.toNanos());
        wall.addAndGet(d.toMillis());
    }

    @Test
    void theWallClockJumpingForwardOrBackDoesNotChangeTheWait() throws Exception {
        WaitClock clock = new WaitClock(wall::get, nanos::get);
        WorkflowRunner runner = runner(clock);
        FollowState follow =
                runner.start(ExecutionRequest.builder("ws-1", "wf-1").build());
        pass(Duration.ofMinutes(10));

        wall.addAndGet(2 * HOUR); // NTP steps the clock two hours ahead
        WorkflowRunner.PollResult afterForward = runner.poll(follow);
        assertThat(afterForward).isInstanceOf(WorkflowRunner.PollResult.Waiting.class);
        follow = ((WorkflowRunner.PollResult.Waiting) afterForward).next();
        assertThat(follow.remaining(clock.millis())).isEqualTo(Duration.ofMinutes(50));

        wall.addAndGet(-4 * HOUR); // and then two hours behind
        follow = ((WorkflowRunner.PollResult.Waiting) runner.poll(follow)).next();
        assertThat(follow.remaining(clock.millis())).isEqualTo(Duration.ofMinutes(50));

        pass(Duration.ofMinutes(50));
        WorkflowRunner.PollResult atTheEnd = runner.poll(follow);
        assertThat(atTheEnd).isInstanceOf(WorkflowRunner.PollResult.Done.class);
        assertThat(((WorkflowRunner.PollResult.Done) atTheEnd).outcome().timedOut())
                .isTrue();
    }

    @Test
    void aRestartKeepsTheTimeLeftLessTheTimeJenkinsWasDown() throws Exception {
        FollowState saved = waitedTenMinutesAndSaved();

        pass(Duration.ofMinutes(5)); // Jenkins is down for five minutes
        nanos.set(7_000_000L); // a new JVM: its monotonic clock starts anywhere
        WaitClock restarted = new WaitClock(wall::get, nanos::get);

        FollowState resumed = saved.resumed(restarted);

        assertThat(resumed.remaining(restarted.millis())).isEqualTo(Duration.ofMinutes(45));
        assertThat(resumed.elapsed(restarted.millis())).isEqualTo(Duration.ofMinutes(15));
        assertThat(resumed.resumed(restarted)).as("resumed twice").isEqualTo(resumed);
    }

    @Test
    void aWallClockSetBackWhileJenkinsWasDownDoesNotStretchTheWait() throws Exception {
        FollowState saved = waitedTenMinutesAndSaved();

        wall.addAndGet(-3 * HOUR);
        nanos.set(-5_000_000_000L);
        WaitClock restarted = new WaitClock(wall::get, nanos::get);

        FollowState resumed = saved.resumed(restarted);

        assertThat(resumed.remaining(restarted.millis())).isEqualTo(Duration.ofMinutes(50));
        WorkflowRunner.PollResult next = runner(restarted).poll(resumed);
        assertThat(((WorkflowRunner.PollResult.Waiting) next).next().remaining(restarted.millis()))
                .isEqualTo(Duration.ofMinutes(50));
    }

    @Test
    void aWallClockSetForwardWhileJenkinsWasDownCountsAsTimeDown() throws Exception {
        FollowState saved = waitedTenMinutesAndSaved();

        wall.addAndGet(HOUR);
        WaitClock restarted = new WaitClock(wall::get, nanos::get);

        // the wall clock is all a restart can go by, as for Jenkins' own timeout step
        WorkflowRunner.PollResult next = runner(restarted).poll(saved.resumed(restarted));
        assertThat(((WorkflowRunner.PollResult.Done) next).outcome().timedOut()).isTrue();
    }

    @Test
    void aWaitSavedBeforeTheMonotonicClockReadsOnInEpochMilliseconds() {
        long now = wall.get();
        FollowState old = new FollowState(
                "ws-1", "wf-1", "ex-1", now - 10 * 60_000, now + 50 * 60_000, "Running", 0, false, 0, 0, null, 0, 0);
        WaitClock restarted = new WaitClock(wall::get, nanos::get);

        FollowState resumed = old.resumed(restarted);

        assertThat(resumed).isEqualTo(old);
        assertThat(resumed.remaining(restarted.millis())).isEqualTo(Duration.ofMinutes(50));
    }

    /** A wait of an hour, ten minutes in, as its step saved it with the Pipeline. */
    private FollowState waitedTenMinutesAndSaved() throws Exception {
        WaitClock clock = new WaitClock(wall::get, nanos::get);
        WorkflowRunner runner = runner(clock);
        FollowState follow =
                runner.start(ExecutionRequest.builder("ws-1", "wf-1").build());
        pass(Duration.ofMinutes(10));
        FollowState saved = ((WorkflowRunner.PollResult.Waiting) runner.poll(follow)).next();
        assertThat(saved.remaining(clock.millis())).isEqualTo(Duration.ofMinutes(50));
        return saved;
    }
}
