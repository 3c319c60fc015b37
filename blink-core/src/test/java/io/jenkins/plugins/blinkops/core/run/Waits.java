package io.jenkins.plugins.blinkops.core.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** A wait driven step by step, as a Pipeline step drives it, and saved as a Pipeline saves it. */
final class Waits {
    private Waits() {}

    /** Polls until the end, pausing between polls as the runner says. */
    static ExecutionOutcome pollToTheEnd(WorkflowRunner runner, FollowState follow) throws Exception {
        while (true) {
            WorkflowRunner.PollResult result = runner.poll(follow);
            if (result instanceof WorkflowRunner.PollResult.Done done) {
                return done.outcome();
            }
            WorkflowRunner.PollResult.Waiting waiting = (WorkflowRunner.PollResult.Waiting) result;
            follow = waiting.next();
            Thread.sleep(waiting.delay().toMillis());
        }
    }

    /** The state as it reads back after a restart: written and read with Java serialization. */
    static FollowState roundTrip(FollowState state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FollowState) in.readObject();
        }
    }
}
