package raftlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: {@code -Dlab.root} (the launcher sets it), else the nearest parent with {@code ./lab}. */
final class LabHome {

    static final String ROOT_PROPERTY = "lab.root";

    private LabHome() {}

    /** {@return the repository, or null if it cannot be found} */
    static Path rootOrNull() {
        try {
            return root();
        } catch (Lab.UsageException e) {
            return null;
        }
    }

    static Path root() {
        String set = System.getProperty(ROOT_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new Lab.UsageException("cannot find the raftlab repository: run ./lab from it");
    }
}
