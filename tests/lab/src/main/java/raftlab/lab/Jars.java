package raftlab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Class folders as jars: a class-data archive (AppCDS) can only hold classes from jars. */
final class Jars {

    private Jars() {}

    /** Writes the files under {@code dir} to {@code jar}, replacing it atomically (readers see old or new). */
    static void write(Path dir, Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream raw = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(raw)) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@return the jar a module's class folder becomes: raft/target/classes is raft-classes.jar} */
    static String nameOf(Path root, Path classes) {
        return root.relativize(classes).toString().replace('\\', '/').replace("/target/", "-").replace('/', '-')
                + ".jar";
    }
}
