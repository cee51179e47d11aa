package dev.compose2eb.plan;

import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A top-level compose secret that some service uses, and where its value comes from: a file
 * (resolved against the project directory) or a variable of the project environment. The value
 * itself is read only by the deploy that stores it ({@link SecretValues}), never by a writer.
 *
 * @param name the secret's key under {@code secrets:}
 * @param file {@code file:}, absolute
 * @param environment {@code environment:}, the variable's name
 * @param location where the secret was defined (its {@code file:} or {@code environment:} key when
 *     written)
 */
public record ComposeSecret(String name, Optional<Path> file, Optional<String> environment,
    SourceLocation location) {}
