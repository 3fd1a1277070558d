/**
 * The graded RSM tests (MIT's {@code kvraft1/rsm}): part 4A ({@link raftlab.rsm.Rsm4ATest}) and the RSM test of
 * part 4C ({@link raftlab.rsm.Rsm4CTest}), on a counter service ({@link raftlab.rsm.RsmTestServer}) replicated by
 * the student's {@link raftlab.rsm.Rsm} over three servers, driven by {@link raftlab.rsm.RsmHarness}.
 */
package raftlab.rsm;
