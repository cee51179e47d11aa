/**
 * The compose project after loading: every file merged, interpolated, extended and normalised to one
 * canonical form per key, as {@code docker compose config} shows it. Relative paths are absolute here.
 * Records only; no I/O.
 */
package dev.compose2eb.compose.model;
