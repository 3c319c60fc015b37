/**
 * The endpoint Blink calls when a run ends, {@code /blink-callback/<token>}: unprotected by design, so it reads no body, answers an unknown token exactly as Jenkins answers a page it does not have, and only ever wakes a wait that then reads the run from Blink.
 */
package io.jenkins.plugins.blinkops.callback;
