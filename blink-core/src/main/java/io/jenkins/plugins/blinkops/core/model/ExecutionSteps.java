package io.jenkins.plugins.blinkops.core.model;

import java.util.List;

/**
 * The steps of an execution as Blink reported them, and the run's outputs taken from them by the
 * rule of {@code LastStepOutput}.
 *
 * @param outputStep the step whose output the outputs are, or {@code null} when no step had one
 */
public record ExecutionSteps(List<StepResult> steps, Outputs outputs, String outputStep, int notKept) {
    public static final ExecutionSteps NONE = new ExecutionSteps(List.of(), Outputs.NONE, null);

    public ExecutionSteps {
        steps = List.copyOf(steps);
        outputs = outputs == null ? Outputs.NONE : outputs;
    }

    /** Every step read was kept. */
    public ExecutionSteps(List<StepResult> steps, Outputs outputs, String outputStep) {
        this(steps, outputs, outputStep, 0);
    }

    /** Whether some step carried an output. */
    public boolean hasOutputs() {
        return outputStep != null;
    }
}
