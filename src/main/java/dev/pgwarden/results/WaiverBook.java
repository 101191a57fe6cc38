package dev.pgwarden.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a suite's waivers to one check's findings, after the rules have judged: a live waiver moves a
 * matching finding aside, an expired one no longer applies and says so, and a waiver that matched
 * nothing is reported so stale waivers get cleaned up.
 */
public final class WaiverBook {

    private final List<Waiver> waivers;

    public WaiverBook(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
    }

    /** What remains failing, what was waived, and notes about the waivers themselves. */
    public record Applied(List<Finding> failing, List<WaivedFinding> waived, List<String> notes) {
    }

    public Applied apply(String checkId, List<Finding> findings, LocalDate today) {
        List<Waiver> forCheck = waivers.stream().filter(w -> w.check().equals(checkId)).toList();
        List<Finding> failing = new ArrayList<>();
        List<WaivedFinding> waived = new ArrayList<>();
        Set<String> notes = new java.util.LinkedHashSet<>();
        Set<Waiver> used = new HashSet<>();
        for (Finding finding : findings) {
            Waiver live = null;
            for (Waiver waiver : forCheck) {
                if (!waiver.object().matches(finding.object())) {
                    continue;
                }
                used.add(waiver);
                if (waiver.expiredOn(today)) {
                    notes.add(waiver.describe() + " expired on " + waiver.expires() + " and no longer applies to " + finding.object());
                } else if (live == null) {
                    live = waiver;
                }
            }
            if (live == null) {
                failing.add(finding);
            } else {
                waived.add(new WaivedFinding(finding, live));
            }
        }
        for (Waiver waiver : forCheck) {
            if (!used.contains(waiver)) {
                notes.add(waiver.describe() + " matched no finding; remove it if the problem is gone");
            }
        }
        return new Applied(failing, waived, new ArrayList<>(notes));
    }
}
