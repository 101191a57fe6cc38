/**
 * What each PostgreSQL major itself defines as settings: the table of built-in settings generated from the real
 * servers of every supported major, the renames it cannot tell from removals, and what an upgrade from one major
 * to another changes (defaults, names, accepted values), as facts for the pre-upgrade rules.
 */
package dev.pgwarden.facts.settings;
