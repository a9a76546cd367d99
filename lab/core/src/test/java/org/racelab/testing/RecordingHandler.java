package org.racelab.testing;

import java.util.ArrayList;
import java.util.List;
import org.racelab.trace.TraceHandler;

/** A {@link TraceHandler} that writes down every call as a short string, for assertions. */
public final class RecordingHandler implements TraceHandler {
  private final List<String> calls = new ArrayList<>();

  /**
   * The calls so far, e.g. {@code "w t0 v1 @34"}, {@code "racq t1 l0 @7"}, {@code "fork t0 t2"}.
   */
  public List<String> calls() {
    return calls;
  }

  @Override
  public void access(int thread, int variable, int kind, int site) {
    String op =
        switch (kind) {
          case 0 -> "r";
          case 1 -> "w";
          case 2 -> "ar";
          default -> "aw";
        };
    calls.add(op + " t" + thread + " v" + variable + " @" + site);
  }

  @Override
  public void acquire(int thread, int lock, boolean shared, int site) {
    calls.add((shared ? "racq" : "acq") + " t" + thread + " l" + lock + " @" + site);
  }

  @Override
  public void release(int thread, int lock, boolean shared, int site) {
    calls.add((shared ? "rrel" : "rel") + " t" + thread + " l" + lock + " @" + site);
  }

  @Override
  public void send(int thread, int object, int site) {
    calls.add("send t" + thread + " o" + object + " @" + site);
  }

  @Override
  public void receive(int thread, int object, int site) {
    calls.add("recv t" + thread + " o" + object + " @" + site);
  }

  @Override
  public void fork(int parent, int child, int site) {
    calls.add("fork t" + parent + " t" + child + " @" + site);
  }

  @Override
  public void join(int joiner, int child, int site) {
    calls.add("join t" + joiner + " t" + child + " @" + site);
  }

  @Override
  public void begin(int thread, int site) {
    calls.add("begin t" + thread + " @" + site);
  }

  @Override
  public void end(int thread, int site) {
    calls.add("end t" + thread + " @" + site);
  }
}
