package raftlab.handouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of API in the comments of the student's files, checked against the kit they are in: a type named in a
 * comment (or in commented-out skeleton code) must be a type of the kit or of the JDK, and {@code Type.member} of a
 * kit type must name something its source declares. A skeleton that teaches a type the kit does not have (say, a
 * {@code PersistentState} record that only the reference defines) sends students looking for it.
 */
final class SkeletonComments {

    /** A type-like word: two or more capitalised humps ({@code PersistentState}), or a word before {@code .member}. */
    private static final Pattern CAMEL = Pattern.compile("\\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)\\b");
    private static final Pattern MEMBER = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*|class)\\b");
    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9]*)");
    /** The JDK packages a skeleton may name types of without importing them. */
    private static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.util.concurrent",
            "java.util.concurrent.locks", "java.util.concurrent.atomic", "java.util.function", "java.io", "java.nio",
            "java.nio.file", "java.time");
    /** Names that are not types: the RPCs of the Raft paper's Figure 2 and §7, as the paper spells them. */
    private static final Set<String> PAPER_NAMES = Set.of("AppendEntries", "RequestVote", "InstallSnapshot");

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** MIT's own (Go) names, cited as such ("MIT's MakeClerk"): not a claim that the kit has the type. */
    private static final Pattern MIT_NAME = Pattern.compile("MIT's (?:\\{@code )?[A-Z][A-Za-z0-9]*\\}?");

    private final Map<String, Path> kitTypes = new HashMap<>();
    private final Set<String> codeNames = new HashSet<>();

    private SkeletonComments(Map<String, Path> kitTypes, Set<String> codeNames) {
        this.kitTypes.putAll(kitTypes);
        this.codeNames.addAll(codeNames);
    }

    /**
     * {@return the checker for the kit at {@code kit}: every type its Java sources declare, and every capitalised
     * name its code (not its comments) uses, such as enum constants}
     */
    static SkeletonComments of(Path kit) throws IOException {
        Map<String, Path> types = new HashMap<>();
        Set<String> names = new HashSet<>();
        try (Stream<Path> walk = Files.walk(kit)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = DECLARATION.matcher(Files.readString(f));
                while (m.find()) {
                    types.putIfAbsent(m.group(1), f);
                }
                for (String line : Files.readAllLines(f)) {
                    if (!isComment(line.strip())) {
                        Matcher w = CAMEL.matcher(line);
                        while (w.find()) {
                            names.add(w.group(1));
                        }
                    }
                }
            }
        }
        return new SkeletonComments(types, names);
    }

    private static boolean isComment(String stripped) {
        return stripped.startsWith("//") || stripped.startsWith("*") || stripped.startsWith("/*");
    }

    /** {@return the problems in the comment lines of {@code file}, as {@code name:line: message}} */
    List<String> problems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (!isComment(t)) {
                continue;
            }
            t = QUOTED.matcher(t).replaceAll("\"\"");   // RPC names are quoted ("Raft.requestVote"): not members
            t = MIT_NAME.matcher(t).replaceAll("MIT's");
            Set<String> types = new HashSet<>();
            Matcher camel = CAMEL.matcher(t);
            while (camel.find()) {
                types.add(camel.group(1));
            }
            Matcher member = MEMBER.matcher(t);
            while (member.find()) {
                types.add(member.group(1));
                String problem = memberProblem(member.group(1), member.group(2));
                if (problem != null) {
                    problems.add(file.getFileName() + ":" + (i + 1) + ": " + problem);
                }
            }
            for (String type : types) {
                if (!known(type)) {
                    problems.add(file.getFileName() + ":" + (i + 1) + ": " + type
                            + " is not a type of the kit or the JDK");
                }
            }
        }
        return problems;
    }

    private boolean known(String type) {
        return kitTypes.containsKey(type) || codeNames.contains(type) || PAPER_NAMES.contains(type) || jdk(type);
    }

    private String memberProblem(String type, String member) throws IOException {
        Path source = kitTypes.get(type);
        if (source == null || member.equals("class")) {
            return null;
        }
        if (!Pattern.compile("\\b" + Pattern.quote(member) + "\\b").matcher(Files.readString(source)).find()) {
            return type + "." + member + ": " + type + " has no member " + member;
        }
        return null;
    }

    private static boolean jdk(String type) {
        for (String pkg : JDK_PACKAGES) {
            try {
                Class.forName(pkg + "." + type, false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return false;
    }
}
