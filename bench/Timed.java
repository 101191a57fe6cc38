import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A child process's wall time and output. */
final class Timed {

    final double millis;
    final int exit;
    final String output;

    private Timed(double millis, int exit, String output) {
        this.millis = millis;
        this.exit = exit;
        this.output = output;
    }

    static Timed run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    static Timed run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PGPASSWORD");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        return new Timed((System.nanoTime() - start) / 1e6, exit, output);
    }
}
