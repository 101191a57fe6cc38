package dev.pgwarden.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResultCodec;
import java.util.Map;
import java.util.Optional;

/**
 * Allure's {@code executor.json}: which CI build produced the results (name, build name and number, build URL), from
 * the variables GitHub Actions, GitLab CI and Jenkins set. Allure shows it in the report's overview and links each
 * history point to its build.
 */
final class AllureExecutor {

    private AllureExecutor() {
    }

    /** Empty outside those CI systems. */
    static Optional<ObjectNode> of(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String run = env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID");
            return Optional.of(executor("GitHub Actions", "github", env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY"),
                    env.get("GITHUB_RUN_NUMBER"), env.get("GITHUB_WORKFLOW") + " #" + env.get("GITHUB_RUN_NUMBER"), run));
        }
        if ("true".equals(env.get("GITLAB_CI"))) {
            return Optional.of(executor("GitLab CI", "gitlab", env.get("CI_PROJECT_URL"), env.get("CI_PIPELINE_IID"),
                    env.get("CI_PROJECT_PATH") + " #" + env.get("CI_PIPELINE_IID") + " " + env.get("CI_JOB_NAME"),
                    env.getOrDefault("CI_JOB_URL", env.get("CI_PIPELINE_URL"))));
        }
        if (env.containsKey("JENKINS_URL")) {
            return Optional.of(executor("Jenkins", "jenkins", env.get("JENKINS_URL"), env.get("BUILD_NUMBER"),
                    env.get("JOB_NAME") + " #" + env.get("BUILD_NUMBER"), env.get("BUILD_URL")));
        }
        return Optional.empty();
    }

    private static ObjectNode executor(String name, String type, String url, String number, String buildName, String buildUrl) {
        ObjectNode node = CheckResultCodec.mapper().createObjectNode().put("name", name).put("type", type).put("url", url)
                .put("buildName", buildName).put("buildUrl", buildUrl).put("reportName", "pgwarden");
        try {
            node.put("buildOrder", Long.parseLong(number));
        } catch (NumberFormatException e) {
            // Without a number Allure orders the history by time.
        }
        return node;
    }
}
