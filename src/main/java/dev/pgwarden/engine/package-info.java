/**
 * The JUnit Platform {@code TestEngine} with id {@code pgwarden}: one container per target, one test per
 * selected check. Runnable from the CLI through the Launcher and from a user's own build through a
 * {@code @Suite @IncludeEngines("pgwarden")} class.
 */
package dev.pgwarden.engine;
