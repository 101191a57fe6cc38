package dev.pgwarden.engine;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.Provenance;
import java.sql.SQLException;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

/**
 * Executes the discovered tree: connects to each target once, runs its checks in order on that read-only
 * session and reports each result, both as a test result and as a JSON report entry.
 */
final class PgwardenExecutor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgwardenExecutor.class);
    private final EngineExecutionListener listener;

    PgwardenExecutor(EngineExecutionListener listener) {
        this.listener = listener;
    }

    void execute(TestDescriptor engine) {
        listener.executionStarted(engine);
        for (TestDescriptor child : engine.getChildren()) {
            executeTarget((TargetDescriptor) child);
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private void executeTarget(TargetDescriptor target) {
        listener.executionStarted(target);
        RunPlan plan = target.plan();
        try (TargetSession session = SessionsOpenedAhead.take(plan.target(), plan.sessionOptions())) {
            listener.reportingEntryPublished(target, ReportEntry.from(Constants.TARGET_ENTRY,
                    session.describe() + " (server_version_num " + session.serverVersionNum() + ")"));
            // Open Test Reporting's XML keeps report entries: it says which pgwarden judged.
            listener.reportingEntryPublished(target, ReportEntry.from(Constants.VERSION_ENTRY, PgwardenVersion.current().describe()));
            TargetRun run = new TargetRun(plan, session);
            listener.reportingEntryPublished(target, ReportEntry.from(Constants.PLATFORM_ENTRY, run.platform().id()));
            listener.reportingEntryPublished(target, ReportEntry.from(Constants.PROVENANCE_ENTRY, provenance(plan, run).toJsonString()));
            for (TestDescriptor child : target.getChildren()) {
                executeCheck((CheckDescriptor) child, run);
            }
            listener.executionFinished(target, TestExecutionResult.successful());
        } catch (TargetUnreachableException | TargetLostException e) {
            listener.executionFinished(target, TestExecutionResult.failed(e));
        }
    }

    /** The plan's rules and the server's identity; without the latter when the session cannot say it. */
    private static Provenance provenance(RunPlan plan, TargetRun run) {
        try {
            return plan.provenance().withServer(run.serverIdentity());
        } catch (SQLException e) {
            LOG.warn("cannot read the server's identity for the reports' provenance: {}", e.getMessage());
            return plan.provenance();
        }
    }

    private void executeCheck(CheckDescriptor descriptor, TargetRun run) {
        listener.executionStarted(descriptor);
        CheckResult result;
        try {
            result = run.run(descriptor.check());
        } catch (TargetLostException e) {
            listener.executionFinished(descriptor, TestExecutionResult.failed(e));
            throw e;
        }
        listener.reportingEntryPublished(descriptor,
                ReportEntry.from(Constants.RESULT_ENTRY, CheckResultCodec.toJsonString(result)));
        listener.executionFinished(descriptor, switch (result.status()) {
            case PASSED -> TestExecutionResult.successful();
            case FAILED -> TestExecutionResult.failed(new CheckFailedError(result));
            case SKIPPED -> TestExecutionResult.aborted(new TestAbortedException(result.reason()));
            case ERROR -> TestExecutionResult.failed(new CheckErrorException(result.reason()));
        });
    }
}
