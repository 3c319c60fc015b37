/**
 * The Blink API for one key: what a start sends (workspace, workflow, inputs with their {@code ${NAME}} references resolved, event, runner, trigger), and one method a documented call (start, read, steps, cancel, list, check).
 */
package io.jenkins.plugins.blinkops.core.client;
