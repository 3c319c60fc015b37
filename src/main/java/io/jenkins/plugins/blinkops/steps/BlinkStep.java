package io.jenkins.plugins.blinkops.steps;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every Blink Pipeline step says about where Blink is: the connection, the key to use instead
 * of the connection's, and the workspace. Each blank means the connection's own.
 */
@Restricted(NoExternalUse.class)
public abstract class BlinkStep extends Step {
    private String connection;
    private String credentialsId;
    private String workspaceId;

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
