/**
 * The freestyle entry points: the build step, the post-build action and the cancel step. They wait on their executor thread, as freestyle builds do, and write the help of the shared fields that the Pipeline steps show too.
 */
package io.jenkins.plugins.blinkops.freestyle;
