/**
 * Text for the build log, at the bottom of the engine: {@link io.jenkins.plugins.blinkops.core.text.BuildLog}, the one place the engine writes to a person, {@link io.jenkins.plugins.blinkops.core.text.LogText}, which makes anything that came from outside safe and short enough to print, and {@link io.jenkins.plugins.blinkops.core.text.Durations}, how a length of time reads. It depends on no other package of the engine, so that every package may log.
 */
package io.jenkins.plugins.blinkops.core.text;
