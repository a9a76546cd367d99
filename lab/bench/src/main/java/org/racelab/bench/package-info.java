/** JMH benchmarks: detector cost per event, trace parsing throughput, interpreter steps. */
package org.racelab.bench;
