package dev.pgwarden.report;

/** The line that opens the Markdown report of a run with {@code --previous}: how many findings are new, resolved and still failing. */
final class MarkdownTrend {

    private MarkdownTrend() {
    }

    static String summary(RunDiff diff, String target) {
        int added = 0;
        int resolved = 0;
        int still = 0;
        for (RunDiff.TargetDiff t : diff.targets()) {
            if (t.target().equals(target) || diff.targets().size() == 1) {
                added += t.added().size();
                resolved += t.resolved().size();
                still += t.still().size();
            }
        }
        return "**Since the previous run:** " + added + " new, " + resolved + " resolved, " + still + " still failing";
    }
}
