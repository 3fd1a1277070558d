/**
 * Checks the kit as a whole: the lab handouts ({@code handouts/*.md}) against the code (every graded test named in
 * its lab's handout, no name of a test, class, member or {@code ./lab} subcommand or option that does not exist,
 * sample output whose titles are the tests' real titles, and Markdown that renders); the comments of the generated
 * kit's student files against the kit's API; the committed list of graded tests against JUnit discovery; and the
 * {@code ./lab} tool in a kit whose student code does not compile.
 */
package raftlab.handouts;
