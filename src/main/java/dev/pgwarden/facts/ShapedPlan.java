package dev.pgwarden.facts;

/** A statement's plan shape, or none when it could not be planned; the note says how it was planned or why not. */
public interface ShapedPlan {

    /** Null when the statement could not be planned. */
    PlanShape shape();

    default boolean plannable() {
        return shape() != null;
    }

    /** The shape compared: null when not plannable. */
    default String signature() {
        return shape() == null ? null : shape().signature();
    }

    /** The plan with its estimates, one node a line, or why there is none. */
    default String planText(String note) {
        return shape() == null ? "(none: " + note + ")" : shape().text();
    }
}
