package io.jenkins.plugins.blinkops.call;

import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import io.jenkins.plugins.blinkops.core.client.References;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build's variables as the engine reads them: what {@code ${NAME}} references may stand for, and
 * the build parameters alone for "pass build parameters".
 *
 * @param references what a reference may name: the step's environment with the build parameters over
 *                   it, less every sensitive variable, which stays as written
 * @param parameters the build parameters as text; sensitive ones (passwords) are left out
 */
@Restricted(NoExternalUse.class)
public record BuildVariables(References references, Map<String, String> parameters) {

    /**
     * For freestyle builds and post-build actions, whose fields are expanded. Sensitive are the
     * password parameters and whatever the build marks so (credentials bindings of its wrappers).
     */
    public static BuildVariables of(Run<?, ?> run, EnvVars environment) {
        Set<String> sensitive = new LinkedHashSet<>();
        if (run instanceof AbstractBuild<?, ?> build) {
            sensitive.addAll(build.getSensitiveBuildVariables());
        }
        Map<String, String> parameters = parameters(run, sensitive);
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment != null) {
            variables.putAll(environment);
        }
        variables.putAll(parameters);
        variables.keySet().removeAll(sensitive);
        return new BuildVariables(References.of(variables, sensitive), parameters);
    }

    /**
     * For Pipeline steps: their arguments are taken as given, since Groovy interpolated them already;
     * a second expansion would reach variables the script never named, credentials bindings among them.
     */
    public static BuildVariables asGiven(Run<?, ?> run) {
        return new BuildVariables(References.NONE, parameters(run, new LinkedHashSet<>()));
    }

    /** The build parameters as text, less the sensitive ones, whose names go to {@code sensitive}. */
    private static Map<String, String> parameters(Run<?, ?> run, Set<String> sensitive) {
        Map<String, String> parameters = new LinkedHashMap<>();
        ParametersAction action = run.getAction(ParametersAction.class);
        if (action != null) {
            for (ParameterValue parameter : action.getParameters()) {
                if (parameter.isSensitive()) {
                    sensitive.add(parameter.getName());
                    continue;
                }
                String text = asText(run, parameter);
                if (text != null) {
                    parameters.put(parameter.getName(), text);
                }
            }
        }
        return parameters;
    }

    /** A parameter's value as the build's environment shows it, whatever its type. */
    private static String asText(Run<?, ?> run, ParameterValue parameter) {
        EnvVars single = new EnvVars();
        parameter.buildEnvironment(run, single);
        return single.get(parameter.getName());
    }
}
