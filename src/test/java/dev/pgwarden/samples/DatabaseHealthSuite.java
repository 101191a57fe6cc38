package dev.pgwarden.samples;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * How a project runs pgwarden's checks in its own build: a {@code @Suite} that includes the pgwarden engine
 * and selects the built-in rules. Each check is one test, so Maven Surefire or Gradle count, report and fail
 * on them like any other test; a failing check's message names the object and the statement to fix it.
 *
 * <p>Where to check is configuration: {@code pgwarden.url} here, or {@code -Dpgwarden.url=...} (JUnit reads
 * configuration parameters from system properties too), or the PG* variables and ~/.pgpass as psql does.
 * pgwarden only reads: its session is read-only and time-limited.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.pgwarden</groupId>
 *   <artifactId>pgwarden</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.platform</groupId>
 *   <artifactId>junit-platform-suite</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>This class sits where this project's own build does not run it (it has no database to point at);
 * {@code dev.pgwarden.engine.SampleSuiteTest} runs it against an embedded PostgreSQL.
 */
@Suite
@IncludeEngines("pgwarden")
@SelectClasspathResource("rules")
// Only these checks, instead of the whole default suite:
@ConfigurationParameter(key = "pgwarden.checks", value = "connection-saturation,missing-analyze,xid-age")
// Stricter than the default for this application's tables:
@ConfigurationParameter(key = "pgwarden.set", value = "missing-analyze.min_rows=500")
// Set the target here, or leave it to -Dpgwarden.url or the PG* variables:
// @ConfigurationParameter(key = "pgwarden.url", value = "postgresql://monitor@db.example.com:5432/app")
public class DatabaseHealthSuite {
}
