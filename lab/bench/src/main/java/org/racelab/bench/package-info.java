/**
 * JMH benchmarks: detector cost per access, the clock table's rules, trace parsing throughput. Run
 * with short settings, e.g. {@code java -jar lab/bench/target/benchmarks.jar -f 1 -wi 1 -i 2 -w 1s
 * -r 1s} (see {@code docs/trace-analysis.md}).
 */
@NullMarked
package org.racelab.bench;

import org.jspecify.annotations.NullMarked;
