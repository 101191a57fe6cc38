package dev.pgwarden.cli;

import dev.pgwarden.results.PgwardenVersion;
import picocli.CommandLine;

/** {@code --version}: the version and the commit pgwarden was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {PgwardenVersion.current().describe()};
    }

    /** The version alone, as reports record it beside the commit. */
    static String version() {
        return PgwardenVersion.current().version();
    }
}
