package dev.compose2eb.ebcompose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The official Compose Specification JSON schema (src/test/resources/compose-spec/, see its README),
 * which Docker Compose checks every file against: the generated compose files must pass it.
 */
public final class ComposeSchema {
  private static final Schema SCHEMA = load();

  private ComposeSchema() {}

  /** The schema's complaints about a compose file's YAML text; empty when it is valid. */
  public static List<String> errors(String yaml) {
    Object value = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    List<Error> errors = SCHEMA.validate(new ObjectMapper().valueToTree(value));
    return errors.stream().map(Error::toString).toList();
  }

  private static Schema load() {
    try (InputStream in = ComposeSchema.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
      // the schema's $id is relative ("compose_spec.json"): give it an absolute base to resolve on
      // "deprecated" marks old fields (a 2019-09 annotation the draft-07 schema uses): known, not checked
      Dialect dialect = Dialect.builder(Dialects.getDraft7())
          .keyword(new NonValidationKeyword("deprecated")).build();
      return SchemaRegistry.withDefaultDialect(dialect).getSchema(
          SchemaLocation.of("https://compose-spec.io/schema/compose-spec.json"),
          new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
