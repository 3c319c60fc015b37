/**
 * Blink's wake-up: the one-time token a start carries in its callback URL (only its hash is kept), the registry that wakes the wait it belongs to, with limits against forged knocks, and the doorbell a blocking wait sleeps on.
 */
package io.jenkins.plugins.blinkops.core.callback;
