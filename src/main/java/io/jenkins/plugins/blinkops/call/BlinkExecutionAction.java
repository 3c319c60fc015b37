package io.jenkins.plugins.blinkops.call;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import hudson.EnvVars;
import hudson.model.BuildBadgeAction;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.core.model.ExecutionState;
import io.jenkins.plugins.blinkops.core.outputs.OutputTable;
import io.jenkins.plugins.blinkops.core.run.ExecutionOutcome;
import io.jenkins.plugins.blinkops.core.run.RunWatcher;
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
public class BlinkExecutionAction implements RunAction2, EnvironmentContributingAction, BuildBadgeAction {
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

    /** Shows on the build's page each run the build waits for, as the wait sees it, before it ends. */
    public static RunWatcher showingOn(Run<?, ?> run) {
        return seen -> record(run, new Execution(seen));
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

    /** What the badge says: the latest run's state, and what the build waits for when it still does. */
    public String getBadgeTooltip() {
        Execution latest = getLatest();
        if (latest == null) {
            return null;
        }
        String state = latest.getState() != null
                ? latest.getState()
                : latest.isInProgress()
                        ? Messages.BlinkExecutionAction_Started()
                        : Messages.BlinkExecutionAction_NotWaited();
        String remark = latest.getRemark();
        return Messages.BlinkExecutionAction_Badge(state) + (remark == null ? "" : " " + remark);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /**
     * The variables of the latest execution the build has seen end: one still being waited for (in
     * another parallel branch) is not yet what a later step should act on.
     */
    @Override
    public void buildEnvironment(Run<?, ?> build, EnvVars env) {
        List<Execution> now = executions;
        for (int i = now.size() - 1; i >= 0; i--) {
            if (!now.get(i).inProgress) {
                env.putAll(now.get(i).environment);
                return;
            }
        }
    }

    /** The row of the execution recorded last, for the badge in the build history; {@code null} for none. */
    public Execution getLatest() {
        List<Execution> rows = getExecutions();
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
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

        /** {@code null} for builds recorded before runs had a link. */
        private final String runLink;

        /** Whether the build was still waiting for it when this row was recorded (see {@link #Execution(RunWatcher.Snapshot)}). */
        private final boolean inProgress;

        private final boolean paused;

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
            this.runLink = outcome.runLink();
            this.inProgress = false;
            this.paused = outcome.state() != null && outcome.state().isPaused();
        }

        /**
         * A run the build is still waiting for, as the wait saw it last: the page shows it (paused for
         * a person, above all) before it ends; the row of its end replaces this one.
         */
        public Execution(RunWatcher.Snapshot seen) {
            this.workflowId = seen.workflowId();
            this.executionId = seen.executionId();
            this.state = seen.state() == null ? null : seen.state().name();
            this.success = false;
            this.summary = null;
            this.link = seen.link();
            // a mutable map: Jenkins refuses to write the JDK's immutable ones into build.xml
            this.environment = new LinkedHashMap<>();
            this.outputs = null;
            this.outputsCut = false;
            this.outputsHidden = false;
            this.remark = null;
            this.durationMillis = null;
            this.timedOut = false;
            this.runLink = seen.runLink();
            this.inProgress = true;
            this.paused = seen.paused();
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
            if (inProgress) {
                return paused ? Messages.BlinkExecutionAction_Paused() : Messages.BlinkExecutionAction_Waiting();
            }
            return durationMillis == null ? summary : remark;
        }

        /** Whether the build was still waiting for the run when the row was recorded. */
        public boolean isInProgress() {
            return inProgress;
        }

        /** Blink's page of this run; {@code null} without an execution id, and for builds recorded before runs had one. */
        public String getRunLink() {
            return runLink;
        }

        /** How long the build waited, in words; {@code null} when not known. */
        public String getDuration() {
            return durationMillis == null ? null : Durations.describe(Duration.ofMillis(durationMillis));
        }

        /** Jenkins' own status symbol for the state, so the page reads like a build's and follows its theme. */
        public String getStatusSymbol() {
            if (inProgress && !paused) {
                return "symbol-status-nobuilt-anime";
            }
            if (state == null) {
                return "symbol-status-nobuilt";
            }
            ExecutionState seen = ExecutionState.of(state);
            if (seen.isPaused() || paused) {
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
