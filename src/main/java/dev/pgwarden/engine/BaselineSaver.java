package dev.pgwarden.engine;

import dev.pgwarden.facts.BaselineFile;
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

/** Records today's measurements of a target, and the probe's if one is given, as a baseline file. */
public final class BaselineSaver {

    /** @return how many values were saved */
    public int save(ConnectionSettings target, SessionOptions options, Path probe, String probeMap, Path out)
            throws TargetUnreachableException, SQLException, IOException {
        try (TargetSession session = TargetSession.open(target, options)) {
            FactReader reader = new FactReader(session.connection(), session.majorVersion());
            List<Measurement> measurements = new ArrayList<>();
            for (String kind : List.of("measurements", "statement_measurements")) {
                reader.read(FactKind.named(kind).orElseThrow(), Map.of()).forEach(r -> measurements.add((Measurement) r));
            }
            measurements.addAll(new ProbeFacts(probe, probeMap).measurements());
            BaselineFile.write(out, session.describe(), session.serverVersionNum(), measurements);
            return measurements.size();
        }
    }
}
