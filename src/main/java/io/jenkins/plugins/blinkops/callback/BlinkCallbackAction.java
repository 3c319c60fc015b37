package io.jenkins.plugins.blinkops.callback;

import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.UnprotectedRootAction;
import hudson.security.csrf.CrumbExclusion;
import io.jenkins.plugins.blinkops.core.callback.CallbackRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Where Blink calls back when a run ends: {@code <Jenkins URL>/blink-callback/<token>}. It needs no
 * login and no crumb, since Blink has neither, and that is why it can do one thing only: make the
 * wait that holds the token poll Blink at once. Nothing of the request is read but its path; the
 * wait then learns the end from Blink itself, with its API key, as it would by polling.
 *
 * <p>An unknown token (a guess, or a wait that has ended) is answered as Jenkins answers any path
 * that does not exist, after the same work as a known one. A known token answers 204, or 429 once
 * its knocks are used up for the minute ({@link CallbackRegistry}).
 */
@Extension
@Restricted(NoExternalUse.class)
public final class BlinkCallbackAction extends InvisibleAction implements UnprotectedRootAction {
    public static final String URL_NAME = "blink-callback";
    private static final int TOO_MANY_REQUESTS = 429;
    /** Exactly one token after the action's name: nothing deeper in Jenkins passes without a crumb. */
    private static final Pattern CALLBACK_PATH = Pattern.compile("/" + URL_NAME + "/[A-Za-z0-9_-]{1,128}");

    /** The waits Blink may wake, by the hash of their token; one for all of Jenkins. */
    private static final CallbackRegistry DOORS = new CallbackRegistry();

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Lets a request with the token of {@code tokenHash} run {@code wake}, which must only schedule work. */
    public static CallbackRegistry.Registration listen(String tokenHash, Runnable wake) {
        return DOORS.register(tokenHash, wake);
    }

    /**
     * {@code /blink-callback/<token>}, whatever the method; the request's body is never read. An
     * unknown token gets what Stapler sends for every path that leads nowhere: a bare 404.
     */
    public void doDynamic(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        String path = request.getRestOfPath();
        String token = path.startsWith("/") ? path.substring(1) : path;
        switch (DOORS.knock(token)) {
            case WOKE -> response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            case TOO_MANY -> {
                response.setHeader("Retry-After", String.valueOf(CallbackRegistry.KNOCK_AGAIN_AFTER.toSeconds()));
                response.setStatus(TOO_MANY_REQUESTS);
            }
            case UNKNOWN -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** Blink cannot fetch a crumb first: callbacks pass without one. Only a callback's own path does. */
    @Extension
    public static final class CallbacksNeedNoCrumb extends CrumbExclusion {
        @Override
        public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = request.getPathInfo();
            if (path != null && CALLBACK_PATH.matcher(path).matches()) {
                chain.doFilter(request, response);
                return true;
            }
            return false;
        }
    }
}
