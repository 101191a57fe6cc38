package dev.pgwarden.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which package a file belongs to and where that package came from: dpkg and apt-cache on Debian and its
 * derivatives, rpm elsewhere. apt-cache's candidate is as new as the host's last package list update.
 */
final class PackageLookup {

    private PackageLookup() {
    }

    static Optional<HostPackage> of(Path file) {
        String owner = HostSystemCollector.output(List.of("dpkg-query", "-S", file.toString())).strip();
        if (!owner.isEmpty() && owner.contains(":")) {
            String name = owner.substring(0, owner.indexOf(':')).split(",")[0].strip();
            return Optional.of(fromApt(name, HostSystemCollector.output(List.of("apt-cache", "policy", name)), file));
        }
        String rpm = HostSystemCollector.output(List.of("rpm", "-qf", "--qf", "%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n",
                file.toString())).strip();
        String[] fields = rpm.split("\t");
        if (fields.length == 3 && !rpm.contains("not owned")) {
            return Optional.of(new HostPackage(fields[0], fields[1], "", fields[2].equals("(none)") ? List.of() : List.of(fields[2]),
                    file.toString()));
        }
        return Optional.empty();
    }

    /**
     * Reads apt-cache policy's Installed and Candidate lines and the sources listed under the installed version
     * (the line marked ***) in its version table, the local status file left out.
     */
    static HostPackage fromApt(String name, String policy, Path file) {
        String installed = "";
        String candidate = "";
        List<String> origins = new ArrayList<>();
        boolean inInstalled = false;
        for (String line : policy.split("\n")) {
            String text = line.strip();
            if (text.startsWith("Installed:")) {
                installed = text.substring("Installed:".length()).strip();
            } else if (text.startsWith("Candidate:")) {
                candidate = text.substring("Candidate:".length()).strip();
            } else if (line.startsWith(" *** ")) {
                inInstalled = true;
            } else if (line.startsWith("     ") && !line.startsWith("      ")) {
                inInstalled = false;
            } else if (inInstalled && text.matches("-?\\d+ .*")) {
                String source = text.substring(text.indexOf(' ') + 1);
                if (!source.startsWith("/var/lib/dpkg/status")) {
                    origins.add(source.replaceFirst(" \\S+ Packages$", ""));
                }
            }
        }
        return new HostPackage(name, installed, candidate.equals("(none)") ? "" : candidate, origins, file.toString());
    }
}
