package io.jenkins.plugins.blinkops.config;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.blinkops.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.springframework.security.core.Authentication;

/**
 * Blink API keys are Secret text credentials, of two owners. A connection's key is the
 * administrator's: it is looked up at the root as the system, so it may (and should) have the System
 * scope, where no job can bind it with {@code withCredentials} and print it. A step's own key is the
 * job's: it is looked up in the build's context (folder credentials work), as any job credential.
 */
@Restricted(NoExternalUse.class)
public final class ApiKeyCredentials {
    /**
     * What a job may use as its own key. At the root, the credentials provider also offers
     * SYSTEM-scoped credentials, which are never given to a job: a step naming one would fail.
     */
    private static final CredentialsMatcher USABLE_BY_JOBS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private ApiKeyCredentials() {}

    /** A connection's key (the administrator's), any scope, or {@code null}. */
    public static StringCredentials ofConnection(String credentialsId, String hostUrl) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements(hostUrl)),
                CredentialsMatchers.withId(credentialsId));
    }

    /**
     * Whether a connection's key can be bound by jobs: a Global credential is handed to any job that
     * asks for it by id, so whoever may configure a job may read the key.
     */
    public static boolean jobsCanRead(StringCredentials key) {
        return key.getScope() != CredentialsScope.SYSTEM;
    }

    /** A connection's key, and records that the build used it. */
    static StringCredentials ofConnectionForRun(Run<?, ?> run, String credentialsId, String hostUrl) {
        return CredentialsProvider.track(run, ofConnection(credentialsId, hostUrl));
    }

    /** A step's own key as the build may use it, or {@code null}; records that the build used it. */
    static StringCredentials ofStepForRun(Run<?, ?> run, String credentialsId, String hostUrl) {
        StringCredentials found = CredentialsProvider.findCredentialById(
                credentialsId, StringCredentials.class, run, requirements(hostUrl));
        return CredentialsProvider.track(run, found);
    }

    /** A step's own key as {@code item} would see it when it runs, or {@code null}. */
    public static StringCredentials ofStepForItem(Item item, String credentialsId, String hostUrl) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(
                        StringCredentials.class, item, authenticationOf(item), requirements(hostUrl)),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(credentialsId), USABLE_BY_JOBS));
    }

    /**
     * Why {@link #ofStepForItem} found nothing: a SYSTEM-scoped credential of that id is named as such,
     * as it is there but is the administrator's, never a job's.
     */
    public static String whyNotFoundForStep(Item item, String credentialsId, String hostUrl) {
        StringCredentials systemOnly = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(
                        StringCredentials.class, item, authenticationOf(item), requirements(hostUrl)),
                CredentialsMatchers.allOf(
                        CredentialsMatchers.withId(credentialsId),
                        CredentialsMatchers.withScope(CredentialsScope.SYSTEM)));
        return systemOnly == null
                ? Messages.ApiKey_NotFound(credentialsId)
                : Messages.ApiKey_SystemScope(credentialsId);
    }

    /** The Secret texts a connection may hold: every one at the root, System scope included. */
    public static ListBoxModel connectionChoices(String hostUrl, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        model.includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, requirements(hostUrl));
        return model.includeCurrentValue(current == null ? "" : current);
    }

    /**
     * The Secret text credentials {@code item} may use as a step's own key, with an empty choice and
     * the current value kept even if it has gone.
     */
    public static ListBoxModel stepChoices(Item item, String hostUrl, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(
                    ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, requirements(hostUrl), USABLE_BY_JOBS);
        } else {
            model.includeMatchingAs(
                    authenticationOf(item), item, StringCredentials.class, requirements(hostUrl), USABLE_BY_JOBS);
        }
        return model.includeCurrentValue(current == null ? "" : current);
    }

    /** For a user who may not see the choices: only the value already there, so that saving keeps it. */
    public static ListBoxModel currentOnly(String current) {
        return new StandardListBoxModel().includeCurrentValue(current == null ? "" : current);
    }

    /** The identity a job's build runs as; the system's for anything that is not a job. */
    private static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    private static List<DomainRequirement> requirements(String hostUrl) {
        return URIRequirementBuilder.fromUri(hostUrl).build();
    }
}
