package io.jenkins.plugins.blinkops.call;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.callback.BlinkCallbackAction;
import io.jenkins.plugins.blinkops.config.BlinkSession;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import io.jenkins.plugins.blinkops.core.callback.CallbackToken;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRequest;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WaitMode;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A workflow call ready to send, made the same way for every kind of step: the connection and key
 * resolved for the build, the request built from the settings and the build's variables, and all of
 * it checked before anything reaches Blink.
 *
 * @param callback the token Blink is to call back with, or {@code null} when the wait only polls
 */
@Restricted(NoExternalUse.class)
public record PreparedCall(BlinkClient client, ExecutionRequest request, RunOptions options, CallbackToken callback) {

    /**
     * @param variables what the call's {@code ${NAME}} references may stand for, and the build parameters
     * @throws AbortException saying what is missing or wrong: nothing has been sent
     */
    public static PreparedCall prepare(
            Run<?, ?> run,
            BuildVariables variables,
            BuildLog log,
            WorkflowCallConfig config,
            Object inputs,
            Object event)
            throws AbortException {
        BlinkSession session = BlinkSession.forRun(run, config.getConnection(), config.getCredentialsId());
        try {
            ExecutionRequest request = config.toSpec(inputs, event)
                    .toRequest(
                            session.connection().getDefaultWorkspaceId(),
                            variables.references(),
                            variables.parameters(),
                            log);
            RunOptions options = config.toRunSettings().toRunOptions();
            // only a followed run waits for an end that a callback could announce
            String callbackBase =
                    options.waitMode() == WaitMode.FOLLOW ? session.connection().callbackBase(log) : null;
            CallbackToken callback = callbackBase == null ? null : CallbackToken.generate();
            if (callback != null) {
                request = request.withCallback(callbackBase, callback);
            }
            request = request.withJenkinsContext(JenkinsContext.of(run));
            return new PreparedCall(session.client(), request, options, callback);
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.PreparedCall_InvalidInput(e.getMessage()));
        }
    }

    /**
     * Lets Blink's callback for this run call {@code wake} until the registration is closed; a
     * registration that does nothing when the run was not given a callback.
     */
    public CallbackRegistry.Registration listen(Runnable wake) {
        return callback == null ? () -> {} : BlinkCallbackAction.listen(callback.hash(), wake);
    }

    public WorkflowRunner runner(BuildLog log) {
        return new WorkflowRunner(client, options, log);
    }
}
