package dev.pgwarden.engine;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Gathers the check results the engine publishes, and why a target could not be checked, if it could not. */
public final class ResultCollector implements TestExecutionListener {

    private final List<CheckResult> results = new ArrayList<>();
    private volatile String targetFailure;
    private volatile boolean targetUnreachable;
    private volatile String platform;
    private volatile dev.pgwarden.results.Provenance provenance;

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        String named = entry.getKeyValuePairs().get(Constants.PLATFORM_ENTRY);
        if (named != null) {
            platform = named;
        }
        String proven = entry.getKeyValuePairs().get(Constants.PROVENANCE_ENTRY);
        if (proven != null) {
            provenance = dev.pgwarden.results.Provenance.fromJsonString(proven);
        }
        String json = entry.getKeyValuePairs().get(Constants.RESULT_ENTRY);
        if (json != null) {
            synchronized (results) {
                results.add(CheckResultCodec.fromJsonString(json));
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            Throwable cause = result.getThrowable().orElse(null);
            if (cause instanceof dev.pgwarden.connection.TargetUnreachableException) {
                targetUnreachable = true;
                targetFailure = cause.getMessage();
            } else if (cause instanceof TargetLostException) {
                targetFailure = cause.getMessage();
            }
        }
    }

    public List<CheckResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /** Where the target runs, as {@link dev.pgwarden.results.Platform#id()} names it; null when it was never reached. */
    public String platform() {
        return platform;
    }

    /** Which cluster was judged under which rules; null when the target was never reached. */
    public dev.pgwarden.results.Provenance provenance() {
        return provenance;
    }

    /** Null when every target could be checked. */
    public String targetFailure() {
        return targetFailure;
    }

    public boolean targetUnreachable() {
        return targetUnreachable;
    }
}
