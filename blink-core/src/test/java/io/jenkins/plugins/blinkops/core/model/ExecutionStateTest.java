package io.jenkins.plugins.blinkops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.model.ExecutionState.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionStateTest {

    @ParameterizedTest
    @CsvSource({
        "Completed, SUCCEEDED",
        "completed, SUCCEEDED",
        "Failed, ENDED_UNSUCCESSFULLY",
        "Cancelled, ENDED_UNSUCCESSFULLY",
        "canceled, ENDED_UNSUCCESSFULLY",
        "Timeout, ENDED_UNSUCCESSFULLY",
        "Timed Out, ENDED_UNSUCCESSFULLY",
        "Skipped, ENDED_UNSUCCESSFULLY",
        "Paused, ENDED_UNSUCCESSFULLY",
        "Running, RUNNING",
        "In progress, RUNNING",
        "in_progress, RUNNING",
        "Pending, RUNNING",
        "Warming up, UNKNOWN",
        "'', UNKNOWN",
    })
    void classifiesAsBlinksOwnClientDoes(String name, Kind kind) {
        ExecutionState state = ExecutionState.of(name);
        assertThat(state.kind()).isEqualTo(kind);
        assertThat(state.isTerminal()).isEqualTo(kind == Kind.SUCCEEDED || kind == Kind.ENDED_UNSUCCESSFULLY);
        assertThat(state.isSuccess()).isEqualTo(kind == Kind.SUCCEEDED);
        assertThat(state.name()).isEqualTo(name);
    }
}
