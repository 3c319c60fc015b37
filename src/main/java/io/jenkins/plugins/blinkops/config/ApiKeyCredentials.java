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
 * Blink API keys are Secret text credentials. This is where they are found: for a build, in the
 * build's context (so folder credentials work); for a form, as the job would see them when it runs.
 */
@Restricted(NoExternalUse.class)
public final class ApiKeyCredentials {
    /**
     * What a build may use. At the root, the credentials provider also offers SYSTEM-scoped
     * credentials, which are for Jenkins itself and never given to a job: a connection holding one
     * would pass its test and then fail every build.
     */
    private static final CredentialsMatcher USABLE_BY_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private ApiKeyCredentials() {}

    /** The credential as the build may use it, or {@code null}; records that the build used it. */
    static StringCredentials forRun(Run<?, ?> run, String credentialsId, String hostUrl) {
        StringCredentials found = CredentialsProvider.findCredentialById(
                credentialsId, StringCredentials.class, run, requirements(hostUrl));
        return CredentialsProvider.track(run, found);
    }

    /** The credential as {@code item} would see it when it runs, or {@code null}; {@code null} item: Jenkins itself. */
    public static StringCredentials forItem(Item item, String credentialsId, String hostUrl) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(
                        StringCredentials.class, item, authenticationOf(item), requirements(hostUrl)),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(credentialsId), USABLE_BY_BUILDS));
    }

    /**
     * Why {@link #forItem} found nothing: a SYSTEM-scoped credential of that id is named as such, as
     * it is there but can never serve a build.
     */
    static String whyNotFound(Item item, String credentialsId, String hostUrl) {
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

    /**
     * The Secret text credentials {@code item} may use (for {@code null}, the global configuration:
     * Jenkins' own that builds may use), with an empty choice and the current value kept even if it
     * has gone.
     */
    public static ListBoxModel choices(Item item, String hostUrl, String current) {
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(
                    ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, requirements(hostUrl), USABLE_BY_BUILDS);
        } else {
            model.includeMatchingAs(
                    authenticationOf(item), item, StringCredentials.class, requirements(hostUrl), USABLE_BY_BUILDS);
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
