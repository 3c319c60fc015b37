package io.jenkins.plugins.blinkops;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** The Blink connections jobs can use (Manage Jenkins › System › Blink Ops; {@code unclassified: blink:} in JCasC). */
@Extension
@Symbol("blink")
public class BlinkGlobalConfiguration extends GlobalConfiguration {
    /** Replaced whole, never changed in place: builds read it while an administrator saves. */
    private volatile List<BlinkConnection> connections = new ArrayList<>();

    public BlinkGlobalConfiguration() {
        load();
    }

    public static BlinkGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(BlinkGlobalConfiguration.class);
    }

    public List<BlinkConnection> getConnections() {
        return List.copyOf(connections);
    }

    @DataBoundSetter
    public void setConnections(List<BlinkConnection> connections) {
        this.connections = connections == null ? new ArrayList<>() : new ArrayList<>(connections);
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // a form without connections sends no "connections" at all: without this the last one could not be removed
        connections = new ArrayList<>();
        boolean done = super.configure(req, json);
        save();
        return done;
    }

    /** The connection of that name; a blank name means the first connection. */
    public Optional<BlinkConnection> connection(String name) {
        String wanted = Util.fixEmptyAndTrim(name);
        return connections.stream()
                .filter(c -> wanted == null || wanted.equals(c.getName()))
                .findFirst();
    }
}
