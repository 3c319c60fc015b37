package io.jenkins.plugins.blinkops.call;

import hudson.model.Cause;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Who asked for a start, as Blink's audit of the run should show it: the job, the build, its page
 * and what started it, sent beside the start's nonce in {@code event.jenkins}.
 */
@Restricted(NoExternalUse.class)
public final class JenkinsContext {
    /** A cause's description can be long (an upstream chain): the audit needs its start. */
    private static final int CAUSE_LIMIT = 200;

    private JenkinsContext() {}

    public static Map<String, String> of(Run<?, ?> run) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("job", run.getParent().getFullName());
        context.put("build", String.valueOf(run.getNumber()));
        String root = Jenkins.get().getRootUrl();
        if (root != null) {
            context.put("url", root + run.getUrl());
        }
        List<Cause> causes = run.getCauses();
        if (!causes.isEmpty()) {
            Cause first = causes.get(0);
            if (first instanceof Cause.UserIdCause user && user.getUserId() != null) {
                context.put("startedBy", user.getUserId());
            } else {
                String text = first.getShortDescription();
                context.put("startedBy", text.length() <= CAUSE_LIMIT ? text : text.substring(0, CAUSE_LIMIT) + "…");
            }
        }
        return context;
    }
}
