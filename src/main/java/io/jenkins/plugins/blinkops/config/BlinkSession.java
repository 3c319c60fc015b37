package io.jenkins.plugins.blinkops.config;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.client.ExecutionRef;
import io.jenkins.plugins.blinkops.core.run.RunOptions;
import io.jenkins.plugins.blinkops.core.run.WorkflowRunner;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A Blink connection with its API key, ready to call: how builds and forms reach Blink.
 *
 * @param connection the connection chosen by name (blank: the first)
 * @param client     calls Blink with the key of the step's own credential, or else the connection's
 */
@Restricted(NoExternalUse.class)
public record BlinkSession(BlinkConnection connection, BlinkClient client) {

    /**
     * For a build, tracked: the step's own key in the build's context (folder credentials work), or
     * else the connection's, the administrator's, which the build uses without being able to bind it.
     */
    public static BlinkSession forRun(Run<?, ?> run, String connectionName, String credentialsId)
            throws AbortException {
        BlinkConnection connection = find(connectionName);
        String own = Util.fixEmptyAndTrim(credentialsId);
        if (own != null) {
            return open(connection, own, ApiKeyCredentials.ofStepForRun(run, own, connection.getHostUrl()), false);
        }
        String id = connectionKeyId(connection);
        return open(connection, id, ApiKeyCredentials.ofConnectionForRun(run, id, connection.getHostUrl()), false);
    }

    /** For a job's form: the key the job would use when it runs; {@code null} item: Jenkins itself. */
    public static BlinkSession forItem(Item item, String connectionName, String credentialsId) throws AbortException {
        BlinkConnection connection = find(connectionName);
        String own = Util.fixEmptyAndTrim(credentialsId);
        if (own != null) {
            return open(connection, own, ApiKeyCredentials.ofStepForItem(item, own, connection.getHostUrl()), true);
        }
        String id = connectionKeyId(connection);
        return open(connection, id, ApiKeyCredentials.ofConnection(id, connection.getHostUrl()), true);
    }

    /**
     * The execution a step names by its id, in the step's workspace or else the connection's default.
     *
     * @throws io.jenkins.plugins.blinkops.core.target.InvalidInputException naming the field that is missing
     */
    public ExecutionRef execution(String workspaceId, String executionId) {
        return ExecutionRef.of(workspaceId, connection.getDefaultWorkspaceId(), executionId);
    }

    /**
     * Asks Blink to cancel the execution, as {@code blinkCancel} and the freestyle step do it: the
     * log says whether Blink cancelled it or it had already ended, which is not an error.
     *
     * @return whether Blink cancelled it
     * @throws io.jenkins.plugins.blinkops.core.target.InvalidInputException naming the field that is missing
     * @throws BlinkApiException when Blink does not know the execution or refuses the key
     */
    public boolean cancel(String workspaceId, String executionId, BuildLog log)
            throws BlinkApiException, InterruptedException {
        return new WorkflowRunner(client, RunOptions.DEFAULT, log).cancel(execution(workspaceId, executionId));
    }

    /** The connection of that name (blank: the first), or a message saying what to configure. */
    public static BlinkConnection find(String connectionName) throws AbortException {
        BlinkGlobalConfiguration config = BlinkGlobalConfiguration.get();
        if (config.getConnections().isEmpty()) {
            throw new AbortException(Messages.BlinkSession_NoConnections());
        }
        return config.connection(connectionName)
                .orElseThrow(() -> new AbortException(Messages.BlinkSession_UnknownConnection(connectionName)));
    }

    private static String connectionKeyId(BlinkConnection connection) throws AbortException {
        String id = connection.getCredentialsId();
        if (id == null) {
            throw new AbortException(Messages.BlinkSession_NoCredentials(connection.getName()));
        }
        return id;
    }

    /** @param forForm whether the calls serve a page: no retry, and a short timeout */
    private static BlinkSession open(
            BlinkConnection connection, String credentialsId, StringCredentials apiKey, boolean forForm)
            throws AbortException {
        if (apiKey == null) {
            throw new AbortException(Messages.ApiKey_NotFound(credentialsId));
        }
        try {
            return new BlinkSession(connection, forForm ? connection.formClient(apiKey) : connection.client(apiKey));
        } catch (InvalidInputException e) {
            throw new AbortException(Messages.BlinkSession_InvalidConnection(connection.getName(), e.getMessage()));
        }
    }
}
