/**
 * Checks the lab handouts ({@code handouts/*.md}) against the code: every graded test named in its lab's handout,
 * no name of a test, class, member or {@code ./lab} subcommand or option that does not exist, sample output whose
 * titles are the tests' real titles, and Markdown that renders (links, anchors, fences, tables).
 */
package raftlab.handouts;
