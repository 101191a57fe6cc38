import java.util.List;

/** @param wallMs through the launcher, with its CDS archive; plainWallMs as {@code java -jar} */
record SizeResult(int tables, List<Double> wallMs, List<Double> plainWallMs, List<Double> serverMs, List<Long> rows,
        List<Long> heapMb, List<Double> ruleWaitMs, List<Double> peerMs, int exit) {
}
