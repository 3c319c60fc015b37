/**
 * What Blink says about runs, as plain values: execution states and statuses, the steps of a run and their results, outputs, a page of the executions listing, a workflow's summary and the answer to a connection check. It depends on no other package of the engine.
 */
package io.jenkins.plugins.blinkops.core.model;
