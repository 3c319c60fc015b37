/**
 * The workflow call that every entry point shares: its configuration and form logic, the build's variables, the prepared call that turns a build into the engine's request, and the action that records each execution on the build and exports {@code BLINK_EXECUTION_ID}.
 */
package io.jenkins.plugins.blinkops.call;
