package io.jenkins.plugins.blinkops.config;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.blinkops.Messages;
import io.jenkins.plugins.blinkops.callback.BlinkCallbackAction;
import io.jenkins.plugins.blinkops.core.client.BlinkClient;
import io.jenkins.plugins.blinkops.core.http.BlinkTransport;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.model.ConnectionCheck;
import io.jenkins.plugins.blinkops.core.target.ApiKey;
import io.jenkins.plugins.blinkops.core.target.BlinkApiException;
import io.jenkins.plugins.blinkops.core.target.BlinkHost;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import io.jenkins.plugins.blinkops.core.text.BuildLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Blink host and the API key to use there, named so that jobs can refer to it. Only
 * administrators configure these, so the host a build's API key is sent to is never chosen in a job.
 */
@Restricted(NoExternalUse.class)
public class BlinkConnection implements Describable<BlinkConnection> {
    private final String name;
    private String hostUrl = BlinkHost.DEFAULT_URL;
    private String credentialsId;
    private String defaultWorkspaceId;
    private int connectTimeoutSeconds = seconds(ConnectionSettings.DEFAULT_CONNECT_TIMEOUT);
    private int responseTimeoutSeconds = seconds(ConnectionSettings.DEFAULT_RESPONSE_TIMEOUT);
    private int callTimeoutSeconds = seconds(ConnectionSettings.DEFAULT_CALL_TIMEOUT);
    private int maxConcurrentRequests = ConnectionSettings.DEFAULT_MAX_CONCURRENT_REQUESTS;
    private boolean callbackEnabled;
    private String callbackUrl;

