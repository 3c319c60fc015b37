/**
 * The administrator's side: the Blink connections of the global configuration (Configuration as Code included), the API key credentials they name, the proxy, and the plugin's lifecycle (the pool of background calls and the pooled HTTP clients).
 */
package io.jenkins.plugins.blinkops.config;
