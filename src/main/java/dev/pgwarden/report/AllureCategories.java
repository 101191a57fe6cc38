package dev.pgwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pgwarden.results.CheckResultCodec;

/**
 * Allure's {@code categories.json}: sorts results as a reader of a health report needs them, instead of under
 * Allure's default "Product defects". A failed check's message lists each finding as {@code - [critical] object}
 * ({@code CheckFailedError}); a skipped check's says what it lacked; a check that errored is "broken" in Allure.
 */
final class AllureCategories {

    static final String CRITICAL = "Critical findings";
    static final String WARNINGS = "Warnings";
    static final String SKIPPED_PRIVILEGE = "Skipped: missing privilege or extension";
    static final String SKIPPED = "Skipped: not given what it needs";
    static final String ERRORS = "Errors";
    static final String WAIVED = "Waived findings";

    private AllureCategories() {
    }

    static ArrayNode json() {
        ArrayNode categories = CheckResultCodec.mapper().createArrayNode();
        category(categories, CRITICAL, "failed", "(?s).*- \\[critical\\] .*");
        category(categories, WARNINGS, "failed", "(?s)(?!.*- \\[critical\\] ).*- \\[warning\\] .*");
        category(categories, SKIPPED_PRIVILEGE, "skipped", "(?s).*(privilege|extension|permission).*");
        category(categories, SKIPPED, "skipped", "(?s)(?!.*(privilege|extension|permission)).*");
        category(categories, ERRORS, "broken", "(?s).*");
        category(categories, WAIVED, "passed", "(?s).*waived.*");
        return categories;
    }

    private static void category(ArrayNode categories, String name, String status, String messageRegex) {
        categories.addObject().put("name", name).put("messageRegex", messageRegex).putArray("matchedStatuses").add(status);
    }
}
