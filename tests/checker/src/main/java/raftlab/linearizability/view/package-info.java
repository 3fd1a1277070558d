/**
 * The history view: one self-contained HTML file (inline CSS, JavaScript and data; no network) that draws a checked
 * history the way Porcupine's visualization does. One row per client with the operations as boxes, one row per
 * annotation tag, and per partition the longest partial linearization found, as linearization points joined by a
 * line; the operations that could have come next but were illegal are marked in red. Hovering or clicking an
 * operation shows the model state before and after it.
 *
 * <p>{@link raftlab.linearizability.view.HistoryView} renders; {@link raftlab.linearizability.view.Visualization}
 * decides, from {@code VIS_ENABLE} and {@code VIS_FILE}, whether and where a KV test writes one. All history text is
 * escaped: labels and states reach the page as escaped SVG text or as JSON read with {@code textContent}, never as
 * markup, so a value like {@code <script>} in a Put cannot inject anything.
 */
package raftlab.linearizability.view;
