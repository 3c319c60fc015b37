package io.jenkins.plugins.blinkops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.core.BlinkClient;
import io.jenkins.plugins.blinkops.core.BuildLog;
import io.jenkins.plugins.blinkops.core.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.InvalidInputException;
import io.jenkins.plugins.blinkops.core.RunOptions;
import io.jenkins.plugins.blinkops.core.WorkflowRunner;

/**
 * A workflow call ready to send, made the same way for every kind of step: the connection and key
 * resolved for the build, the request built from the settings and the build's variables, and all of
 * it checked before anything reaches Blink.
 */
record PreparedCall(BlinkClient client, ExecutionRequest request, RunOptions options) {

    /** @throws AbortException saying what is missing or wrong: nothing has been sent */
    static PreparedCall prepare(
            Run<?, ?> run, EnvVars environment, BuildLog log, WorkflowCallConfig config, Object inputs, Object event)
            throws AbortException {
        BlinkSession session = BlinkSession.forRun(run, config.getConnection(), config.getCredentialsId());
        BuildVariables variables = BuildVariables.of(run, environment);
        try {
            ExecutionRequest request = config.toSpec(inputs, event)
                    .toRequest(
                            session.connection().getDefaultWorkspaceId(),
                            variables.variables(),
                            variables.parameters(),
                            log);
            return new PreparedCall(
                    session.client(), request, config.toRunSettings().toRunOptions());
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.PreparedCall_InvalidInput(e.getMessage()));
        }
    }

    WorkflowRunner runner(BuildLog log) {
        return new WorkflowRunner(client, options, log);
    }
}
