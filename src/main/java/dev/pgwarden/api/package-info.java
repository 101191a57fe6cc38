/**
 * The assertion API for users' own JUnit tests: run a suite against a {@code DataSource} or JDBC URL and
 * fail with the findings' text when the database is not healthy.
 */
package dev.pgwarden.api;
