package io.jenkins.plugins.blinkops.core.fake;

/**
 * What {@code execute?run_sync=true&timeout=N} answers when the run outlives N seconds. Blink's
 * reference says only that the request "blocks until the workflow completes or times out"; these
 * are the plausible answers, and the engine is tested against each.
 */
public enum SyncTimeoutAnswer {
    /** 408 with Blink's error body: Blink itself gave up waiting. */
    STATUS_408,
    /** 504 with a gateway's text: a load balancer in front of Blink gave up first. */
    GATEWAY_504
}
