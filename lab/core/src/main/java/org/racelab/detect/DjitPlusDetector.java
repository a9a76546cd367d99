package org.racelab.detect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DJIT+ (Pozniansky &amp; Schuster, PPoPP 2003): a read and a write vector clock per variable.
 * Placeholder until the optimised implementation lands; same contract.
 */
public final class DjitPlusDetector implements Detector {
  private final ClockTable clocks;
  private int[][][] vcs = new int[0][][]; // var -> kind -> thread clock
  private ConflictSink sink = (t, k, s, c) -> {};
  private long races;

  /** A detector over the given clocks. */
  public DjitPlusDetector(ClockTable clocks) {
    this.clocks = clocks;
  }

  @Override
  public String name() {
    return "djit";
  }

  @Override
  public boolean access(int thread, int variable, int site, int kind) {
    if (variable >= vcs.length) {
      vcs = Arrays.copyOf(vcs, Math.max(variable + 1, vcs.length * 2));
    }
    if (vcs[variable] == null) {
      vcs[variable] = new int[4][];
    }
    int n = clocks.threadCount();
    boolean racy = false;
    for (int k = 0; k < 4; k++) {
      if (!AccessKind.conflicts(k, kind) || vcs[variable][k] == null) {
        continue;
      }
      int[] vc = vcs[variable][k];
      for (int u = 0; u < Math.min(n, vc.length); u++) {
        if (u != thread && vc[u] > clocks.get(thread, u)) {
          racy = true;
          sink.conflict(u, k, site, vc[u]);
        }
      }
    }
    int[] mine = vcs[variable][kind];
    if (mine == null || mine.length < n) {
      mine = mine == null ? new int[n] : Arrays.copyOf(mine, n);
      vcs[variable][kind] = mine;
    }
    mine[thread] = clocks.epochClock(thread);
    if (racy) {
      races++;
    }
    return racy;
  }

  @Override
  public void setConflictSink(ConflictSink sink) {
    this.sink = sink;
  }

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("racyAccesses", races);
    return m;
  }
}
