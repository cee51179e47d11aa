package dev.compose2eb.fake;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Minimal XML writer for query-protocol answers; elements only, text escaped. */
final class Xml {
  private final StringBuilder out = new StringBuilder();

  Xml start(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  Xml start(String name, String xmlns) {
    out.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
    return this;
  }

  Xml end(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  Xml text(String name, String value) {
    out.append('<').append(name).append('>');
    escape(value);
    out.append("</").append(name).append('>');
    return this;
  }

  Xml text(String name, Object value) {
    return text(name, value instanceof Instant i ? Times.iso(i) : String.valueOf(value));
  }

  Xml optional(String name, Optional<String> value) {
    value.ifPresent(v -> text(name, v));
    return this;
  }

  /** A query-protocol list: {@code <name><member>..</member>...</name>}. */
  <T> Xml members(String name, Collection<T> items, BiConsumer<Xml, T> member) {
    start(name);
    for (T item : items) {
      start("member");
      member.accept(this, item);
      end("member");
    }
    return end(name);
  }

  Xml strings(String name, Collection<String> items) {
    start(name);
    items.forEach(i -> text("member", i));
    return end(name);
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
