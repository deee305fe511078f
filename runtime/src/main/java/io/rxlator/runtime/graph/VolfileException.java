package io.rxlator.runtime.graph;

import java.util.List;

/**
 * A volfile or graph that cannot be used, with every problem found (not just the first),
 * warnings included.
 */
public final class VolfileException extends Exception {

    private final List<Problem> problems;

    public VolfileException(List<Problem> problems) {
        super(render(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, errors and warnings, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** The errors only. */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    private static String render(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        StringBuilder sb = new StringBuilder();
        sb.append(errors).append(errors == 1 ? " error" : " errors");
        long warnings = problems.size() - errors;
        if (warnings > 0) {
            sb.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        sb.append(':');
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
