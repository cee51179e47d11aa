package dev.compose2eb.ebcompose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema check used on generated files can fail: it rejects what compose rejects. */
class ComposeSchemaTest {

  @Test
  void acceptsAValidFile() {
    assertThat(ComposeSchema.errors("services:\n  web:\n    image: nginx\n    ports:\n"
        + "      - target: 80\n        published: \"80\"\n    mem_limit: 134217728\n")).isEmpty();
  }

  @Test
  void rejectsAnUnknownServiceKey() {
    assertThat(ComposeSchema.errors("services:\n  web:\n    image: nginx\n    enviroment: {A: b}\n"))
        .singleElement().asString().contains("enviroment");
  }

  @Test
  void rejectsAWrongType() {
    assertThat(ComposeSchema.errors("services:\n  web:\n    image: nginx\n    ports: 80\n"))
        .isNotEmpty();
  }
}
