package io.jenkins.plugins.blinkops.call;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.outputs.OutputTable;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.text.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The Blink executions of one build, shown on its page with their outputs, and the variables of the
 * latest one ({@code BLINK_EXECUTION_ID}, ..., and in freestyle builds {@code BLINK_OUTPUT_*}) for the
 * steps and stages that come after it. Only the latest execution's variables: an output of an earlier
 * execution that the latest one does not have must not look like the latest one's.
 */
@Restricted(NoExternalUse.class)
public class BlinkExecutionAction implements RunAction2, EnvironmentContributingAction {
    private static final Logger LOGGER = Logger.getLogger(BlinkExecutionAction.class.getName());
    /** Parallel branches of one Pipeline may record at the same time; only one may create the action. */
    private static final Object RECORDING = new Object();

    /**
     * Never changed once published, only replaced: saving the build (XStream walks this list) may
     * happen on any thread while a parallel branch records, and a list changed under it fails the save.
     */
    private volatile List<Execution> executions = new ArrayList<>();

    private transient Run<?, ?> run;

    /** Adds the execution to the build's record, creating it on the first execution, and saves the build. */
    public static void record(Run<?, ?> run, Execution execution) {
        synchronized (RECORDING) {
            BlinkExecutionAction action = run.getAction(BlinkExecutionAction.class);
            if (action == null) {
                action = new BlinkExecutionAction();
                run.addAction(action);
            }
            action.add(execution);
        }
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Blink executions of " + run, e);
        }
    }

    /**
     * Adds the execution, or updates its row when the build recorded it before: a run started with
     * {@code waitMode: 'NONE'} and later waited for or cancelled is one run, shown once.
     */
    private synchronized void add(Execution execution) {
        executions = merged(executions, execution);
    }

    /**
     * One row per execution, in the order they were first recorded, each with what the build saw of
     * it last. Builds recorded before rows were merged may hold one execution twice.
     */
    public List<Execution> getExecutions() {
        List<Execution> rows = new ArrayList<>();
        for (Execution execution : executions) {
            rows = merged(rows, execution);
        }
        return List.copyOf(rows);
    }

    /** {@code rows} with {@code execution} in place of the row of the same id, or after them. */
    private static List<Execution> merged(List<Execution> rows, Execution execution) {
        List<Execution> out = new ArrayList<>(rows);
        String id = execution.executionId;
        for (int i = 0; i < out.size(); i++) {
            if (id != null && id.equals(out.get(i).executionId)) {
                out.set(i, execution);
                return out;
            }
        }
        out.add(execution);
        return out;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void buildEnvironment(Run<?, ?> build, EnvVars env) {
        List<Execution> now = executions;
        if (!now.isEmpty()) {
            env.putAll(now.get(now.size() - 1).environment);
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-play";
    }

    @Override
    public String getDisplayName() {
        return Messages.BlinkExecutionAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "blink";
    }

    /** One workflow run as the build saw it end. */
    public static final class Execution {
        private final String workflowId;
        private final String executionId;
        private final String state;
        private final boolean success;
        private final String summary;
        private final String link;
        private final Map<String, String> environment;
        /** What {@link OutputTable} keeps of the outputs, as compact JSON; {@code null} when not shown. */
        private final String outputs;

        private final boolean outputsCut;
        private final boolean outputsHidden;
        /** What the page says beside the state; {@code null} for a run that ended well. */
        private final String remark;
        /** {@code null} for builds recorded before durations were kept. */
        private final Long durationMillis;

        private final boolean timedOut;

        /**
         * @param showOutputs     whether the step prints its outputs: a user who keeps them out of the
         *                        log does not want them on the page either
         * @param outputVariables the {@code BLINK_OUTPUT_*} variables later steps see with the others
         */
        public Execution(ExecutionOutcome outcome, boolean showOutputs, Map<String, String> outputVariables) {
            this.workflowId = outcome.workflowId();
            this.executionId = outcome.executionId();
            this.state = outcome.state() == null ? null : outcome.state().name();
            this.success = outcome.success();
            this.summary = outcome.summary();
            this.link = outcome.link();
            this.environment = new LinkedHashMap<>(outcome.environment());
            this.environment.putAll(outputVariables);
            JsonObject values = outcome.outputs().values();
            OutputTable.Kept kept = OutputTable.keep(values);
            this.outputs = showOutputs && !values.isEmpty() ? kept.outputs().toString() : null;
            this.outputsCut = showOutputs && (kept.cut() || outcome.outputs().truncated());
            this.outputsHidden = !showOutputs && !values.isEmpty();
            this.remark = outcome.remark();
            this.durationMillis =
                    outcome.duration() == null ? null : outcome.duration().toMillis();
            this.timedOut = outcome.timedOut();
        }

        /** For a Pipeline step, which returns the outputs to the script instead of setting variables. */
        public Execution(ExecutionOutcome outcome, boolean showOutputs) {
            this(outcome, showOutputs, Map.of());
        }

        public String getWorkflowId() {
            return workflowId;
        }

        /** {@code null} for a synchronous run: Blink answers those without an id. */
        public String getExecutionId() {
            return executionId;
        }

        /** {@code null} when the build did not wait. */
        public String getState() {
            return state;
        }

        public boolean isSuccess() {
            return success;
        }

        public String getSummary() {
            return summary;
        }

        /** What the page says beside the id, the state and the duration; the summary for old builds. */
        public String getRemark() {
            return durationMillis == null ? summary : remark;
        }

        /** How long the build waited, in words; {@code null} when not known. */
        public String getDuration() {
            return durationMillis == null ? null : Durations.describe(Duration.ofMillis(durationMillis));
        }

        /** Jenkins' own status symbol for the state, so the page reads like a build's and follows its theme. */
        public String getStatusSymbol() {
            if (state == null) {
                return "symbol-status-nobuilt";
            }
            ExecutionState seen = ExecutionState.of(state);
            if (seen.isPaused()) {
                // a person must act in Blink, as a build waits for input
                return "symbol-status-yellow";
            }
            if (timedOut || !seen.isTerminal()) {
                return "symbol-status-aborted";
            }
            if (seen.isSuccess()) {
                return "symbol-status-blue";
            }
            return seen.name().toLowerCase(Locale.ROOT).startsWith("cancel")
                    ? "symbol-status-aborted"
                    : "symbol-status-red";
        }

        public String getLink() {
            return link;
        }

        /** Empty when there were none, when they are not shown, and for builds recorded before outputs were kept. */
        public List<OutputTable.Row> getOutputs() {
            return outputs == null
                    ? List.of()
                    : OutputTable.rows(JsonParser.parseString(outputs).getAsJsonObject());
        }

        /** Whether some outputs are missing from {@link #getOutputs()}: over the step's or the page's limit. */
        public boolean isOutputsCut() {
            return outputsCut;
        }

        /** Whether there were outputs that the step was told not to print. */
        public boolean isOutputsHidden() {
            return outputsHidden;
        }
    }
}
