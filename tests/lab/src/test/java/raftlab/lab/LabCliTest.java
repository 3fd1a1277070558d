package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a user meets it: help everywhere, and ./lab list from the committed list of graded tests. */
class LabCliTest {

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        CommandLine lab = Lab.commandLine();
        for (String sub : lab.getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            for (String flag : new String[] {"--help", "-h"}) {
                StringWriter out = new StringWriter();
                CommandLine cl = Lab.commandLine();
                cl.setOut(new PrintWriter(out));
                int status = cl.execute(sub, flag);

                assertThat(status).as("./lab %s %s", sub, flag).isZero();
                assertThat(out.toString()).as("./lab %s %s", sub, flag).contains("Usage: lab " + sub);
            }
        }
    }

    @Test
    void listReadsTheCommittedCatalogueAndShowsTheTestersLimit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Lab.commandLine().execute("list", "3A");
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).isZero();
        // the tester fails a test at 120 s (the handouts' number); 130 s is JUnit's backstop above it
        assertThat(out).contains("TestInitialElection3A", "limit 120 s", "Test (3A): initial election")
                .doesNotContain("limit 130 s");
    }
}
