/**
 * What a finished run returns, as a build shows it: the output of the step that finished last, the outputs as a bounded table for the build page, and as {@code BLINK_OUTPUT_*} variables with their naming and size rules.
 */
package io.jenkins.plugins.blinkops.core.outputs;
