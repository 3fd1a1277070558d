/**
 * Checks the bug zoo ({@code tests/lab/zoo}, staff only) without running it: every mutant parses, its snippets apply to
 * the current reference, its tests exist, and generating the student kit leaves no trace of it.
 */
package raftlab.zoo;
