package org.racelab.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decisions of one run, and their compact text form.
 *
 * <p>The text lists the threads that took each step, by letter ({@code a} is thread 0, {@code b}
 * thread 1, ..., {@code A}..{@code Z} threads 26 to 51, {@code {n}} any thread), with a count for
 * repeated steps: {@code a3b2a} is three steps of thread 0, two of thread 1, one of thread 0. A
 * step that had to choose (which store a weak load read) carries its choice after a colon: {@code
 * b:1} means thread 1 stepped and took option 1. Choices of 0 are written too, so the text alone
 * reproduces the run.
 *
 * @param steps one entry per step
 */
public record Schedule(List<Step> steps) {

  /**
   * One step.
   *
   * @param thread the thread that moved
   * @param choices the options taken inside the step, in order
   */
  public record Step(int thread, List<Integer> choices) {}

  /** The compact text form. */
  public String encode() {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < steps.size()) {
      Step s = steps.get(i);
      if (!s.choices().isEmpty()) {
        sb.append(letter(s.thread()));
        for (int c : s.choices()) {
          sb.append(':').append(c);
        }
        i++;
        continue;
      }
      int run = 1;
      while (i + run < steps.size()
          && steps.get(i + run).thread() == s.thread()
          && steps.get(i + run).choices().isEmpty()) {
        run++;
      }
      sb.append(letter(s.thread()));
      if (run > 1) {
        sb.append(run);
      }
      i += run;
    }
    return sb.toString();
  }

  private static String letter(int t) {
    if (t < 26) {
      return String.valueOf((char) ('a' + t));
    }
    if (t < 52) {
      return String.valueOf((char) ('A' + t - 26));
    }
    return "{" + t + "}";
  }

  /** Parses the text form; throws IllegalArgumentException with the offending column. */
  public static Schedule decode(String text) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    String s = text.strip();
    while (i < s.length()) {
      int start = i;
      char c = s.charAt(i);
      int thread;
      if (c >= 'a' && c <= 'z') {
        thread = c - 'a';
        i++;
      } else if (c >= 'A' && c <= 'Z') {
        thread = c - 'A' + 26;
        i++;
      } else if (c == '{') {
        int close = s.indexOf('}', i);
        if (close < 0) {
          throw bad(s, i, "a '{' that is never closed");
        }
        try {
          thread = Integer.parseInt(s.substring(i + 1, close));
        } catch (NumberFormatException e) {
          throw bad(s, i, "a thread number between braces");
        }
        i = close + 1;
      } else {
        throw bad(s, i, "a thread letter (a-z, A-Z) or {n}");
      }
      List<Integer> choices = new ArrayList<>();
      while (i < s.length() && s.charAt(i) == ':') {
        int d = ++i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (d == i) {
          throw bad(s, d, "a choice number after ':'");
        }
        choices.add(Integer.parseInt(s.substring(d, i)));
      }
      int count = 1;
      if (choices.isEmpty() && i < s.length() && Character.isDigit(s.charAt(i))) {
        int d = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        try {
          count = Integer.parseInt(s.substring(d, i));
        } catch (NumberFormatException e) {
          throw bad(s, d, "a repeat count");
        }
        if (count < 1 || count > 10_000_000) {
          throw bad(s, d, "a repeat count between 1 and 10000000");
        }
      }
      if (start == i) {
        throw bad(s, i, "a step");
      }
      for (int k = 0; k < count; k++) {
        steps.add(new Step(thread, List.copyOf(choices)));
      }
    }
    return new Schedule(List.copyOf(steps));
  }

  private static IllegalArgumentException bad(String s, int at, String expected) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "schedule text, column %d: expected %s, found %s",
            at + 1,
            expected,
            at < s.length() ? "'" + s.charAt(at) + "'" : "the end"));
  }

  @Override
  public String toString() {
    return encode();
  }
}
