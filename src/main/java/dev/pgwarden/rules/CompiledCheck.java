package dev.pgwarden.rules;

import java.util.Objects;
import org.kie.api.KieBase;

/** A check whose DRL compiled: its definition and the Drools knowledge base built from it. */
public record CompiledCheck(CheckDefinition definition, KieBase knowledgeBase) {

    public CompiledCheck {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(knowledgeBase, "knowledgeBase must not be null");
    }

    public String id() {
        return definition.id();
    }

    public CheckMetadata metadata() {
        return definition.metadata();
    }
}
