package io.jenkins.plugins.blinkops.core.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FakeBlinkMainTest {

    @Test
    void theDefaultsAndEveryOption() throws Exception {
        assertThat(FakeBlinkOptions.parse())
                .isEqualTo(new FakeBlinkOptions(false, 8090, "test-api-key", 5, null, false));
        assertThat(FakeBlinkOptions.parse(
                        "--port",
                        "0",
                        "--api-key",
                        "k",
                        "--workflow-seconds",
                        "0",
                        "--fail-workflow",
                        "wf",
                        "--strict"))
                .isEqualTo(new FakeBlinkOptions(false, 0, "k", 0, "wf", true));
        assertThat(FakeBlinkOptions.parse("--help").help()).isTrue();
        assertThat(FakeBlinkOptions.USAGE)
                .contains("--port")
                .contains("--strict")
                .contains("--help");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port|70000|--port must be a port from 0 to 65535, was '70000'",
                "--port|-1|--port must be a port from 0 to 65535, was '-1'",
                "--port|eighty|--port must be a port from 0 to 65535, was 'eighty'",
                "--workflow-seconds|-5|--workflow-seconds must be 0 or more seconds, was '-5'",
                "--api-key|' '|--api-key must not be blank",
            })
    void aBadValueNamesItsOption(String option, String value, String message) {
        assertThatThrownBy(() -> FakeBlinkOptions.parse(option, value)).hasMessage(message);
    }

    @Test
    void aMissingValueOrAnUnknownOptionIsNamed() {
        assertThatThrownBy(() -> FakeBlinkOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> FakeBlinkOptions.parse("--prot", "1")).hasMessage("unknown option --prot");
    }

    @Test
    void aPortInUseIsNamedWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            FakeBlinkOptions options = FakeBlinkOptions.parse("--port", String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(() -> FakeBlinkMain.start(options))
                    .isInstanceOf(FakeBlinkOptions.UsageError.class)
                    .hasMessageStartingWith("--port " + taken.getLocalPort() + ": cannot listen on 127.0.0.1:")
                    .hasMessageEndingWith("choose another port");
        }
    }

    @Test
    void theDemoHasNamedWorkspacesAndWorkflowsAndStrictModeAnswers404() throws Exception {
        try (FakeBlinkServer server = FakeBlinkMain.start(FakeBlinkOptions.parse("--port", "0", "--strict"))) {
            assertThat(server.visibleWorkspaces())
                    .extracting(FakeWorkspace::name)
                    .containsExactly("IT operations", "Security");
            assertThat(server.findWorkflow(server.findWorkspace("ws-security"), "wf-contain-host"))
                    .isNotNull();
            assertThat(server.findWorkflow(server.findWorkspace("ws-security"), "no-such-workflow"))
                    .isNull();
            assertThat(server.findWorkspace("no-such-workspace")).isNull();

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            FakeBlinkMain.printHelp(
                    new PrintStream(printed, true, StandardCharsets.UTF_8), server, FakeBlinkOptions.parse("--strict"));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("ws-security / wf-contain-host (Contain host)")
                    .contains("404, as Blink answers");
        }
    }

    @Test
    void withoutStrictAnyIdExists() throws Exception {
        try (FakeBlinkServer server =
                FakeBlinkMain.start(FakeBlinkOptions.parse("--port", "0", "--fail-workflow", "x"))) {
            FakeWorkflow created = server.findWorkflow(server.findWorkspace("ws-new"), "x");
            assertThat(created).isNotNull();
            assertThat(created.behaviour().terminalState()).isEqualTo("Failed");
        }
    }
}
