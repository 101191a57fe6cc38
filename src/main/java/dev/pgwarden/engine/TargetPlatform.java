package dev.pgwarden.engine;

import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.PlatformSignal;
import dev.pgwarden.facts.ServerSetting;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Platform;
import dev.pgwarden.rules.ManagedChangeWording;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The platform of one target, as the user named it or detected once from its signs, and the wording of
 * findings that fits it. Facts come through the target's {@link FactCache}, so a run reads them at most once.
 */
final class TargetPlatform {

    private static final FactKind SIGNALS = FactKind.named("platform_signals").orElseThrow();
    private static final FactKind SETTINGS = FactKind.named("server_settings").orElseThrow();

    private final FactCache facts;
    private Platform platform;
    private ManagedChangeWording wording;

    /** @param named the platform the user named, or null to detect it */
    TargetPlatform(FactCache facts, Platform named) {
        this.facts = facts;
        this.platform = named;
    }

    /**
     * The platform; when its signs cannot be read (they need no privilege, so only a broken session fails
     * here) the server is taken as self-managed, which keeps ALTER SYSTEM.
     */
    Platform platform() {
        if (platform == null) {
            try {
                platform = new PlatformDetector().detect(facts.get(SIGNALS).stream().map(PlatformSignal.class::cast).toList());
            } catch (SQLException e) {
                platform = Platform.SELF_MANAGED;
            }
        }
        return platform;
    }

    /** The finding as this platform changes settings: unchanged on a self-managed server. */
    Finding reword(Finding finding) {
        if (!platform().managed() || !(finding.remediation().contains("ALTER SYSTEM") || finding.rollback().contains("ALTER SYSTEM"))) {
            return finding;
        }
        if (wording == null) {
            wording = new ManagedChangeWording(platform(), databaseSettings()::get);
        }
        return wording.reword(finding);
    }

    private Map<String, ServerSetting> databaseSettings() {
        Map<String, ServerSetting> byName = new HashMap<>();
        try {
            for (Record fact : facts.get(SETTINGS)) {
                if (fact instanceof ServerSetting setting && setting.role() == null) {
                    byName.put(setting.name().toLowerCase(Locale.ROOT), setting);
                }
            }
        } catch (SQLException e) {
            // Without contexts the wording falls back on the reload or restart note the statement carries.
        }
        return byName;
    }
}
