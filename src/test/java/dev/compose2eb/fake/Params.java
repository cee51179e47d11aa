package dev.compose2eb.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Request parameters in query-protocol flattened form ({@code OptionSettings.member.1.Namespace}). */
record Params(Map<String, String> values) {

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
  }

  String required(String name) {
    return optional(name)
        .orElseThrow(() -> AwsError.sender("MissingParameter",
            "The request must contain the parameter " + name + "."));
  }

  boolean flag(String name) {
    return optional(name).map(Boolean::parseBoolean).orElse(false);
  }

  int integer(String name, int fallback) {
    return optional(name).map(Integer::parseInt).orElse(fallback);
  }

  /** Values of {@code prefix.1}, {@code prefix.2}, ... until the first gap. */
  List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; values.containsKey(prefix + "." + i); i++) {
      out.add(values.get(prefix + "." + i));
    }
    return out;
  }

  /** Structures {@code prefix.N.field}: each as its own Params with the {@code prefix.N.} removed. */
  List<Params> structs(String prefix) {
    List<Params> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String head = prefix + "." + i + ".";
      Map<String, String> fields = new LinkedHashMap<>();
      values.forEach((k, v) -> {
        if (k.startsWith(head)) {
          fields.put(k.substring(head.length()), v);
        }
      });
      if (fields.isEmpty()) {
        return out;
      }
      out.add(new Params(fields));
    }
  }

  /** The page of {@code all} that NextToken (an offset, in this fake) and MaxRecords select. */
  <T> List<T> page(List<T> all) {
    int from = Math.min(integer("NextToken", 0), all.size());
    return all.subList(from, Math.min(from + integer("MaxRecords", 1000), all.size()));
  }

  /** Writes NextToken when {@link #page} left records out. */
  void nextToken(Xml x, List<?> all) {
    int next = integer("NextToken", 0) + integer("MaxRecords", 1000);
    if (next < all.size()) {
      x.text("NextToken", Integer.toString(next));
    }
  }
}
