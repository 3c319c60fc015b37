package io.jenkins.plugins.blinkops.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.target.Operation;
import io.jenkins.plugins.blinkops.core.target.Target;
import org.junit.jupiter.api.Test;

/** The callback token, which lets Blink wake a build, shows in no toString of a request. */
class CallbackTokenRedactionTest {

    @Test
    void neitherTheRequestNorTheCallShowTheToken() {
        CallbackToken token = CallbackToken.generate();
        ExecutionRequest request = ExecutionRequest.builder("ws", "wf")
                .build()
                .withCallback("https://jenkins.example/blink-callback/", token);
        ApiCall call = ApiCall.post(
                Operation.EXECUTE,
                Target.workflow("ws", "wf"),
                "/workspace/ws/playbooks/wf/execute",
                request.toJsonBody());

        assertThat(request.toJsonBody()).as("it is sent").contains(token.value());
        assertThat(request.toString()).doesNotContain(token.value());
        assertThat(call.toString()).doesNotContain(token.value()).contains("/execute");
    }
}
