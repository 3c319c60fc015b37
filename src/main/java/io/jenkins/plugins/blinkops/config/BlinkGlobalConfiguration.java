package io.jenkins.plugins.blinkops.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.XmlFile;
import hudson.util.XStream2;
import io.jenkins.plugins.blinkops.core.http.ConnectionSettings;
import io.jenkins.plugins.blinkops.core.target.InvalidInputException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** The Blink connections jobs can use (Manage Jenkins › System › Blink Ops; {@code unclassified: blink:} in JCasC). */
@Extension
@Symbol("blink")
@Restricted(NoExternalUse.class)
public class BlinkGlobalConfiguration extends GlobalConfiguration {
    /** Replaced whole, never changed in place: builds read it while an administrator saves. */
    private volatile List<BlinkConnection> connections = new ArrayList<>();

    public BlinkGlobalConfiguration() {
        load();
    }

    /**
     * Reads and writes this configuration as the XStream of a plain {@code XmlFile} does, and also
     * reads what was written before the classes moved into this package, under their flat names.
     */
    private static final XStream2 XSTREAM = new XStream2();

    static {
        XSTREAM.addCompatibilityAlias(
                "io.jenkins.plugins.blinkops.BlinkGlobalConfiguration", BlinkGlobalConfiguration.class);
        XSTREAM.addCompatibilityAlias("io.jenkins.plugins.blinkops.BlinkConnection", BlinkConnection.class);
    }

    /** The file this configuration has always been saved in: named after the class before it moved. */
    @Override
    protected XmlFile getConfigFile() {
        return new XmlFile(
                XSTREAM,
                new File(Jenkins.get().getRootDir(), "io.jenkins.plugins.blinkops.BlinkGlobalConfiguration.xml"));
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

    /**
     * The engine's settings of every connection, for builds and for forms: a shared transport with
     * other settings belongs to a connection changed or removed since.
     */
    public List<ConnectionSettings> settingsInUse() {
        List<ConnectionSettings> inUse = new ArrayList<>();
        for (BlinkConnection connection : connections) {
            try {
                ConnectionSettings settings = connection.toSettings();
                inUse.add(settings);
                inUse.add(settings.forFormCall());
            } catch (InvalidInputException e) {
                // a connection that cannot be used has no transport to keep
            }
        }
        return inUse;
    }

    /** The connection of that name; a blank name means the first connection. */
    public Optional<BlinkConnection> connection(String name) {
        String wanted = Util.fixEmptyAndTrim(name);
        return connections.stream()
                .filter(c -> wanted == null || wanted.equals(c.getName()))
                .findFirst();
    }
}
