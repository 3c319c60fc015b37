package io.jenkins.plugins.blinkops.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.blinkops.call.BlinkExecutionAction;
import io.jenkins.plugins.blinkops.call.BuildVariables;
import io.jenkins.plugins.blinkops.call.PreparedCall;
import io.jenkins.plugins.blinkops.call.WorkflowCallConfig;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import io.jenkins.plugins.blinkops.core.callback.Wakeup;
import io.jenkins.plugins.blinkops.core.outputs.OutputVariables;
import io.jenkins.plugins.blinkops.core.run.BuildVerdict;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.util.Map;

/**
 * A workflow call made in the build's own thread, as freestyle build steps and post-build actions
 * make it: aborting the build interrupts the thread, and the engine then cancels the run in Blink.
 */
final class BuildStepCall {
    private BuildStepCall() {}

    /**
     * Starts the workflow, waits as configured, and records the outcome on the build with the
     * outputs as {@code BLINK_OUTPUT_*} variables for the later steps.
     *
     * @throws AbortException when the call could not be made or Blink refused it
     */
    static ExecutionOutcome execute(
            Run<?, ?> run,
            EnvVars environment,
            TaskListener listener,
            WorkflowCallConfig config,
            Map<String, ?> inputs,
            Object event)
            throws AbortException, InterruptedException {
        BuildLog log = new BuildLog(listener.getLogger());
        PreparedCall call = PreparedCall.prepare(run, BuildVariables.of(run, environment), log, config, inputs, event);
        Wakeup wakeup = new Wakeup();
        try (CallbackRegistry.Registration listening = call.listen(wakeup::ring)) {
            ExecutionOutcome outcome = call.runner(log).run(call.request(), wakeup);
            // a freestyle build's later steps read outputs only from their environment
            OutputVariables variables = OutputVariables.of(outcome.outputs().values());
            if (variables.leftOutLine() != null) {
                log.info(variables.leftOutLine());
            }
            BlinkExecutionAction.record(
                    run, new BlinkExecutionAction.Execution(outcome, config.isPrintOutputs(), variables.variables()));
            return outcome;
        } catch (BlinkApiException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Does to the build what the verdict says; a failure ends the step with {@code message}. */
    static void apply(Run<?, ?> run, BuildVerdict verdict, String message) throws AbortException {
        switch (verdict) {
            case FAILURE -> throw new AbortException(message);
            case UNSTABLE -> run.setResult(Result.UNSTABLE);
            case SUCCESS -> {
                // the build's result stays as it is
            }
        }
    }
}
