/**
 * Reading Blink's JSON answers within bounds: every reader caps the bytes it reads and the strings it keeps, quotes at most a bounded head of a body it cannot read, and turns each documented answer (start, execution record, steps, lists, error bodies) into the model.
 */
package io.jenkins.plugins.blinkops.core.json;
