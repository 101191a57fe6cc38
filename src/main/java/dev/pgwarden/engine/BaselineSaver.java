package dev.pgwarden.engine;

import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.facts.BaselineStatement;
import dev.pgwarden.facts.GenericPlanner;
import dev.pgwarden.facts.RecordedStatements;
import dev.pgwarden.facts.StatementShapes;
import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.Measurement;
import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records today's measurements of a target, and the probe's if one is given, with the top statements of
 * pg_stat_statements and the shapes of their plans, as a baseline file.
 */
public final class BaselineSaver {

    /** The top statements a baseline keeps with their plans, unless told otherwise. */
    public static final int DEFAULT_TOP_STATEMENTS = 20;

    /** What a save wrote: how many measured values and statements, and how many of those had a plan. */
    public record Saved(int measurements, int statements, int planned, String statementsNote) {
    }

    /** @param topStatements how many statements, by total execution time, to keep with their plans */
    public Saved save(ConnectionSettings target, SessionOptions options, Path probe, String probeMap, Path out, int topStatements)
            throws TargetUnreachableException, SQLException, IOException {
        try (TargetSession session = TargetSession.open(target, options)) {
            FactReader reader = new FactReader(session.connection(), session.majorVersion());
            List<Measurement> measurements = new ArrayList<>();
            for (String kind : List.of("measurements", "statement_measurements")) {
                reader.read(FactKind.named(kind).orElseThrow(), Map.of()).forEach(r -> measurements.add((Measurement) r));
            }
            measurements.addAll(new ProbeFacts(probe, probeMap).measurements());
            RecordedStatements statements = new StatementShapes(reader,
                    new GenericPlanner(session.connection(), session.majorVersion())).record(topStatements);
            BaselineFile.write(out, session.describe(), session.serverVersionNum(), measurements, statements);
            return new Saved(measurements.size(), statements.statements().size(),
                    (int) statements.statements().stream().filter(BaselineStatement::plannable).count(), statements.note());
        }
    }
}
