/**
 * Running and waiting for a build: the wait modes, the polling policy and the pure poll decision that a blocking loop and a timer-driven Pipeline step share, the follow state that survives a controller restart, and the outcome a build is judged on.
 */
package io.jenkins.plugins.blinkops.core.run;
