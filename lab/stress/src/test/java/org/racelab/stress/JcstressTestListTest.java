package org.racelab.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.racelab.stress.litmus.StoreBufferingPlain;

/**
 * The JCStress jar lists its tests: the annotation processor wrote every {@code @JCStressTest}
 * class of this module into {@code META-INF/TestList}, which is what {@code java -jar
 * lab/stress/target/jcstress.jar -l} prints and what {@code -t} selects from. (A JDK that ignores
 * processors found only on the class path would leave the list empty; the build names the processor
 * explicitly.)
 */
class JcstressTestListTest {

  private static List<String> annotatedTests() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            StoreBufferingPlain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classes.resolve("org/racelab/stress"))) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(p).toString().replace('\\', '/').replace('/', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.contains("$") || name.contains("_jcstress")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(name, false, JcstressTestListTest.class.getClassLoader());
          if (c.isAnnotationPresent(JCStressTest.class)) {
            out.add(name);
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(name, e);
        }
      }
    }
    return out;
  }

  @Test
  void everyJcstressTestOfTheModuleIsInTheTestList() throws Exception {
    String list;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/TestList")) {
      assertNotNull(in, "META-INF/TestList is missing: the JCStress processor did not run");
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> tests = annotatedTests();
    assertEquals(13, tests.size(), "5 tests of RaceLab's own parts and 8 litmus tests: " + tests);
    for (String t : tests) {
      assertTrue(list.contains(t + "_jcstress"), t + " is not in META-INF/TestList");
    }
  }
}
