package io.jenkins.plugins.blinkops.call;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.util.ComboBoxModel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.config.ApiKeyCredentials;
import io.jenkins.plugins.blinkops.config.BlinkConnection;
import io.jenkins.plugins.blinkops.config.BlinkGlobalConfiguration;
import io.jenkins.plugins.blinkops.config.BlinkSession;
import io.jenkins.plugins.blinkops.core.json.JsonValues;
import io.jenkins.plugins.blinkops.core.model.WorkflowSummary;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.freestyle.BlinkExecuteBuilder;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The form logic of the workflow call fields, shared by the descriptors of the build step, the
 * Pipeline step and the post-build action, which delegate to it. Every method first checks that the
 * user may configure the job ({@code item}; Jenkins itself when {@code null}): a user who may not
 * learns nothing, and no credential is used on their behalf.
 */
@Restricted(NoExternalUse.class)
public final class WorkflowCallForms {
    private static final Logger LOGGER = Logger.getLogger(WorkflowCallForms.class.getName());

    /**
     * Fields whose help is written once, beside {@link BlinkExecuteBuilder}, and shown by the other
     * two descriptors through a help redirect: the same words in the same place for the same field.
     */
    public static final List<String> SHARED_HELP = List.of(
            "connection",
            "credentialsId",
            "workspaceId",
            "workflowId",
            "passBuildParameters",
            "runner",
            "triggerType",
            "waitMode",
            "timeoutMinutes",
            "cancelOnAbort",
            "printOutputs",
            "strictReferences");

    private WorkflowCallForms() {}

    static boolean canConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static ListBoxModel fillConnectionItems(Item item, String current) {
        ListBoxModel model = new ListBoxModel();
        String selected = Util.fixEmptyAndTrim(current);
        if (!canConfigure(item)) {
            model.add(selected == null ? "" : selected);
            return model;
        }
        List<BlinkConnection> connections = BlinkGlobalConfiguration.get().getConnections();
        model.add(
                connections.isEmpty()
                        ? Messages.Forms_NoConnection()
                        : Messages.Forms_FirstConnection(connections.get(0).getName()),
                "");
        connections.forEach(c -> model.add(c.getName()));
        if (selected != null && connections.stream().noneMatch(c -> selected.equals(c.getName()))) {
            // a connection that is gone stays selected, so that saving the form does not silently change it
            model.add(selected);
        }
        return model;
    }

    static FormValidation checkConnection(Item item, String value) {
        if (!canConfigure(item)) {
            return FormValidation.ok();
        }
        try {
            BlinkSession.find(value);
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static ListBoxModel fillCredentialsIdItems(Item item, String connection, String current) {
        if (!canConfigure(item)) {
            return ApiKeyCredentials.currentOnly(current);
        }
        return ApiKeyCredentials.stepChoices(item, hostUrl(connection), current);
    }

    static FormValidation checkCredentialsId(Item item, String connection, String value) {
        if (!canConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        return ApiKeyCredentials.ofStepForItem(item, value.strip(), hostUrl(connection)) == null
                ? FormValidation.error(ApiKeyCredentials.whyNotFoundForStep(item, value.strip(), hostUrl(connection)))
                : FormValidation.ok();
    }

    static FormValidation checkWorkspaceId(Item item, String connection, String value) {
        if (!canConfigure(item) || Util.fixEmptyAndTrim(value) != null) {
            return FormValidation.ok();
        }
        Optional<BlinkConnection> chosen = BlinkGlobalConfiguration.get().connection(connection);
        return chosen.isPresent() && chosen.get().getDefaultWorkspaceId() == null
                ? FormValidation.error(
                        Messages.Forms_WorkspaceRequired(chosen.get().getName()))
                : FormValidation.ok();
    }

    /** The workflows of the workspace, when the connection works; typing an id is always possible. */
    static ComboBoxModel fillWorkflowIdItems(Item item, String connection, String credentialsId, String workspaceId) {
        ComboBoxModel model = new ComboBoxModel();
        if (!canConfigure(item)) {
            return model;
        }
        try {
            BlinkSession session = BlinkSession.forItem(item, connection, credentialsId);
            String workspace = workspace(session, workspaceId);
            if (workspace != null) {
                session.client().listWorkflows(workspace).forEach(w -> model.add(w.id()));
            }
        } catch (AbortException | BlinkApiException | InvalidInputException e) {
            LOGGER.log(Level.FINE, "Cannot list the Blink workflows for the form", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return model;
    }

    /** Names the workflow when Blink lists it; only warns otherwise, since the key may not be allowed to list. */
    static FormValidation checkWorkflowId(
            Item item, String connection, String credentialsId, String workspaceId, String value) {
        if (!canConfigure(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.error(Messages.Forms_WorkflowIdRequired());
        }
        if (id.contains("${")) {
            return FormValidation.ok();
        }
        try {
            BlinkSession session = BlinkSession.forItem(item, connection, credentialsId);
            String workspace = workspace(session, workspaceId);
            if (workspace == null) {
                return FormValidation.ok();
            }
            Optional<WorkflowSummary> found = session.client().listWorkflows(workspace).stream()
                    .filter(w -> id.equals(w.id()))
                    .findFirst();
            if (found.isEmpty()) {
                return FormValidation.warning(Messages.Forms_WorkflowNotListed(id, workspace));
            }
            return found.get().active()
                    ? FormValidation.ok(Messages.Forms_WorkflowFound(found.get().name()))
                    : FormValidation.warning(
                            Messages.Forms_WorkflowInactive(found.get().name()));
        } catch (AbortException | BlinkApiException | InvalidInputException e) {
            return FormValidation.warning(Messages.Forms_WorkflowUnverified(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.ok();
        }
    }

    /** Only that there is one: an execution started elsewhere is not listed anywhere to check it against. */
    static FormValidation checkExecutionId(Item item, String value) {
        if (!canConfigure(item) || Util.fixEmptyAndTrim(value) != null) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.Forms_ExecutionIdRequired());
    }

    public static FormValidation checkTimeoutMinutes(Item item, String value) {
        return canConfigure(item) ? FormValidation.validatePositiveInteger(value) : FormValidation.ok();
    }

    /** Text that must hold a JSON object: the event of every step, the inputs of the Pipeline step. */
    public static FormValidation checkJsonObject(Item item, String field, String value) {
        if (!canConfigure(item) || Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            JsonValues.parseObject(value, field);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The workspace a form names, or the connection's default; {@code null} when unknown until the build runs. */
    private static String workspace(BlinkSession session, String workspaceId) {
        String typed = Util.fixEmptyAndTrim(workspaceId);
        String workspace = typed == null ? session.connection().getDefaultWorkspaceId() : typed;
        return workspace == null || workspace.contains("${") ? null : workspace;
    }

    private static String hostUrl(String connection) {
        return BlinkGlobalConfiguration.get()
                .connection(connection)
                .map(BlinkConnection::getHostUrl)
                .orElse(null);
    }
}
