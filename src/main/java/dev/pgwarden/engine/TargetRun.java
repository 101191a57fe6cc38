package dev.pgwarden.engine;

import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.GenericPlanner;
import dev.pgwarden.facts.StatementShapes;
import dev.pgwarden.facts.PlanExplainer;
import dev.pgwarden.facts.settings.BuiltInSettings;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.WaiverBook;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.connection.TargetSession;
import java.util.Map;

/**
 * The checks of one plan against one open session, sharing facts between them: what the engine runs
 * per target container, and what the assertion API runs without a Launcher.
 */
public final class TargetRun {

    private final CheckRunner runner;
    private final TargetPlatform platform;
    private final FactReader reader;

    public TargetRun(RunPlan plan, TargetSession session) {
        FactReader reader = new FactReader(session.connection(), session.majorVersion());
        this.reader = reader;
        FactCache facts = new FactCache(reader, new FactBindings(plan.checks()));
        StatementEvidence statements = new StatementEvidence(reader, facts,
                new PlanExplainer(session.connection(), session.majorVersion(), plan.explainAnalyze()));
        this.platform = new TargetPlatform(facts, plan.platform());
        UsdtFacts traced = new UsdtFacts(plan.probe(), reader);
        ProbeFacts probe = new ProbeFacts(plan.probe(), plan.probeMap(), traced::relationReads);
        UpgradeTargetFacts upgrade = new UpgradeTargetFacts(plan.targetVersion(), session.majorVersion());
        Map<String, FactSource> sources = new java.util.HashMap<>(traced.sources());
        sources.putAll(Map.of(
                ProbeFacts.KIND, probe,
                ProbeFacts.MEASUREMENTS_KIND, probe.asMeasurements(),
                HostFactsSource.KIND, new HostFactsSource(plan.probe()),
                WaitEventsSource.KIND, new WaitEventsSource(plan.probe()),
                BaselineFacts.KIND, new BaselineFacts(plan.baseline()),
                BaselinePlanFacts.KIND, new BaselinePlanFacts(plan.baseline(),
                        new StatementShapes(reader, new GenericPlanner(session.connection(), session.majorVersion()))),
                UpgradeTargetFacts.KIND, upgrade,
                SettingChangesFacts.KIND, new SettingChangesFacts(upgrade, BuiltInSettings.shipped())));
        // A check whose probe, baseline or target version was not given is skipped before it judges: its rules
        // need not load beside the checks that run (read-latency's are the default suite's largest).
        for (SelectedCheck check : plan.checks()) {
            if (check.metadata().facts().stream().map(sources::get).anyMatch(source -> source != null && !source.given())) {
                check.check().loadOnlyIfUsed();
            }
        }
        this.runner = new CheckRunner(session.describe(), facts, sources, new WaiverBook(plan.waivers()), statements, platform,
                plan.today());
    }

    /** Where the server runs, as the user named it or as its settings and roles show. */
    public dev.pgwarden.results.Platform platform() {
        return platform.platform();
    }

    /** Which cluster and database the session is on, as the server says. */
    public dev.pgwarden.results.ServerIdentity serverIdentity() throws java.sql.SQLException {
        var server = new dev.pgwarden.facts.ServerIdentityReader(reader).read();
        return new dev.pgwarden.results.ServerIdentity(server.systemIdentifier(),
                server.systemIdentifier() == null ? "the role may not execute pg_control_system()" : null,
                server.serverVersion(), server.database(), server.databaseOid(), server.serverClock());
    }

    /** @throws TargetLostException when the connection breaks */
    public CheckResult run(SelectedCheck check) {
        return runner.run(check);
    }
}
