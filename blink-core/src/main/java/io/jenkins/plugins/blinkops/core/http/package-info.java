/**
 * The wire: one pooled Apache HttpClient 5 per connection settings (classic for short calls, async for waits that must hold no thread), proxies, deadlines, cancellation, and the retry rules that decide which call may be sent again after which failure.
 */
package io.jenkins.plugins.blinkops.core.http;
