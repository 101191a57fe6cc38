package dev.pgwarden.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/** Compiled rule packages as bytes (Drools' own serialization), and a knowledge base made from them again. */
final class RulePackages {

    private RulePackages() {
    }

    static void write(Collection<KiePackage> packages, OutputStream out) throws IOException {
        try (DroolsObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
            objects.writeObject(new ArrayList<>(packages));
        }
    }

    /** Reads packages {@link #write} wrote, resolving the facts' classes with pgwarden's class loader. */
    static KieBase read(InputStream in) throws IOException, ClassNotFoundException {
        try (DroolsObjectInputStream objects = new DroolsObjectInputStream(in, RulePackages.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            Collection<KiePackage> packages = (Collection<KiePackage>) objects.readObject();
            InternalKnowledgeBase knowledgeBase = KnowledgeBaseFactory.newKnowledgeBase();
            knowledgeBase.addPackages(packages);
            return knowledgeBase;
        }
    }
}
