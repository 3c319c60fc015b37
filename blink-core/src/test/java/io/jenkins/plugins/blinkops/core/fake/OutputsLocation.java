package io.jenkins.plugins.blinkops.core.fake;

/**
 * Where a followed run's output values can be read. Blink's reference is silent: the execution
 * record ("Get a playbook execution by its ID") has no outputs, only {@code step_results}, an
 * object of undocumented content, and Blink's own client reads each step's {@code output_data}
 * from {@code GET .../steps}. The fake offers each plausible place; the engine is tested against all.
 * In every case the workflow's outputs are the output of its last step.
 */
public enum OutputsLocation {
    /** {@code output_data} of each step in {@code GET .../steps}; the record's {@code step_results} is {@code {}}. */
    STEPS,
    /**
     * Also in the record's {@code step_results}, keyed by step id, each a step as {@code /steps}
     * lists it (so the engine needs no second call).
     */
    STEP_RESULTS,
    /**
     * In the record's {@code step_results}, keyed by step id, each {@code {"state", "output"}}: the
     * names of Blink's workflow expressions ({@code {{ steps.S1.output }}}).
     */
    STEP_RESULTS_AS_EXPRESSIONS,
    /** Nowhere: the run completes with no output at all (a workflow that returns nothing). */
    NOWHERE
}
