import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A process's wall and CPU time and peak resident memory, as GNU time reports them. */
record Usage(double wallMs, double cpuMs, long rssKb, int exit, String output) {

    static Usage of(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path stats = Files.createTempFile("pgwarden-bench", ".time");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", stats.toString(), "-f", "%e %U %S %M"));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String[] figures = Files.readAllLines(stats).stream().filter(l -> l.matches("[0-9. ]+")).reduce((a, b) -> b).orElseThrow().split(" ");
        Files.delete(stats);
        return new Usage(wall, (Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])) * 1000, Long.parseLong(figures[3]), exit, output);
    }
}