    @DataBoundConstructor
    public BlinkConnection(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    public String getHostUrl() {
        return hostUrl;
    }

    @DataBoundSetter
    public void setHostUrl(String hostUrl) {
        this.hostUrl = Util.fixEmptyAndTrim(hostUrl) == null ? BlinkHost.DEFAULT_URL : hostUrl.strip();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getDefaultWorkspaceId() {
        return defaultWorkspaceId;
    }

    @DataBoundSetter
    public void setDefaultWorkspaceId(String defaultWorkspaceId) {
        this.defaultWorkspaceId = Util.fixEmptyAndTrim(defaultWorkspaceId);
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public int getResponseTimeoutSeconds() {
        return responseTimeoutSeconds;
    }

    @DataBoundSetter
    public void setResponseTimeoutSeconds(int responseTimeoutSeconds) {
        this.responseTimeoutSeconds = responseTimeoutSeconds;
    }

    public int getCallTimeoutSeconds() {
        return callTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCallTimeoutSeconds(int callTimeoutSeconds) {
        this.callTimeoutSeconds = callTimeoutSeconds;
    }

    public int getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    @DataBoundSetter
    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    /** "Blink can reach this Jenkins": followed runs ask Blink to call back when they end. */
    public boolean isCallbackEnabled() {
        return callbackEnabled;
    }

    @DataBoundSetter
    public void setCallbackEnabled(boolean callbackEnabled) {
        this.callbackEnabled = callbackEnabled;
    }

    /** Jenkins' URL as Blink reaches it, when that is not Jenkins' own URL; blank: Jenkins' own. */
    public String getCallbackUrl() {
        return callbackUrl;
    }

    @DataBoundSetter
    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = Util.fixEmptyAndTrim(callbackUrl);
    }

    /**
     * Where Blink is to call back, up to the token: {@code <Jenkins URL>/blink-callback/}; or
     * {@code null} when callbacks are off, or on but Jenkins has no URL to give (the log says so).
     */
    public String callbackBase(BuildLog log) {
        if (!callbackEnabled) {
            return null;
        }
        String root = callbackUrl != null ? callbackUrl : Jenkins.get().getRootUrl();
        if (root == null) {
            log.warn(Messages.BlinkConnection_CallbackWithoutUrl(name));
            return null;
        }
        return (root.endsWith("/") ? root : root + "/") + BlinkCallbackAction.URL_NAME + "/";
    }

    /**
     * The engine's settings for this connection, through Jenkins' proxy.
     *
     * @throws InvalidInputException when the host URL or a number is not valid
     */
    ConnectionSettings toSettings() {
        return ConnectionSettings.of(BlinkHost.parse(hostUrl))
                .withTimeouts(
                        Duration.ofSeconds(connectTimeoutSeconds),
                        Duration.ofSeconds(responseTimeoutSeconds),
                        Duration.ofSeconds(callTimeoutSeconds))
                .withMaxConcurrentRequests(maxConcurrentRequests)
                .withProxy(JenkinsProxy.current())
                .withUserAgent(PluginVersion.userAgent());
    }

    /**
     * A client that calls Blink with the key held by {@code apiKey}, over this connection's shared pool.
     *
     * @throws InvalidInputException when the settings are not valid or the secret is empty
     */
    BlinkClient client(StringCredentials apiKey) {
        return new BlinkClient(BlinkTransport.forSettings(toSettings()), keyOf(apiKey));
    }

    /**
     * For a form (the workflow list, a check): no retry and {@link ConnectionSettings#FORM_CALL_TIMEOUT}
     * at most, so that no page waits for a build's patience.
     */
    BlinkClient formClient(StringCredentials apiKey) {
        return new BlinkClient(BlinkTransport.forSettings(toSettings().forFormCall()), keyOf(apiKey));
    }

    /**
     * Checks the key and the workspace over a connection of its own, closed afterwards: the form's
     * values may never be saved, and a shared pool for each of them would stay until shutdown.
     */
    ConnectionCheck check(StringCredentials apiKey, String workspaceId) throws BlinkApiException, InterruptedException {
        try (BlinkTransport transport = BlinkTransport.open(toSettings().forFormCall())) {
            return new BlinkClient(transport, keyOf(apiKey)).checkConnection(workspaceId);
        }
    }

    /** The key leaves its {@code Secret} only here, at the moment a call needs it. */
    private static ApiKey keyOf(StringCredentials apiKey) {
        return ApiKey.of(apiKey.getSecret().getPlainText());
    }

    private static int seconds(Duration d) {
        return (int) d.toSeconds();
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<BlinkConnection> {

        @Override
        public String getDisplayName() {
            return Messages.BlinkConnection_DisplayName();
        }

        /** A connection as new, whose values the form shows as defaults. */
        public BlinkConnection getDefaults() {
            return new BlinkConnection(null);
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            if (!isAdmin()) {
                return FormValidation.ok();
            }
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.BlinkConnection_NameRequired())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckHostUrl(@QueryParameter String value) {
            if (!isAdmin()) {
                return FormValidation.ok();
            }
            try {
                return BlinkHost.parse(value).sendsKeyInClear()
                        ? FormValidation.warning(Messages.BlinkConnection_KeyInClear())
                        : FormValidation.ok();
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String hostUrl) {
            if (!isAdmin()) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error(Messages.BlinkConnection_CredentialsRequired());
            }
            StringCredentials key = ApiKeyCredentials.ofConnection(value.strip(), hostUrl);
            if (key == null) {
                return FormValidation.error(Messages.ApiKey_NotFound(value.strip()));
            }
            return ApiKeyCredentials.jobsCanRead(key)
                    ? FormValidation.warning(Messages.BlinkConnection_KeyReadableByJobs(value.strip()))
                    : FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @QueryParameter String hostUrl, @QueryParameter String credentialsId) {
            if (!isAdmin()) {
                return ApiKeyCredentials.currentOnly(credentialsId);
            }
            return ApiKeyCredentials.connectionChoices(hostUrl, credentialsId);
        }

        @POST
        public FormValidation doCheckCallbackUrl(
                @QueryParameter String value, @QueryParameter boolean callbackEnabled) {
            if (!isAdmin()) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(value) == null) {
                return callbackEnabled && Jenkins.get().getRootUrl() == null
                        ? FormValidation.warning(Messages.BlinkConnection_CallbackNoJenkinsUrl())
                        : FormValidation.ok();
            }
            String url = value.strip();
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    return FormValidation.error(Messages.BlinkConnection_CallbackUrlInvalid(url));
                }
            } catch (URISyntaxException e) {
                return FormValidation.error(Messages.BlinkConnection_CallbackUrlInvalid(url));
            }
            return url.startsWith("http://")
                    ? FormValidation.warning(Messages.BlinkConnection_CallbackUrlInClear())
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            return positiveNumber(value);
        }

        @POST
        public FormValidation doCheckResponseTimeoutSeconds(@QueryParameter String value) {
            return positiveNumber(value);
        }

        @POST
        public FormValidation doCheckCallTimeoutSeconds(@QueryParameter String value) {
            return positiveNumber(value);
        }

        @POST
        public FormValidation doCheckMaxConcurrentRequests(@QueryParameter String value) {
            return positiveNumber(value);
        }

        /** Really calls Blink with the values in the form, saved or not, and says what it found. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String hostUrl,
                @QueryParameter String credentialsId,
                @QueryParameter String defaultWorkspaceId,
                @QueryParameter String connectTimeoutSeconds,
                @QueryParameter String responseTimeoutSeconds,
                @QueryParameter String callTimeoutSeconds,
                @QueryParameter String maxConcurrentRequests) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            BlinkConnection connection = new BlinkConnection(Messages.BlinkConnection_DisplayName());
            connection.setHostUrl(hostUrl);
            connection.setConnectTimeoutSeconds(number(connectTimeoutSeconds, connection.connectTimeoutSeconds));
            connection.setResponseTimeoutSeconds(number(responseTimeoutSeconds, connection.responseTimeoutSeconds));
            connection.setCallTimeoutSeconds(number(callTimeoutSeconds, connection.callTimeoutSeconds));
            connection.setMaxConcurrentRequests(number(maxConcurrentRequests, connection.maxConcurrentRequests));
            if (Util.fixEmptyAndTrim(credentialsId) == null) {
                return FormValidation.error(Messages.BlinkConnection_CredentialsRequired());
            }
            StringCredentials apiKey = ApiKeyCredentials.ofConnection(credentialsId.strip(), hostUrl);
            if (apiKey == null) {
                return FormValidation.error(Messages.ApiKey_NotFound(credentialsId.strip()));
            }
            try {
                return FormValidation.ok(TestConnectionMessage.of(connection.check(apiKey, defaultWorkspaceId)));
            } catch (InvalidInputException | BlinkApiException e) {
                return FormValidation.error(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error(Messages.BlinkConnection_TestInterrupted());
            }
        }

        private static boolean isAdmin() {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }

        /** A number typed in the form; what is not one is left at {@code fallback}, which its own check reports. */
        private static int number(String value, int fallback) {
            try {
                return Integer.parseInt(Util.fixNull(value).strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static FormValidation positiveNumber(String value) {
            if (!isAdmin()) {
                return FormValidation.ok();
            }
            return FormValidation.validatePositiveInteger(value);
        }
    }
}
