/**
 * The Pipeline steps {@code blinkExecute}, {@code blinkWait} and {@code blinkCancel}: they hold no thread while they wait (a Jenkins timer drives the engine's poll decision), survive a controller restart, and return the execution's id, state and outputs.
 */
package io.jenkins.plugins.blinkops.steps;
