/**
 * The Blink model: plain values that every other package speaks in (hosts, keys, targets, execution states, step results, outputs) and the two errors the engine raises, {@link io.jenkins.plugins.blinkops.core.model.BlinkApiException} for what Blink answered and {@link io.jenkins.plugins.blinkops.core.model.InvalidInputException} for input refused before anything is sent. It depends on no other package of the engine.
 */
package io.jenkins.plugins.blinkops.core.model;
