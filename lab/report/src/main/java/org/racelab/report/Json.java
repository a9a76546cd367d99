package org.racelab.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one place JSON is configured: records serialise by their component names (which are the
 * stable field names of DESIGN section 7), maps keep their insertion order, output is indented with
 * two spaces and ends with a newline.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** The shared, immutable writer. */
  public static ObjectWriter writer() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    return MAPPER.writer(printer);
  }

  /** Renders a value as indented JSON text with a final newline. */
  public static String render(Object value) {
    try {
      return writer().writeValueAsString(value) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render result as JSON", e);
    }
  }
}
