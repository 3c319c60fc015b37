package io.jenkins.plugins.blinkops.core.target;

/** What the plugin asks of Blink; each names what a 404 is about and whether a repeat is harmless. */
public enum Operation {
    CHECK_KEY("check the API key", Subject.KEY, true),
    GET_WORKSPACE("read the workspace", Subject.WORKSPACE, true),
    LIST_WORKFLOWS("list the workflows", Subject.WORKSPACE, true),
    EXECUTE("start the workflow", Subject.WORKFLOW, false),
    LIST_EXECUTIONS("list the workflow's recent runs", Subject.WORKSPACE, true),
    GET_EXECUTION("read the execution", Subject.EXECUTION, true),
    GET_STEPS("read the execution's steps", Subject.EXECUTION, true),
    // Asking twice to cancel one run cannot start anything: the second ask gets "not running".
    CANCEL("cancel the execution", Subject.EXECUTION, true);

    enum Subject {
        KEY,
        WORKSPACE,
        WORKFLOW,
        EXECUTION
    }

    public final String verb;
    final Subject subject;
    /** Whether sending it again can do no harm, so it may be retried after any transient failure. */
    public final boolean repeatable;

    Operation(String verb, Subject subject, boolean repeatable) {
        this.verb = verb;
        this.subject = subject;
        this.repeatable = repeatable;
    }
}
