package io.jenkins.plugins.blinkops.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.target.StartNonce;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every start adds to its {@code event}: {@code jenkins.nonce}, and the context Jenkins gives. */
class StartEventTest {

    private static JsonObject event(ExecutionRequest r) {
        return JsonParser.parseString(r.toJsonBody()).getAsJsonObject().getAsJsonObject("event");
    }

    @Test
    void everyStartCarriesA128BitNonceTheSameOnEverySend() {
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf").build();
        assertThat(r.nonce()).matches("[0-9a-f]{32}");
        assertThat(StartNonce.of(event(r))).isEqualTo(r.nonce());
        assertThat(StartNonce.of(event(r))).as("a second send").isEqualTo(r.nonce());
        assertThat(ExecutionRequest.builder("ws", "wf").build().nonce()).isNotEqualTo(r.nonce());
    }

    @Test
    void theUsersEventIsKeptAndItsJenkinsObjectMergedWithTheNonceOurs() {
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf")
                .eventJson("{\"alert\":7,\"jenkins\":{\"job\":\"mine\",\"nonce\":\"forged\"}}")
                .build()
                .withJenkinsContext(Map.of("job", "folder/app", "build", "42"));
        JsonObject event = event(r);
        assertThat(event.get("alert").getAsInt()).isEqualTo(7);
        JsonObject jenkins = event.getAsJsonObject(StartNonce.EVENT_MEMBER);
        assertThat(jenkins.get("job").getAsString())
                .as("the user's member wins")
                .isEqualTo("mine");
        assertThat(jenkins.get("build").getAsString()).isEqualTo("42");
        assertThat(jenkins.get(StartNonce.NONCE_MEMBER).getAsString()).isEqualTo(r.nonce());
    }

    @Test
    void aJenkinsMemberThatIsNoObjectIsRefusedBeforeSending() {
        ExecutionRequest.Builder b = ExecutionRequest.builder("ws", "wf").eventJson("{\"jenkins\":\"x\"}");
        assertThatThrownBy(b::build)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event:")
                .hasMessageContaining("'jenkins' must be a JSON object");
    }

    @Test
    void theContextCannotSetTheNonce() {
        ExecutionRequest r = ExecutionRequest.builder("ws", "wf").build();
        assertThatThrownBy(() -> r.withJenkinsContext(Map.of("nonce", "mine")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("event.jenkins");
    }
}
