package io.jenkins.plugins.blinkops;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Pipeline step that acts on an execution by its id ({@code blinkWait}, {@code blinkCancel}): which
 * execution, and where Blink is and with which key, as {@code blinkExecute} says it.
 */
public abstract class ExecutionStep extends Step {
    private final String executionId;
    private String connection;
    private String credentialsId;
    private String workspaceId;

    protected ExecutionStep(String executionId) {
        this.executionId = Util.fixEmptyAndTrim(executionId);
    }

    public String getExecutionId() {
        return executionId;
    }

    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = Util.fixEmptyAndTrim(connection);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    @DataBoundSetter
    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = Util.fixEmptyAndTrim(workspaceId);
    }
}
